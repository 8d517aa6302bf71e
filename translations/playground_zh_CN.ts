<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>{s:.3g}·o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{o} / T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp({z})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exp({z} − max)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Logits o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>o = the model&apos;s 10 outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scaled: {o}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max = {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Exponentiate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ = {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. ÷ Σ gives ŷ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷⱼ = exp(…ⱼ) / Σᵢ exp(…ᵢ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ ŷ = {sum}
entropy H(ŷ) = {bits} bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Gradient ∂l/∂o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷ − y (y = one-hot of the true class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ = {sum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss l = −log ŷ_y = −log {p} = {loss}   (y = {name})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the true class y above to see the loss −log ŷ_y and the gradient ŷ − y.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No overflow yet: the largest exp is {big}. float32 holds up to about exp(88.7) ≈ 3.4e38.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overflow! exp of a number above 88.7 is more than a float32 can hold, so it becomes inf, and inf / inf is NaN: the loss and the gradient are NaN too and training would break. Tick “Subtract the max”: exp(o − max o) ≤ 1 never overflows, and ŷ is the same because the shift cancels in the division.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ΔW = −lr (ŷ − y) xᵀ with lr = {lr:g}: the true class&apos;s weights gain the image (red), every other class loses it (blue) in proportion to the probability it took. Shared colour scale ±{reach}. In training the step is averaged over a batch (lr / 256 for this image with the lesson&apos;s batch of 256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷ before the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷ after the step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BrowseControls</name>
    <message>
        <source>Test set (10,000)</source>
        <translation>测试集（10,000 张）</translation>
    </message>
    <message>
        <source>Training set (60,000)</source>
        <translation>训练集（60,000 张）</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Loss (hardest first)</source>
        <translation>损失（最难的在前）</translation>
    </message>
    <message>
        <source>Confidence (least sure first)</source>
        <translation>置信度（最不确定的在前）</translation>
    </message>
    <message>
        <source>Confidence (most sure first)</source>
        <translation>置信度（最确定的在前）</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Only misclassified</source>
        <translation>只看分错的</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>BrowsePanel</name>
    <message>
        <source>No model yet: train one on the Train tab or choose a pretrained model.</source>
        <translation>还没有模型：请在“训练”标签页训练一个，或选择一个预训练模型。</translation>
    </message>
</context>
<context>
    <name>BrowseSidePane</name>
    <message>
        <source>Confusion matrix: click a cell to see those images</source>
        <translation>混淆矩阵：点击一个格子查看这些图像</translation>
    </message>
</context>
<context>
    <name>CalibrationBox</name>
    <message>
        <source>What softmax means statistically: is “80 %” right 80 % of the time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ŷ is a probability distribution over the ten classes. A model is calibrated when its confidence matches reality: of all the test images it calls 80 % sure, about 80 % are right. Each bar below is one confidence bin; on the dashed diagonal it would be perfectly calibrated, below it the model is over-confident. ECE (expected calibration error) is the average gap, weighted by the images in each bin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute on the test set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit temperature T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the fitted T on the steps above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use T = {t:.2f} on the steps above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECE {ece:.1f} %   ·   accuracy {acc:.1f} %   ·   mean confidence {conf:.1f} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T = {t:.2f}:   ECE {before:.1f} % → {after:.1f} %   ·   NLL {nll0:.3f} → {nll1:.3f}   ·   accuracy unchanged ({acc:.1f} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test set is not loaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model has changed since: press “Compute on the test set” again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax(o / T) divides every logit by the same T, so the winning class never changes, only how sure the model says it is. T is fitted here on the same test images, which is fine to show the idea; a real project fits it on held-out data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no model to measure yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixWidget</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count:,} images
Click to show them</source>
        <translation>真实 {true}，预测 {predicted}：{count:,} 张图像
点击查看</translation>
    </message>
    <message>
        <source>predicted →</source>
        <translation>预测 →</translation>
    </message>
    <message>
        <source>← true</source>
        <translation>← 真实</translation>
    </message>
    <message>
        <source>No predictions yet.</source>
        <translation>还没有预测。</translation>
    </message>
</context>
<context>
    <name>DrawToolBar</name>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Draw with white chalk</source>
        <translation>用白色粉笔画</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Rub out (the right mouse button erases too)</source>
        <translation>擦除（鼠标右键也能擦）</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Click inside an outline to fill it</source>
        <translation>在轮廓内点击即可填充</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Brush size ([ and ] change it)</source>
        <translation>画笔大小（[ 和 ] 键可调整）</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>缩小画笔</translation>
    </message>
    <message>
        <source>Bigger brush</source>
        <translation>放大画笔</translation>
    </message>
    <message>
        <source>Fill inside</source>
        <translation>填充内部</translation>
    </message>
    <message>
        <source>Turn every closed outline into a solid shape</source>
        <translation>把每个封闭轮廓变成实心图形</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear the board</source>
        <translation>清空绘图板</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Classify a photo or drawing from a file</source>
        <translation>对文件中的照片或图画进行分类</translation>
    </message>
</context>
<context>
    <name>FashionStrip</name>
    <message>
        <source>True and predicted labels of the first images</source>
        <translation>前几张图像的真实标签和预测标签</translation>
    </message>
    <message>
        <source>No images to show.</source>
        <translation>没有可显示的图像。</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>No Chinese font found: install fonts-noto-cjk (scripts/setup.sh does) so that Chinese text shows.</source>
        <translation>找不到中文字体：请安装 fonts-noto-cjk（scripts/setup.sh 会安装），中文才能正常显示。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonStripPane</name>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>The lesson&apos;s picture: the first {count} images shown, true over predicted</source>
        <translation>课上的那张图：前 {count} 张图像，上面是真实标签，下面是预测标签</translation>
    </message>
    <message>
        <source>Save the lesson&apos;s picture</source>
        <translation>保存课上的那张图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Could not write {path}. Check that the folder exists and is writable.</source>
        <translation>无法写入 {path}。请检查文件夹是否存在且可写。</translation>
    </message>
</context>
<context>
    <name>ModelInputPreview</name>
    <message>
        <source>what the model sees</source>
        <translation>模型看到的图像</translation>
    </message>
    <message>
        <source>What the model sees: 28×28 pixels, garment light on dark, like Fashion-MNIST</source>
        <translation>模型看到的图像：28×28 像素，深色背景上的浅色服饰，与 Fashion-MNIST 一致</translation>
    </message>
</context>
<context>
    <name>ModelSource</name>
    <message>
        <source>Live: the model being trained</source>
        <translation>实时：正在训练的模型</translation>
    </message>
    <message>
        <source>Pretrained: {name}</source>
        <translation>预训练：{name}</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>{path} is missing</source>
        <translation>{path} 不存在</translation>
    </message>
</context>
<context>
    <name>PaintControls</name>
    <message>
        <source>Edited by hand: the Draw tab answers with these weights too.</source>
        <translation>已手动编辑：“绘图”标签页也用这些权重作答。</translation>
    </message>
    <message>
        <source>Paint:</source>
        <translation>绘制：</translation>
    </message>
    <message>
        <source>+ towards</source>
        <translation>+ 靠近</translation>
    </message>
    <message>
        <source>Painted pixels make the image more like this class</source>
        <translation>绘制的像素让图像更像这一类</translation>
    </message>
    <message>
        <source>− away</source>
        <translation>− 远离</translation>
    </message>
    <message>
        <source>Painted pixels make the image less like this class (the right mouse button does this too)</source>
        <translation>绘制的像素让图像更不像这一类（鼠标右键也是如此）</translation>
    </message>
    <message>
        <source>&amp;Strength</source>
        <translation>强度(&amp;S)</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>大小(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Reset to trained weights</source>
        <translation>恢复训练得到的权重(&amp;R)</translation>
    </message>
    <message>
        <source>Undo every edit; no file was ever changed</source>
        <translation>撤销所有编辑；任何文件都没有被改动</translation>
    </message>
    <message>
        <source>Save &amp;picture…</source>
        <translation>保存图片(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the ten templates as one PNG at twice the screen size</source>
        <translation>把十个模板保存为一张两倍屏幕尺寸的 PNG</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>class probabilities</source>
        <translation>各类别的概率</translation>
    </message>
    <message>
        <source>no prediction</source>
        <translation>没有预测</translation>
    </message>
</context>
<context>
    <name>SampleDetail</name>
    <message>
        <source>Send to canvas</source>
        <translation>发送到画板</translation>
    </message>
    <message>
        <source>Put this image on the Draw tab&apos;s canvas to edit it and watch the bars move</source>
        <translation>把这张图像放到“绘图”标签页的画板上，编辑它并观察概率条的变化</translation>
    </message>
    <message>
        <source>Select an image in the grid (arrow keys move through them).</source>
        <translation>在网格中选择一张图像（可用方向键切换）。</translation>
    </message>
    <message>
        <source>No image selected</source>
        <translation>未选择图像</translation>
    </message>
    <message>
        <source>{split} image #{index:,}</source>
        <translation>{split}图像 #{index:,}</translation>
    </message>
    <message>
        <source>True: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>真实：&lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Predicted: &lt;i&gt;waiting for the model…&lt;/i&gt;</source>
        <translation>预测：&lt;i&gt;正在等待模型…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Waiting for the model</source>
        <translation>正在等待模型</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Predicted: &lt;b style=&apos;color:{colour}&apos;&gt;{name}&lt;/b&gt; ({confidence:.1%}, {verdict})</source>
        <translation>预测：&lt;b style=&apos;color:{colour}&apos;&gt;{name}&lt;/b&gt;（{confidence:.1%}，{verdict}）</translation>
    </message>
</context>
<context>
    <name>SampleModel</name>
    <message>
        <source>#{sample}: true {true}</source>
        <translation>#{sample}：真实 {true}</translation>
    </message>
    <message>
        <source>#{sample}: true {true}, predicted {predicted} ({confidence:.0%})</source>
        <translation>#{sample}：真实 {true}，预测 {predicted}（{confidence:.0%}）</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Browse: training image #{index}</source>
        <translation>浏览：训练图像 #{index}</translation>
    </message>
    <message>
        <source>Browse: test image #{index}</source>
        <translation>浏览：测试图像 #{index}</translation>
    </message>
    <message>
        <source>the Draw board</source>
        <translation>绘图板</translation>
    </message>
    <message>
        <source>live (not trained yet)</source>
        <translation>实时（尚未训练）</translation>
    </message>
    <message>
        <source>{model} (edited)</source>
        <translation>{model}（已编辑）</translation>
    </message>
    <message>
        <source>live {run}</source>
        <translation>实时 {run}</translation>
    </message>
    <message>
        <source>Nothing has been trained yet: train a model on the Train tab first.</source>
        <translation>还没有训练任何模型：请先在“训练”标签页训练一个模型。</translation>
    </message>
    <message>
        <source>The active model has no edits to save.</source>
        <translation>当前模型没有可保存的编辑。</translation>
    </message>
</context>
<context>
    <name>SoftmaxPanel</name>
    <message>
        <source>From the logits o to the probabilities ŷ, and the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtract the max (stable softmax)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True class y:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One SGD step on this image, on a copy (“what if”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate lr:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to the live model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the trained weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— pick one —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logit scale ×{s:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature T = {t:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no image yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image: {source}
Model: {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet: train one on the Train tab or choose one in the Model menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a garment on the Draw tab, or pick an image in Browse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} is not a linear model: the ΔW pictures exist only for softmax-scratch and softmax, where o = Wx + b and the step on class j&apos;s weights is the image itself, times −lr (ŷⱼ − yⱼ). Here the same ŷ − y flows back through every layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the true class y above to take the step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainCommands</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation>▶ 开始</translation>
    </message>
    <message>
        <source>Start training (F5 or Ctrl+Enter)</source>
        <translation>开始训练（F5 或 Ctrl+Enter）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Stop this run; the weights so far are kept (Shift+F5)</source>
        <translation>停止本次训练；保留目前的权重（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Reset weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <source>↺ Reset weights</source>
        <translation>↺ 重置权重</translation>
    </message>
    <message>
        <source>Forget the trained weights: the live model is empty until a run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume (F6)</source>
        <translation>暂停或继续（F6）</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <source>&amp;Continue from current weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: every Start begins from fresh random weights, so runs with different learning rates compare fairly. On: the next run goes on from the live model&apos;s weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To begin, press &lt;b&gt;▶ Start&lt;/b&gt; (F5): the model trains and its curves grow here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to continue from for {model}: fresh weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (cont.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save plots as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plots saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not save the plots to {path} (is the folder writable?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to export yet: the table gets a row at the end of each epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export epoch metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not export to {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch metrics of {runs} run(s) exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainPlots</name>
    <message>
        <source>Faint: the loss of each minibatch. Bold: the same, smoothed. Dots: each epoch&apos;s mean loss.</source>
        <translation>浅色：每个小批量的损失。粗线：平滑后的同一损失。圆点：每个迭代周期的平均损失。</translation>
    </message>
    <message>
        <source>Solid line, dots: test accuracy. Dashed, triangles: training accuracy.</source>
        <translation>实线、圆点：测试精度。虚线、三角：训练精度。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Accuracy  (● test · ▲ train)</source>
        <translation>精度  （● 测试 · ▲ 训练）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>迭代周期</translation>
    </message>
    <message>
        <source>batch loss</source>
        <translation>小批量损失</translation>
    </message>
    <message>
        <source>epoch loss</source>
        <translation>迭代周期损失</translation>
    </message>
    <message>
        <source>test acc</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <source>train acc</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <source>{name} {y:.4f}
epoch {x:.2f}</source>
        <translation>{name} {y:.4f}
迭代周期 {x:.2f}</translation>
    </message>
</context>
<context>
    <name>TrainProgress</name>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged: see the log</source>
        <translation>发散了：见日志</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>epoch: not started</source>
        <translation>迭代周期：尚未开始</translation>
    </message>
    <message>
        <source>run: not started</source>
        <translation>训练：尚未开始</translation>
    </message>
    <message>
        <source>epoch {epoch} of {epochs}: batch %v of %m</source>
        <translation>迭代周期 {epoch}/{epochs}：小批量 %v/%m</translation>
    </message>
    <message>
        <source>run: {progress:.2f} of {epochs} epochs (%p%)</source>
        <translation>训练：{progress:.2f}/{epochs} 个迭代周期（%p%）</translation>
    </message>
    <message>
        <source>{rate:,.0f} samples/s</source>
        <translation>每秒 {rate:,.0f} 个样本</translation>
    </message>
    <message>
        <source> · about {duration} left</source>
        <translation> · 约剩 {duration}</translation>
    </message>
</context>
<context>
    <name>TrainSettingsForm</name>
    <message>
        <source>softmax regression from scratch (the lesson)</source>
        <translation>从零开始实现的softmax回归（本课）</translation>
    </message>
    <message>
        <source>softmax regression, nn.Linear</source>
        <translation>softmax回归的简洁实现，nn.Linear</translation>
    </message>
    <message>
        <source>MLP, one hidden layer</source>
        <translation>MLP，一个隐藏层</translation>
    </message>
    <message>
        <source>small CNN</source>
        <translation>小型 CNN</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Epochs</source>
        <translation>迭代周期数(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>学习率(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Batch size</source>
        <translation>批量大小(&amp;B)</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>设备(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>随机种子(&amp;S)</translation>
    </message>
    <message>
        <source>The model to train; picking one fills in its recommended settings.</source>
        <translation>要训练的模型；选择后会填入它的推荐设置。</translation>
    </message>
    <message>
        <source>SGD step size. The lesson uses 0.1; compare 0.01 and 1.0, or watch 50 diverge.</source>
        <translation>小批量随机梯度下降的步长。本课用 0.1；可以比较 0.01 和 1.0，或者看 50 如何发散。</translation>
    </message>
    <message>
        <source>Same seed, same run: initial weights and shuffling follow it.</source>
        <translation>同样的种子，同样的训练：初始权重和打乱顺序都由它决定。</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Model: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CNN has no single picture per class: see its first-layer filters below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias {bias}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each picture is one class&apos;s row of W, reshaped to 28×28: red pixels push an image towards that class, blue pixels push it away, white ones do not matter. One colour scale for all ten. Click a class to explain it below; paint on it to change what the model knows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the linear models&apos; pictures are templates. These are the MLP&apos;s W₂·W₁: the linear model it would be if every hidden unit were on (an approximation). Its 256 first-layer units are at the bottom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the linear models&apos; pictures are templates. A CNN builds its answer from the 16 first-layer 5×5 filters at the bottom, layer by layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 16 first-layer filters (5×5), each on its own colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {count} first-layer units (28×28 each), each on its own colour scale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this answer? There is no current image yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw on the Draw tab or pick an image in Browse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this answer? The current image: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rest (biases through the network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}:  o = {positive} (pixels for) {negative} (pixels against) {bias} ({bias_name}) = {logit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w: template of {name} (paint here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w: slopes of o for {name} at this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x: the image (0…1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w ⊙ x: what each pixel adds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image yet: draw one or pick one in Browse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model yet: train one on the Train tab or pick one in the Model menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the model learned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Could not write {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logits o (before softmax)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softmax probabilities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
