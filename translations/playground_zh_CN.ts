<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BookFigure</name>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>train acc</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <source>test acc</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>迭代周期</translation>
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
        <source>Our sketches (today)</source>
        <translation>我们的草图（今天）</translation>
    </message>
    <message>
        <source>Our sketches (today, {count})</source>
        <translation>我们的草图（今天，{count} 张）</translation>
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
    <message>
        <source>Teach it our sketches…</source>
        <translation>用我们的草图教它…</translation>
    </message>
    <message>
        <source>Fine-tune the model on the sketches kept here, holding some back to check it learned</source>
        <translation>用这里保存的草图微调模型，并留出一部分来检验它是否学会了</translation>
    </message>
</context>
<context>
    <name>BrowsePanel</name>
    <message>
        <source>Predicting %v / %m</source>
        <translation>正在预测 %v / %m</translation>
    </message>
    <message>
        <source>Images of the split</source>
        <translation>该数据集中的图像</translation>
    </message>
    <message>
        <source>The sketchbook could not be read: {message}</source>
        <translation>无法读取草图本：{message}</translation>
    </message>
    <message>
        <source>Loading Fashion-MNIST…</source>
        <translation>正在加载 Fashion-MNIST…</translation>
    </message>
    <message>
        <source>No model yet: train one on the Train tab or choose a pretrained model.</source>
        <translation>还没有模型：请在“训练”标签页训练一个，或选择一个预训练模型。</translation>
    </message>
    <message>
        <source>The model could not predict these images: {message}</source>
        <translation>模型无法预测这些图像：{message}</translation>
    </message>
    <message>
        <source>No sketches kept today yet.</source>
        <translation>今天还没有收进草图。</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Reading the class&apos;s sketchbook…</source>
        <translation>正在读取班级草图本…</translation>
    </message>
    <message numerus="yes">
        <source>Showing {shown} of %n sketch(es) kept today</source>
        <translation>
            <numerusform>显示今天保存的 %n 张草图中的 {shown} 张</numerusform>
        </translation>
    </message>
    <message>
        <source> ({filters})</source>
        <translation>（{filters}）</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the sketchbook&apos;s folder are not sketches and were skipped.</source>
        <translation>
            <numerusform>草图本文件夹中有 %n 个文件不是草图，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing {shown:,} of {total:,} test images</source>
        <translation>显示 {total:,} 张测试图像中的 {shown:,} 张</translation>
    </message>
    <message>
        <source>Showing {shown:,} of {total:,} training images</source>
        <translation>显示 {total:,} 张训练图像中的 {shown:,} 张</translation>
    </message>
    <message>
        <source> · accuracy {accuracy:.1%} ({wrong:,} wrong)</source>
        <translation> · 精度 {accuracy:.1%}（错 {wrong:,} 张）</translation>
    </message>
    <message>
        <source> · under each image: what {model} says (✗ wrong)</source>
        <translation> · 每张图下面是 {model} 的回答（✗ 表示答错）</translation>
    </message>
    <message>
        <source> · waiting for the model&apos;s predictions</source>
        <translation> · 正在等待模型的预测</translation>
    </message>
    <message>
        <source>Kept in {folder}</source>
        <translation>保存在 {folder}</translation>
    </message>
    <message>
        <source>Waiting for the model&apos;s predictions.</source>
        <translation>正在等待模型的预测。</translation>
    </message>
    <message>
        <source>No images match the filters.</source>
        <translation>没有符合筛选条件的图像。</translation>
    </message>
</context>
<context>
    <name>BrowseSidePane</name>
    <message>
        <source>Confusion matrix: click a cell to see those images</source>
        <translation>混淆矩阵：点击一个格子查看这些图像</translation>
    </message>
    <message>
        <source>This sketch</source>
        <translation>这张草图</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>This image</source>
        <translation>这张图像</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>All models</source>
        <translation>各个模型</translation>
    </message>
</context>
<context>
    <name>CalibrationBox</name>
    <message>
        <source>What softmax means statistically: is “80 %” right 80 % of the time?</source>
        <translation>softmax 的统计含义：“80 %” 的把握，真的有 80 % 的时候是对的吗？</translation>
    </message>
    <message>
        <source>ŷ is a probability distribution over the ten classes. A model is calibrated when its confidence matches reality: of all the test images it calls 80 % sure, about 80 % are right. Each bar below is one confidence bin; on the dashed diagonal it would be perfectly calibrated, below it the model is over-confident, above it under-confident. ECE (expected calibration error) is the average gap, weighted by the images in each bin.</source>
        <translation>ŷ 是十个类别上的概率分布。如果模型的置信度与实际相符，就说它是校准的：在它有 80 % 把握的所有测试图像中，大约 80 % 是对的。下面每个条形是一个置信度区间；落在虚线对角线上就是完美校准，低于对角线说明模型过于自信，高于对角线说明模型不够自信。ECE（期望校准误差）是按每个区间的图像数加权的平均差距。</translation>
    </message>
    <message>
        <source>Compute on the test set</source>
        <translation>在测试集上计算</translation>
    </message>
    <message>
        <source>Fit temperature T</source>
        <translation>拟合温度 T</translation>
    </message>
    <message>
        <source>Use the fitted T on the steps above</source>
        <translation>在上面的步骤中使用拟合出的 T</translation>
    </message>
    <message>
        <source>Use T = {t:.2f} on the steps above</source>
        <translation>在上面的步骤中使用 T = {t:.2f}</translation>
    </message>
    <message>
        <source>ECE {ece:.1f} %   ·   accuracy {acc:.1f} %   ·   mean confidence {conf:.1f} %</source>
        <translation>ECE {ece:.1f} %   ·   精度 {acc:.1f} %   ·   平均置信度 {conf:.1f} %</translation>
    </message>
    <message>
        <source>T = {t:.2f}:   ECE {before:.1f} % → {after:.1f} %   ·   NLL {nll0:.3f} → {nll1:.3f}   ·   accuracy unchanged ({acc:.1f} %)</source>
        <translation>T = {t:.2f}：   ECE {before:.1f} % → {after:.1f} %   ·   负对数似然 {nll0:.3f} → {nll1:.3f}   ·   精度不变（{acc:.1f} %）</translation>
    </message>
    <message>
        <source>The test set is not loaded yet.</source>
        <translation>测试集还没有加载。</translation>
    </message>
    <message>
        <source>The model has changed since: press “Compute on the test set” again.</source>
        <translation>模型已经变了：请再按一次“在测试集上计算”。</translation>
    </message>
    <message>
        <source>softmax(o / T) divides every logit by the same T, so the winning class never changes, only how sure the model says it is. T is fitted here on the same test images, which is fine to show the idea; a real project fits it on held-out data.</source>
        <translation>softmax(o / T) 把每个 logit 都除以同一个 T，所以得分最高的类别不会变，变的只是模型声称的把握有多大。这里的 T 是在同一批测试图像上拟合的，用来演示思路没问题；真实项目要在留出的数据上拟合。</translation>
    </message>
    <message>
        <source>There is no model to measure yet.</source>
        <translation>还没有可以测量的模型。</translation>
    </message>
    <message>
        <source>Computing on {n:,} test images…</source>
        <translation>正在 {n:,} 张测试图像上计算…</translation>
    </message>
    <message>
        <source>The test set could not be measured: {error}</source>
        <translation>无法在测试集上测量：{error}</translation>
    </message>
</context>
<context>
    <name>CheckpointMessages</name>
    <message>
        <source>no such checkpoint file</source>
        <translation>没有这个检查点文件</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>没有这个文件</translation>
    </message>
    <message>
        <source>is a folder, not a checkpoint file</source>
        <translation>这是一个文件夹，不是检查点文件</translation>
    </message>
    <message>
        <source>is a special file (pipe, device or socket), not a checkpoint</source>
        <translation>这是一个特殊文件（管道、设备或套接字），不是检查点</translation>
    </message>
    <message>
        <source>not a checkpoint file, or it is damaged</source>
        <translation>不是检查点文件，或者文件已损坏</translation>
    </message>
    <message>
        <source>{size_mb:,.0f} MB is far larger than any checkpoint this app makes (limit {limit_mb} MB); refused without reading it</source>
        <translation>{size_mb:,.0f} MB，远大于本程序保存的任何检查点（上限 {limit_mb} MB）；未读取，已拒绝</translation>
    </message>
    <message>
        <source>larger than {limit_mb} MB; refused</source>
        <translation>大于 {limit_mb} MB；已拒绝</translation>
    </message>
    <message>
        <source>not a checkpoint file, or it is damaged (the file is empty)</source>
        <translation>不是检查点文件，或者文件已损坏（文件是空的）</translation>
    </message>
    <message>
        <source>it is a {format} image, not a checkpoint; to classify it, open it on the Draw tab</source>
        <translation>它是一张 {format} 图像，不是检查点；要对它分类，请在“绘图”页打开它</translation>
    </message>
    <message>
        <source>not a checkpoint file, or it is damaged (it is a gzip file)</source>
        <translation>不是检查点文件，或者文件已损坏（它是一个 gzip 压缩文件）</translation>
    </message>
    <message>
        <source>not a checkpoint file, or it is damaged (it is a PDF document)</source>
        <translation>不是检查点文件，或者文件已损坏（它是一份 PDF 文档）</translation>
    </message>
    <message>
        <source>not a checkpoint file, or it is damaged (it does not start like a checkpoint saved by this app)</source>
        <translation>不是检查点文件，或者文件已损坏（它的开头不像本程序保存的检查点）</translation>
    </message>
    <message>
        <source>refused to load: it holds Python objects beyond weights and data, which could run code. Only checkpoints saved by this app are accepted.</source>
        <translation>拒绝加载：其中除了权重和数据还有 Python 对象，可能会运行代码。只接受本程序保存的检查点。</translation>
    </message>
    <message>
        <source>cannot save there: {why}</source>
        <translation>无法保存到那里：{why}</translation>
    </message>
    <message>
        <source>not a Fashion-MNIST Playground checkpoint</source>
        <translation>不是 Fashion-MNIST Playground 的检查点</translation>
    </message>
    <message>
        <source>unknown checkpoint format version {version!r}</source>
        <translation>未知的检查点格式版本 {version!r}</translation>
    </message>
    <message>
        <source>saved by a newer version of the app (format {version}; this one reads up to {ours})</source>
        <translation>由更新版本的程序保存（格式 {version}；本版本最多读取格式 {ours}）</translation>
    </message>
    <message>
        <source>unknown model {model!r} (known: {known})</source>
        <translation>未知模型 {model!r}（已知：{known}）</translation>
    </message>
    <message>
        <source>holds a {model} model, not {expected}</source>
        <translation>其中是 {model} 模型，不是 {expected}</translation>
    </message>
    <message>
        <source>its training settings are {type}, not a table of settings</source>
        <translation>训练设置是{type}，不是一张设置表</translation>
    </message>
    <message>
        <source>its metrics are {type}, not a table of numbers</source>
        <translation>指标是{type}，不是一张数值表</translation>
    </message>
    <message>
        <source>its metric {key!r} is {value!r}, not a number</source>
        <translation>指标 {key!r} 的值是 {value!r}，不是数值</translation>
    </message>
    <message>
        <source>its class names are {type}, not a list of ten names</source>
        <translation>类别名称是{type}，不是十个名称的列表</translation>
    </message>
    <message>
        <source>it was trained for other classes ({count}: {shown}), not Fashion-MNIST&apos;s ten</source>
        <translation>它是为别的类别训练的（{count} 个：{shown}），不是 Fashion-MNIST 的十个类别</translation>
    </message>
    <message>
        <source>its weights are {type}, not named tensors</source>
        <translation>权重是{type}，不是带名字的张量</translation>
    </message>
    <message>
        <source>its weights hold {type} under {name!r}, not a tensor</source>
        <translation>权重中 {name!r} 下是{type}，不是张量</translation>
    </message>
    <message>
        <source>its weights do not match the checksum saved with them: the file is damaged (changed after it was saved); use another copy</source>
        <translation>权重与保存时的校验和不符：文件已损坏（保存后被改动过）；请换一份副本</translation>
    </message>
    <message>
        <source>its weights&apos; checksum is missing or not text; the file was altered</source>
        <translation>权重的校验和缺失或不是文本；文件被改动过</translation>
    </message>
    <message>
        <source>its weights do not fit a {model} model ({detail})</source>
        <translation>权重与 {model} 模型不匹配（{detail}）</translation>
    </message>
    <message>
        <source>cannot be read ({why})</source>
        <translation>无法读取（{why}）</translation>
    </message>
    <message>
        <source>its training settings are invalid ({why})</source>
        <translation>训练设置无效（{why}）</translation>
    </message>
    <message>
        <source>not an image or damaged ({why})</source>
        <translation>不是图像，或者已损坏（{why}）</translation>
    </message>
    <message>
        <source>it is a folder, not an image file</source>
        <translation>这是一个文件夹，不是图像文件</translation>
    </message>
    <message>
        <source>its weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values); it cannot predict anything</source>
        <translation>权重中含有 NaN 或无穷大（{where}：{total:,} 个值中有 {bad:,} 个）；无法用它预测</translation>
    </message>
    <message>
        <source>no shipped pretrained {model} model: {path} is missing (see resources/models/README.md for the command that makes it)</source>
        <translation>没有随程序提供的预训练 {model} 模型：缺少 {path}（生成它的命令见 resources/models/README.md）</translation>
    </message>
    <message>
        <source>{label}: the weights contain NaN or infinite numbers ({where}: {bad:,} of {total:,} values)</source>
        <translation>{label}：权重中含有 NaN 或无穷大（{where}：{total:,} 个值中有 {bad:,} 个）</translation>
    </message>
    <message>
        <source>it is a pipe, device or socket, not an image file</source>
        <translation>这是管道、设备或套接字，不是图像文件</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>没有读取权限</translation>
    </message>
    <message>
        <source>not an image (PNG, JPEG, BMP, GIF, TIFF or WebP expected)</source>
        <translation>不是图像（应为 PNG、JPEG、BMP、GIF、TIFF 或 WebP）</translation>
    </message>
    <message>
        <source>the picture is {width:,}×{height:,} pixels ({megapixels:,.0f} megapixels; the limit is {limit})</source>
        <translation>图片有 {width:,}×{height:,} 像素（{megapixels:,.0f} 百万像素；上限是 {limit}）</translation>
    </message>
    <message>
        <source>the image is empty</source>
        <translation>图像是空的</translation>
    </message>
    <message>
        <source>the picture is blank, there is no garment to classify</source>
        <translation>图片是空白的，没有可分类的服装</translation>
    </message>
    <message>
        <source>{path}: no sketches to learn from (keep some on the Draw tab first)</source>
        <translation>{path}：没有可以学习的草图（请先在“绘图”页保存一些）</translation>
    </message>
    <message>
        <source>every sketch is held out: nothing is left to learn from (hold fewer out or keep more sketches)</source>
        <translation>所有草图都被留出：没有可以学习的了（少留出一些，或保存更多草图）</translation>
    </message>
    <message>
        <source>the held-out part must be a share from 0 to below 1 (e.g. 0.25) or a whole number of sketches, got {value}</source>
        <translation>留出部分须是 0 到 1（不含 1）之间的比例（如 0.25）或草图的整数张数，实际为 {value}</translation>
    </message>
    <message>
        <source>{name} must be {allowed}, got {value}</source>
        <translation>{name} 须为 {allowed}，实际为 {value}</translation>
    </message>
    <message>
        <source>only {count} sketches: keep {needed} more (at least 10, one held out) before teaching</source>
        <translation>只有 {count} 张草图：先再收集 {needed} 张（至少 10 张，其中一张留出）再教</translation>
    </message>
    <message>
        <source>no sketch is held out: hold at least one out to see what was learnt</source>
        <translation>没有留出任何草图：至少留出一张，才能看出学到了什么</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>空缺的</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>a tuple</source>
        <translation>元组</translation>
    </message>
    <message>
        <source>a dict</source>
        <translation>字典</translation>
    </message>
    <message>
        <source>a str</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>an int</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a float</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>a bool</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>saved without a checksum by an older version of the app; save it again to add one</source>
        <translation>由旧版本程序保存，没有校验和；重新保存一次即可加上</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ClassMessages</name>
    <message>
        <source>Port {port} is already in use on this computer (another class page or another program).</source>
        <translation>本机的端口 {port} 已被占用（另一个课堂页面或其他程序）。</translation>
    </message>
    <message>
        <source>{host} is not an address of this computer: is it connected to the network?</source>
        <translation>{host} 不是本机的地址：本机连上网络了吗？</translation>
    </message>
    <message>
        <source>Not allowed to listen on port {port} (ports below 1024 need administrator rights).</source>
        <translation>无权在端口 {port} 上监听（1024 以下的端口需要管理员权限）。</translation>
    </message>
    <message>
        <source>Cannot listen on {host} port {port} ({why}).</source>
        <translation>无法在 {host} 的端口 {port} 上监听（{why}）。</translation>
    </message>
    <message>
        <source>The class page stopped unexpectedly ({why}). Press Invite the class to start it again.</source>
        <translation>课堂页面意外停止了（{why}）。按“邀请全班”重新开始。</translation>
    </message>
    <message>
        <source>The class page could not start: {reason}</source>
        <translation>课堂页面无法启动：{reason}</translation>
    </message>
</context>
<context>
    <name>ClassPanel</name>
    <message>
        <source>This computer is on no network, so the students&apos; phones cannot reach it. Connect it to the room&apos;s Wi-Fi or to a phone&apos;s hotspot, then press Look again.</source>
        <translation>这台电脑没有连接任何网络，学生的手机无法访问它。请把它连到教室的无线网络或手机热点，然后按“重新查找”。</translation>
    </message>
    <message>
        <source>Starting the class page…</source>
        <translation>正在启动课堂页面…</translation>
    </message>
    <message>
        <source>Stopping the class page…</source>
        <translation>正在关闭课堂页面…</translation>
    </message>
    <message>
        <source>No model can answer yet: train one on the Train tab or choose one in the Model menu.</source>
        <translation>还没有能回答的模型：请在“训练”选项卡上训练一个，或在“模型”菜单中选择一个。</translation>
    </message>
    <message>
        <source>Answering: {model}</source>
        <translation>回答的模型：{model}</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>From scratch</source>
        <translation>从零实现</translation>
    </message>
    <message>
        <source>What the model softmax-scratch runs</source>
        <translation>模型 softmax-scratch 运行的代码</translation>
    </message>
    <message>
        <source>Concise</source>
        <translation>简洁实现</translation>
    </message>
    <message>
        <source>What the model softmax runs instead</source>
        <translation>模型 softmax 运行的对应代码</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>A few values</source>
        <translation>几个值</translation>
    </message>
    <message>
        <source>At class pace (Train tab) the lines that compute each stage of the current minibatch light up in turn, with its shapes and a few of its values below.</source>
        <translation>以课堂节奏训练时（训练选项卡），计算当前小批量每个阶段的代码行会依次高亮，下方列出它的形状和几个值。</translation>
    </message>
    <message>
        <source>Epoch {epoch}, minibatch {batch} of {batches}, loss {loss:.4f}</source>
        <translation>迭代周期 {epoch}，第 {batch}/{batches} 个小批量，损失 {loss:.4f}</translation>
    </message>
    <message>
        <source>The run has ended at epoch {epoch}, minibatch {batch} of {batches}, loss {loss:.4f}: that minibatch is below.</source>
        <translation>训练已结束：迭代周期 {epoch}，第 {batch}/{batches} 个小批量，损失 {loss:.4f}；下面就是这个小批量。</translation>
    </message>
    <message>
        <source>The run has ended at epoch {epoch}, minibatch {batch} of {batches}. The last minibatch shown, below, was an earlier one: epoch {shown_epoch}, minibatch {shown_batch}, loss {loss:.4f}.</source>
        <translation>训练已结束：迭代周期 {epoch}，第 {batch}/{batches} 个小批量。下面最后显示的是更早的一个：迭代周期 {shown_epoch}，第 {shown_batch} 个小批量，损失 {loss:.4f}。</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <source>the net o = XW + b</source>
        <translation>网络 o = X·W + b</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>log ŷ, stably</source>
        <translation>数值稳定的 log ŷ</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>minibatch SGD</source>
        <translation>小批量随机梯度下降</translation>
    </message>
    <message>
        <source>one minibatch</source>
        <translation>一个小批量</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <source>the training loop</source>
        <translation>训练循环</translation>
    </message>
    <message>
        <source>initial weights</source>
        <translation>初始化权重</translation>
    </message>
    <message>
        <source>minibatch, accuracy</source>
        <translation>小批量与精度</translation>
    </message>
    <message>
        <source>nn.Linear net</source>
        <translation>nn.Linear 网络</translation>
    </message>
    <message>
        <source>loss, optimizer</source>
        <translation>损失与优化器</translation>
    </message>
    <message>
        <source>torch.optim.SGD</source>
        <translation>torch 的 SGD 优化器</translation>
    </message>
    <message>
        <source>the minibatch&apos;s images</source>
        <translation>小批量的图像</translation>
    </message>
    <message>
        <source>the logits</source>
        <translation>未规范化的预测（logits）</translation>
    </message>
    <message>
        <source>the probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>the gradient of W</source>
        <translation>W 的梯度</translation>
    </message>
    <message>
        <source>the gradient of b</source>
        <translation>b 的梯度</translation>
    </message>
    <message>
        <source>The code appears once the program has loaded torch.</source>
        <translation>程序加载完 torch 后，这里显示代码。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixWidget</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message numerus="yes">
        <source>true {true}, predicted {predicted}: {count:,} image(s)
Click to show them</source>
        <translation>
            <numerusform>真实 {true}，预测 {predicted}：{count:,} 张图像
点击查看</numerusform>
        </translation>
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
    <name>DataHelp</name>
    <message>
        <source>Fashion-MNIST was not found. Get it in one of these ways:
  • Debian/Ubuntu: sudo apt-get install dataset-fashion-mnist
  • Put the four files {names} (or the same names ending in .gz) in a folder, then set {variable}=that folder or start with --data that folder.
  • Connect to the internet and start again: the app downloads them (about 30 MB) into {cache}.</source>
        <translation>找不到 Fashion-MNIST。可以用下面任一种方法获取：
  • Debian/Ubuntu：sudo apt-get install dataset-fashion-mnist
  • 把四个文件 {names}（或以 .gz 结尾的同名文件）放进一个文件夹，然后设置 {variable}=该文件夹，或者用 --data 该文件夹 启动。
  • 连上互联网后重新启动：程序会把它们（约 30 MB）下载到 {cache}。</translation>
    </message>
    <message>
        <source> (from {variable})</source>
        <translation>（来自 {variable}）</translation>
    </message>
    <message>
        <source>{how_to}</source>
        <translation>{how_to}</translation>
    </message>
    <message>
        <source>{how_to}

(The download failed: {why})</source>
        <translation>{how_to}

（下载失败：{why}）</translation>
    </message>
    <message>
        <source>The data folder {path}{given_by} does not exist.

{how_to}</source>
        <translation>数据文件夹 {path}{given_by} 不存在。

{how_to}</translation>
    </message>
    <message>
        <source>The data path {path}{given_by} is a file, not a folder.

{how_to}</source>
        <translation>数据路径 {path}{given_by} 是一个文件，不是文件夹。

{how_to}</translation>
    </message>
    <message>
        <source>The data folder {path}{given_by} lacks {missing} (or the same with .gz).

{how_to}</source>
        <translation>数据文件夹 {path}{given_by} 中缺少 {missing}（或以 .gz 结尾的同名文件）。

{how_to}</translation>
    </message>
    <message>
        <source>The data folder {path}{given_by} cannot be read ({why}).</source>
        <translation>无法读取数据文件夹 {path}{given_by}（{why}）。</translation>
    </message>
    <message>
        <source>The data folder {path}{given_by} is a symbolic link that loops back on itself ({why}); point it at the folder that holds the files.</source>
        <translation>数据文件夹 {path}{given_by} 是一个指回自身的符号链接（{why}）；请让它指向存放数据文件的文件夹。</translation>
    </message>
    <message>
        <source>{path}: a symbolic link that loops back on itself; it leads to no file.</source>
        <translation>{path}：一个指回自身的符号链接，不指向任何文件。</translation>
    </message>
    <message>
        <source>{path}: is a special file (pipe, device or socket), not a data file; put the downloaded file there instead.</source>
        <translation>{path}：是特殊文件（管道、设备或套接字），不是数据文件；请把下载的文件放在这里。</translation>
    </message>
    <message>
        <source>{path}: cannot be read (permission denied).</source>
        <translation>{path}：无法读取（没有读取权限）。</translation>
    </message>
    <message>
        <source>a data or cache folder: cannot be read (permission denied).</source>
        <translation>某个数据或缓存文件夹无法读取（没有读取权限）。</translation>
    </message>
    <message>
        <source>{cause}
Delete the folder {path} to fetch the files again.</source>
        <translation>{cause}
删除文件夹 {path} 即可重新获取这些文件。</translation>
    </message>
    <message>
        <source>{path}: the {split} files could not be read ({why}).</source>
        <translation>{path}：无法读取{split}文件（{why}）。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({why}).</source>
        <translation>{path}：无法读取（{why}）。</translation>
    </message>
    <message>
        <source>{path}: too short to be an IDX {kind} file ({size} bytes; the header alone is {header}).</source>
        <translation>{path}：太短，不可能是 IDX {kind}文件（{size} 字节；仅文件头就有 {header} 字节）。</translation>
    </message>
    <message>
        <source>{path}: this file is gzip-compressed; give it the name {name}.gz (or decompress it) so it is read as a compressed file.</source>
        <translation>{path}：这个文件是 gzip 压缩的；请把它命名为 {name}.gz（或者先解压），这样它会被当作压缩文件读取。</translation>
    </message>
    <message>
        <source>{path}: this is a label file, not an IDX image file; the files&apos; names are mixed up.</source>
        <translation>{path}：这是标签文件，不是 IDX 图像文件；文件名弄混了。</translation>
    </message>
    <message>
        <source>{path}: this is an image file, not an IDX label file; the files&apos; names are mixed up.</source>
        <translation>{path}：这是图像文件，不是 IDX 标签文件；文件名弄混了。</translation>
    </message>
    <message>
        <source>{path}: not an IDX {kind} file (magic number 0x{magic:08X}, expected 0x{expected:08X}); the file is damaged or is something else.</source>
        <translation>{path}：不是 IDX {kind}文件（魔数 0x{magic:08X}，应为 0x{expected:08X}）；文件已损坏，或者是别的文件。</translation>
    </message>
    <message>
        <source>{path}: the file is truncated: it has {size:,} bytes but its header promises {count:,} images of {rows}×{cols} ({expected:,} bytes). Copy or download it again.</source>
        <translation>{path}：文件不完整：它只有 {size:,} 字节，而文件头表明有 {count:,} 张 {rows}×{cols} 的图像（{expected:,} 字节）。请重新复制或下载。</translation>
    </message>
    <message>
        <source>{path}: the file is truncated: it has {size:,} bytes but its header promises {count:,} labels ({expected:,} bytes). Copy or download it again.</source>
        <translation>{path}：文件不完整：它只有 {size:,} 字节，而文件头表明有 {count:,} 个标签（{expected:,} 字节）。请重新复制或下载。</translation>
    </message>
    <message>
        <source>{path}: the file has {extra:,} unexpected bytes after the {count:,} images of {rows}×{cols} its header promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file.</source>
        <translation>{path}：在文件头表明的 {count:,} 张 {rows}×{cols} 图像（{expected:,} 字节）之后还多出 {extra:,} 字节；文件已损坏，或者不是 Fashion-MNIST 文件。</translation>
    </message>
    <message>
        <source>{path}: the file has {extra:,} unexpected bytes after the {count:,} labels its header promises ({expected:,} bytes); it is damaged or not a Fashion-MNIST file.</source>
        <translation>{path}：在文件头表明的 {count:,} 个标签（{expected:,} 字节）之后还多出 {extra:,} 字节；文件已损坏，或者不是 Fashion-MNIST 文件。</translation>
    </message>
    <message>
        <source>{path}: its images are {rows}×{cols} pixels; Fashion-MNIST images are {size}×{size}.</source>
        <translation>{path}：其中的图像是 {rows}×{cols} 像素；Fashion-MNIST 的图像是 {size}×{size}。</translation>
    </message>
    <message>
        <source>{path}: the file holds no images.</source>
        <translation>{path}：文件中没有图像。</translation>
    </message>
    <message>
        <source>{path}: the file holds no labels.</source>
        <translation>{path}：文件中没有标签。</translation>
    </message>
    <message>
        <source>{path}: label {label} (at position {position:,}) is outside 0–{highest}; this is not a Fashion-MNIST label file.</source>
        <translation>{path}：标签 {label}（位置 {position:,}）不在 0–{highest} 之内；这不是 Fashion-MNIST 的标签文件。</translation>
    </message>
    <message>
        <source>{images_path} holds {images:,} images but {labels_path} holds {labels:,} labels; they must match one to one.</source>
        <translation>{images_path} 中有 {images:,} 张图像，而 {labels_path} 中有 {labels:,} 个标签；两者必须一一对应。</translation>
    </message>
    <message>
        <source>{path}: the training files hold {train:,} images and the test files {test:,}; the two are swapped (Fashion-MNIST trains on 60,000 and tests on 10,000): swap their names back.</source>
        <translation>{path}：训练集文件中有 {train:,} 张图像，测试集文件中有 {test:,} 张；两者弄反了（Fashion-MNIST 用 60,000 张训练、10,000 张测试）：请把它们的文件名换回来。</translation>
    </message>
    <message>
        <source>{path}: the gzip file is corrupt and cannot be decompressed ({why}). Copy or download it again.</source>
        <translation>{path}：gzip 文件已损坏，无法解压（{why}）。请重新复制或下载。</translation>
    </message>
    <message>
        <source>{path}: decompresses to more than {limit:,} bytes, more than a Fashion-MNIST {kind} file can hold; refused (a damaged file or a decompression bomb).</source>
        <translation>{path}：解压后超过 {limit:,} 字节，比 Fashion-MNIST 的{kind}文件所能容纳的还多；已拒绝（文件已损坏，或者是解压炸弹）。</translation>
    </message>
    <message>
        <source>{path}: far larger than a Fashion-MNIST file; refused.</source>
        <translation>{path}：远大于 Fashion-MNIST 的文件；已拒绝。</translation>
    </message>
    <message>
        <source>{path}: cannot write the extracted data there ({why}).</source>
        <translation>{path}：无法在那里写入解压出的数据（{why}）。</translation>
    </message>
    <message>
        <source>{path}: cannot write there ({why})</source>
        <translation>{path}：无法在那里写入（{why}）</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>Draw a garment on the board: the bars will show what the model thinks.</source>
        <translation>在画板上画一件服饰：概率条会显示模型的看法。</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Which model reads the drawing</source>
        <translation>由哪个模型来识别这幅画</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a checkpoint file (.pt) as the model, or an image to classify</source>
        <translation>打开一个检查点文件 (.pt) 作为模型，或打开一张要分类的图像</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>&amp;Sort by probability</source>
        <translation>按概率排序(&amp;S)</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation>模型看到的图像</translation>
    </message>
    <message>
        <source>The model thinks:</source>
        <translation>模型认为：</translation>
    </message>
    <message>
        <source>Open an image to classify</source>
        <translation>打开一张要分类的图像</translation>
    </message>
    <message>
        <source>Now showing the live model from run {run}.</source>
        <translation>现在显示的是第 {run} 次运行的实时模型。</translation>
    </message>
    <message>
        <source>Run {run} diverged before it had any good weights: back to {model}.</source>
        <translation>第 {run} 次运行在得到任何良好的权重之前就发散了：已换回 {model}。</translation>
    </message>
    <message>
        <source>Open a checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Active model: {model}</source>
        <translation>当前模型：{model}</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt *.pth);;All files (*)</source>
        <translation>检查点 (*.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{file}: {note}</source>
        <translation>{file}：{note}</translation>
    </message>
    <message>
        <source>&amp;Compare with:</source>
        <translation>对比(&amp;C)：</translation>
    </message>
    <message>
        <source>Which model answers beside the active one, for one board</source>
        <translation>哪个模型在当前模型旁边回答同一块画板</translation>
    </message>
    <message>
        <source>Run {run} has no good weights: train again with a smaller learning rate.</source>
        <translation>第 {run} 次运行没有良好的权重：请用更小的学习率重新训练。</translation>
    </message>
    <message>
        <source>The model could not be loaded: {error}</source>
        <translation>无法加载模型：{error}</translation>
    </message>
    <message>
        <source>No live model yet: start training on the Train tab, or pick a pretrained model above.</source>
        <translation>还没有实时模型：请在“训练”标签页开始训练，或在上面选择一个预训练模型。</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>{model}: diverged; restored the last good weights</source>
        <translation>{model}：已发散，已恢复上次良好的权重</translation>
    </message>
    <message>
        <source>{model}: diverged before any good weights; not answering</source>
        <translation>{model}：在得到良好的权重之前就发散了；不作答</translation>
    </message>
    <message>
        <source>{model}: collapsed, no better than guessing</source>
        <translation>{model}：退化为随机猜测</translation>
    </message>
    <message>
        <source>The model could not run: {error}</source>
        <translation>模型无法运行：{error}</translation>
    </message>
    <message>
        <source>Why does {model} say {answer}? → Weights</source>
        <translation>为什么 {model} 说是“{answer}”？→ 权重</translation>
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
    <name>DrawingList</name>
    <message>
        <source>The model&apos;s guess: {guess}. The student drew: {said}.</source>
        <translation>模型的猜测：{guess}。学生画的是：{said}。</translation>
    </message>
</context>
<context>
    <name>DrawingTile</name>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>drawn: {name}</source>
        <translation>画的是：{name}</translation>
    </message>
</context>
<context>
    <name>EmptySketchbookHint</name>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No sketches kept today yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;On the Draw tab, draw a garment and press &lt;b&gt;Keep as…&lt;/b&gt; under the board to keep it with the class it is; or open the &lt;b&gt;Class&lt;/b&gt; tab so students can send drawings from their phones. They appear here as they arrive.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;今天还没有收进草图。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;在“绘图”标签页画一件服装，按画板下方的&lt;b&gt;记为…&lt;/b&gt;，记下它是哪一类，收进草图本；或者打开&lt;b&gt;课堂&lt;/b&gt;标签页，让学生用手机发送画作。画作一到就会出现在这里。&lt;/p&gt;</translation>
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
    <name>FileWriting</name>
    <message>
        <source>No space left on the disk holding {folder}: {file} was not written.</source>
        <translation>{folder} 所在的磁盘已没有剩余空间：{file} 未写入。</translation>
    </message>
    <message>
        <source>Permission denied: you may not write {file} in {folder}.</source>
        <translation>权限不足：不能在 {folder} 中写入 {file}。</translation>
    </message>
    <message>
        <source>{folder} is on a read-only disk: {file} was not written.</source>
        <translation>{folder} 位于只读磁盘上：{file} 未写入。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist: {file} was not written.</source>
        <translation>文件夹 {folder} 不存在：{file} 未写入。</translation>
    </message>
    <message>
        <source>The picture could not be encoded as PNG: {file} was not written.</source>
        <translation>无法将图片编码为 PNG：{file} 未写入。</translation>
    </message>
    <message>
        <source>{file} was not written: {reason}</source>
        <translation>{file} 未写入：{reason}</translation>
    </message>
</context>
<context>
    <name>FillNote</name>
    <message>
        <source>The fill leaked out through a gap in the outline and covered the board around it. Undo ({undo}), close the gap with the brush, then fill inside the outline again.</source>
        <translation>填充从轮廓的缺口漏了出去，盖住了轮廓外的画板。请撤销（{undo}），用画笔补上缺口，再在轮廓里面填充。</translation>
    </message>
    <message>
        <source>Nothing to fill: no outline on the board is closed. Close the gap with the brush (draw over the ends until they meet), then press Fill inside again.</source>
        <translation>没有可填充的区域：画板上没有封闭的轮廓。请用画笔补上缺口（把两端画到连在一起），再按“填充内部”。</translation>
    </message>
</context>
<context>
    <name>FilterWords</name>
    <message>
        <source>the test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>our sketches</source>
        <translation>我们的草图</translation>
    </message>
    <message>
        <source>the training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Waiting for the model&apos;s predictions: the filters on its answers need them.</source>
        <translation>正在等待模型的预测：按模型的回答筛选需要它们。</translation>
    </message>
    <message>
        <source>{true} read as {predicted} is a right answer, and “Only misclassified” hides those.</source>
        <translation>{true}被读成{predicted}是答对了，而“只看分错的”把答对的都隐藏了。</translation>
    </message>
    <message>
        <source>No {true} in {where} is read as {predicted}.</source>
        <translation>{where}中没有被读成{predicted}的{true}。</translation>
    </message>
    <message>
        <source>The model reads every {true} in {where} right.</source>
        <translation>模型把{where}中的每个{true}都读对了。</translation>
    </message>
    <message>
        <source>There is no {true} in {where}.</source>
        <translation>{where}中没有{true}。</translation>
    </message>
    <message>
        <source>Nothing in {where} is wrongly read as {predicted}.</source>
        <translation>{where}中没有被错读成{predicted}的图像。</translation>
    </message>
    <message>
        <source>Nothing in {where} is read as {predicted}.</source>
        <translation>{where}中没有被读成{predicted}的图像。</translation>
    </message>
    <message>
        <source>The model reads every image in {where} right.</source>
        <translation>模型把{where}中的每张图像都读对了。</translation>
    </message>
    <message>
        <source>No images match the filters.</source>
        <translation>没有符合筛选条件的图像。</translation>
    </message>
    <message>
        <source>True: {name}</source>
        <translation>真实类别：{name}</translation>
    </message>
    <message>
        <source>Predicted: {name}</source>
        <translation>预测类别：{name}</translation>
    </message>
    <message>
        <source>only misclassified</source>
        <translation>只看分错的</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <source>Teach it our sketches</source>
        <translation>用我们的草图教它</translation>
    </message>
</context>
<context>
    <name>FinetunePanel</name>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Held out:</source>
        <translation>留出：</translation>
    </message>
    <message>
        <source>a quarter of each class</source>
        <translation>每类的四分之一</translation>
    </message>
    <message>
        <source>the last</source>
        <translation>最后</translation>
    </message>
    <message>
        <source> sketches</source>
        <translation> 张草图</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Put back the model as it was before the fine-tune</source>
        <translation>把模型恢复成微调之前的样子</translation>
    </message>
    <message>
        <source>&amp;Use on Draw</source>
        <translation>用于绘图(&amp;U)</translation>
    </message>
    <message>
        <source>Save as &amp;checkpoint…</source>
        <translation>保存为检查点(&amp;C)…</translation>
    </message>
    <message>
        <source>That model has no weights yet: train it or choose another.</source>
        <translation>该模型还没有权重：请先训练它，或选择其他模型。</translation>
    </message>
    <message>
        <source>Reading the sketches…</source>
        <translation>正在读取草图…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Learning from {train} sketches, {held} held out.</source>
        <translation>从 {train} 张草图学习，留出 {held} 张。</translation>
    </message>
    <message>
        <source>Stopped early after {seconds:.1f} s.</source>
        <translation>{seconds:.1f} 秒后提前停止。</translation>
    </message>
    <message>
        <source>Done in {seconds:.1f} s.</source>
        <translation>完成，用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>Step {step} of {steps}: held out {held}, test {test}</source>
        <translation>第 {step}/{steps} 步：留出草图 {held}，测试 {test}</translation>
    </message>
    <message>
        <source>Held out, never learnt from:</source>
        <translation>留出的草图，从不用来学习：</translation>
    </message>
    <message>
        <source>Keep {needed} more sketches first: teaching needs at least {least}, one of them held out ({count} so far). Draw one and press Draw ▸ Keep as… ({key}), or let the class draw on their phones (Class tab).</source>
        <translation>请先再收集 {needed} 张草图：教它至少需要 {least} 张，其中一张留出（目前 {count} 张）。画一张后按 绘图 ▸ 记为…（{key}），或让全班在手机上画（课堂页）。</translation>
    </message>
    <message>
        <source>Learns from the class&apos;s sketches, never from the held-out ones: does it read those better afterwards, and does it still know the photos?</source>
        <translation>从全班的草图学习，但从不学习留出的那些：之后它能更好地认出它们吗？它还认得照片吗？</translation>
    </message>
    <message>
        <source>Last run, from {model}: held-out sketches {held_before} → {held_after}, the whole Fashion-MNIST test set {test_before} → {test_after}.</source>
        <translation>上次运行，从 {model} 开始：留出的草图 {held_before} → {held_after}，整个 Fashion-MNIST 测试集 {test_before} → {test_after}。</translation>
    </message>
    <message>
        <source>The Draw tab now uses the fine-tuned model.</source>
        <translation>“绘图”页现在使用微调后的模型。</translation>
    </message>
    <message>
        <source>Back to the model as it was.</source>
        <translation>已恢复为原来的模型。</translation>
    </message>
    <message>
        <source>{model}-our-sketches.pt</source>
        <translation>{model}-我们的草图.pt</translation>
    </message>
    <message>
        <source>Save fine-tuned model</source>
        <translation>保存微调后的模型</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>FinetunePlot</name>
    <message>
        <source>held-out sketches</source>
        <translation>留出的草图</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Fashion-MNIST test, first {count} images</source>
        <translation>Fashion-MNIST 测试集的前 {count} 张图像</translation>
    </message>
    <message>
        <source>before</source>
        <translation>微调前</translation>
    </message>
    <message>
        <source>While it learns, the test accuracy is measured on the first 1,000 test images (for speed); the numbers under the plot use all 10,000. Dashed: where each stood at the start.</source>
        <translation>学习过程中，测试精度只在前 1,000 张测试图像上测量（为了速度）；图下方的数字使用全部 10,000 张。虚线：各自开始时的位置。</translation>
    </message>
</context>
<context>
    <name>HeldStrip</name>
    <message>
        <source>Drawn as {drawn}</source>
        <translation>画的是{drawn}</translation>
    </message>
    <message>
        <source>read as {before} before, {after} after</source>
        <translation>微调前认作{before}，微调后认作{after}</translation>
    </message>
</context>
<context>
    <name>HelpPages</name>
    <message>
        <source>&lt;b&gt;Lesson guide.&lt;/b&gt; &lt;b&gt;Ctrl+G&lt;/b&gt; (Lesson menu) opens a guide beside the tabs: each step brings up the right tab and says what to show. &lt;b&gt;PageDown&lt;/b&gt; / &lt;b&gt;PageUp&lt;/b&gt; move between steps.</source>
        <translation>&lt;b&gt;课程向导。&lt;/b&gt;&lt;b&gt;Ctrl+G&lt;/b&gt;（“课程”菜单）在标签页旁打开向导：每一步都会切到相应的标签页，并说明要展示什么。&lt;b&gt;PageDown&lt;/b&gt; / &lt;b&gt;PageUp&lt;/b&gt; 在各步之间切换。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Train.&lt;/b&gt; &lt;i&gt;Lesson defaults&lt;/i&gt;, then &lt;b&gt;▶ Start&lt;/b&gt; (F5): softmax regression from scratch, 5 epochs, learning rate 0.1, batch size 256. Tick &lt;i&gt;Class pace&lt;/i&gt; so the curves grow slowly enough to talk over; pause (F6), then &lt;b&gt;F7&lt;/b&gt; trains one minibatch and &lt;b&gt;F8&lt;/b&gt; one epoch.</source>
        <translation>&lt;b&gt;训练。&lt;/b&gt;按&lt;i&gt;本课的默认设置&lt;/i&gt;，再按 &lt;b&gt;▶ 开始&lt;/b&gt;（F5）：从零实现的 softmax 回归，5 个迭代周期，学习率 0.1，批量大小 256。勾选&lt;i&gt;课堂节奏&lt;/i&gt;，曲线增长得足够慢，便于讲解；暂停（F6）后，&lt;b&gt;F7&lt;/b&gt; 训练一个小批量，&lt;b&gt;F8&lt;/b&gt; 训练一个迭代周期。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Compare learning rates.&lt;/b&gt; Start again with 0.01, 1 and 50: each run keeps its curves and its colour. At 50 the run diverges and the progress box says why.</source>
        <translation>&lt;b&gt;比较学习率。&lt;/b&gt;再用 0.01、1 和 50 各运行一次：每次运行都保留自己的曲线和颜色。学习率为 50 时训练发散，进度框会说明原因。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weights, Softmax, Code.&lt;/b&gt; The ten rows of W form garment-shaped templates; Softmax steps through o → exp → ÷ Σ → ŷ for one image; Code shows the lesson&apos;s code with the line that runs highlighted while you step.</source>
        <translation>&lt;b&gt;权重、softmax、代码。&lt;/b&gt;W 的十行形成服装形状的模板；softmax 标签页对一张图像逐步演示 o → exp → ÷ Σ → ŷ；代码标签页显示本课的代码，单步执行时高亮正在运行的那一行。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Draw.&lt;/b&gt; Draw a garment and watch the ten probabilities; &lt;b&gt;Keep as…&lt;/b&gt; (Ctrl+K) keeps the drawing with its class in the class&apos;s sketchbook.</source>
        <translation>&lt;b&gt;绘图。&lt;/b&gt;画一件服装，观察十个概率；&lt;b&gt;记为…&lt;/b&gt;（Ctrl+K）把这幅画连同它的类别存进全班的草图本。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Class.&lt;/b&gt; &lt;i&gt;Invite the class&lt;/i&gt;: students scan the QR code with their phones, draw, and their drawings arrive in the gallery with the model&apos;s answer.</source>
        <translation>&lt;b&gt;课堂。&lt;/b&gt;&lt;i&gt;邀请全班&lt;/i&gt;：学生用手机扫描二维码并作画，他们的画连同模型的回答一起出现在画廊中。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Our sketches.&lt;/b&gt; Browse ▸ Split ▸ &lt;i&gt;Our sketches&lt;/i&gt; shows what the class kept and how each model scores it; &lt;b&gt;Training ▸ Teach it our sketches…&lt;/b&gt; trains a model on them and compares before and after.</source>
        <translation>&lt;b&gt;我们的草图。&lt;/b&gt;浏览 ▸ 数据集 ▸ &lt;i&gt;我们的草图&lt;/i&gt;显示全班保存的草图以及各个模型的得分；&lt;b&gt;训练 ▸ 用我们的草图教它…&lt;/b&gt;用这些草图训练一个模型，并比较训练前后的结果。</translation>
    </message>
    <message>
        <source>On a projector: &lt;b&gt;Ctrl+=&lt;/b&gt; makes all text bigger (Ctrl+0 goes back), &lt;b&gt;View ▸ High contrast&lt;/b&gt; suits a bright room, &lt;b&gt;F11&lt;/b&gt; fills the screen. All keys: Help ▸ Keyboard shortcuts (F1).</source>
        <translation>使用投影仪时：&lt;b&gt;Ctrl+=&lt;/b&gt; 放大所有文字（Ctrl+0 恢复），&lt;b&gt;视图 ▸ 高对比度&lt;/b&gt;适合明亮的教室，&lt;b&gt;F11&lt;/b&gt; 全屏显示。全部按键：帮助 ▸ 键盘快捷键（F1）。</translation>
    </message>
    <message>
        <source>How to run the lesson</source>
        <translation>如何上这节课</translation>
    </message>
    <message>
        <source>Page Down</source>
        <translation>Page Down</translation>
    </message>
    <message>
        <source>Page Up</source>
        <translation>Page Up</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>InformationBox</name>
    <message>
        <source>The loss as information (in bits)</source>
        <translation>从信息论看损失（单位：比特）</translation>
    </message>
    <message>
        <source>Surprisal of the true class  −log₂ ŷ_y</source>
        <translation>真实类别的惊异  −log₂ ŷ_y</translation>
    </message>
    <message>
        <source>Entropy of the prediction  H(ŷ) = −Σ ŷ log₂ ŷ</source>
        <translation>预测的熵  H(ŷ) = −Σ ŷ log₂ ŷ</translation>
    </message>
    <message>
        <source>Cross-entropy  H(y, ŷ) = −Σ y log₂ ŷ</source>
        <translation>交叉熵  H(y, ŷ) = −Σ y log₂ ŷ</translation>
    </message>
    <message>
        <source>KL divergence  KL(y‖ŷ) = Σ y log₂(y / ŷ)</source>
        <translation>KL散度  KL(y‖ŷ) = Σ y log₂(y / ŷ)</translation>
    </message>
    <message>
        <source>{n} bits</source>
        <translation>{n} 比特</translation>
    </message>
    <message>
        <source>Pick the true class y above: the other three need it.</source>
        <translation>请在上方选择真实类别 y：其余三项都需要它。</translation>
    </message>
    <message>
        <source>y is one-hot, so H(y) = 0: H(y, ŷ) = −log₂ ŷ_y, and KL(y‖ŷ) = H(y, ŷ) − H(y) is the same number. The loss l above is this in nats: l = H(y, ŷ) · ln 2 = {loss}.</source>
        <translation>y 是独热向量，所以 H(y) = 0：H(y, ŷ) = −log₂ ŷ_y，而 KL(y‖ŷ) = H(y, ŷ) − H(y) 是同一个数。上面的损失 l 就是它以奈特为单位的值：l = H(y, ŷ) · ln 2 = {loss}。</translation>
    </message>
</context>
<context>
    <name>InviteBox</name>
    <message>
        <source>Every student draws on their own phone</source>
        <translation>每个学生用自己的手机画</translation>
    </message>
    <message>
        <source>Students scan the code (or type the address) on a phone, tablet or laptop in this room, draw a garment, say what it is and send it; the model answers on their screen and here. The page comes from this computer: nothing leaves the room, no names are asked.</source>
        <translation>学生在教室里用手机、平板或笔记本电脑扫描二维码（或输入地址），画一件衣物，说出它是什么，然后发送；模型在他们的屏幕上和这里给出回答。页面来自这台电脑：任何内容都不会离开教室，也不询问姓名。</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>网络：</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Look for this computer&apos;s networks again (after joining a hotspot)</source>
        <translation>重新查找这台电脑的网络（例如连上热点之后）</translation>
    </message>
    <message>
        <source>Phones cannot open the page? Some school Wi-Fi keeps devices apart: use a phone&apos;s hotspot instead.</source>
        <translation>手机打不开页面？有些学校的无线网络会把设备彼此隔开：请改用手机热点。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Invite the class</source>
        <translation>邀请全班</translation>
    </message>
    <message>
        <source>Phones will reach this computer at {address}. Joined another Wi-Fi or a phone&apos;s hotspot since? Press Look again.</source>
        <translation>手机将通过 {address} 访问这台电脑。之后换了 Wi-Fi 或连上了手机热点？请按“重新查找”。</translation>
    </message>
    <message>
        <source>QR code of the page&apos;s address</source>
        <translation>页面地址的二维码</translation>
    </message>
    <message>
        <source>Check that your page shows {code}</source>
        <translation>请确认你的页面显示 {code}</translation>
    </message>
</context>
<context>
    <name>KeepRow</name>
    <message>
        <source>Keep as…</source>
        <translation>记为…</translation>
    </message>
    <message>
        <source>Draw ▸ Keep as…</source>
        <translation>绘图 ▸ 记为…</translation>
    </message>
    <message>
        <source>A sample sent here is already in the dataset or the sketchbook: draw on it to keep your own version</source>
        <translation>发送到这里的样本已在数据集或草图本中：在上面画几笔，才能记下你自己的版本</translation>
    </message>
    <message>
        <source>Sent sample: draw on it to keep it</source>
        <translation>发送来的样本：画几笔后才能记下</translation>
    </message>
    <message>
        <source>Keep this drawing in today&apos;s class sketchbook as the garment you meant ({key})</source>
        <translation>把这幅画记为你想画的服装类别，收进今天的班级草图本（{key}）</translation>
    </message>
    <message>
        <source>Kept as {name}</source>
        <translation>已记为“{name}”</translation>
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
    <name>LessonGuide</name>
    <message>
        <source>Lesso&amp;n</source>
        <translation>课程(&amp;N)</translation>
    </message>
    <message>
        <source>Show the lesson &amp;guide</source>
        <translation>显示课程向导(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <source>Previous step (PgUp)</source>
        <translation>上一步（PgUp）</translation>
    </message>
    <message>
        <source>Next step (PgDown)</source>
        <translation>下一步（PgDown）</translation>
    </message>
    <message>
        <source>Fold the text away, or show it again</source>
        <translation>收起说明文字，或再次显示</translation>
    </message>
    <message>
        <source>Close the guide (Lesson menu to open it again)</source>
        <translation>关闭向导（可从“课程”菜单再次打开）</translation>
    </message>
    <message>
        <source>The data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The model o = Wx + b</source>
        <translation>模型 o = W·x + b</translation>
    </message>
    <message>
        <source>Fashion-MNIST: 60,000 pictures to learn from, 10,000 to test on, each 28×28 grey pixels of one of ten kinds of clothing. &lt;b&gt;Point at&lt;/b&gt; a few in the grid and name their classes. To the model a picture is 784 numbers between 0 and 1, seen in minibatches of 256.</source>
        <translation>Fashion-MNIST：60,000 张图片用来学习，10,000 张用来测试，每张是 28×28 的灰度像素，属于十类服饰之一。&lt;b&gt;指给大家看&lt;/b&gt;网格里的几张，说出它们的类别。对模型来说，一张图片是 784 个介于 0 和 1 之间的数，每次看一个 256 张的小批量。</translation>
    </message>
    <message>
        <source>One layer: each of the ten outputs adds up all 784 pixels, every pixel times its own weight, plus a bias. &lt;b&gt;Point at&lt;/b&gt; the pictures at the top: each output&apos;s weights drawn as a 28×28 template the image is compared with. Below them, the diagram: 784 inputs wired to 10 outputs, 7,850 numbers to learn.</source>
        <translation>只有一层：十个输出中的每一个都把 784 个像素各乘上自己的权重后加起来，再加上一个偏置。&lt;b&gt;指给大家看&lt;/b&gt;上方的图片：每个输出的权重画成一张 28×28 的模板，图像要与之比较。它们下方是网络图：784 个输入全部连到 10 个输出，要学 7,850 个数。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>softmax 运算</translation>
    </message>
    <message>
        <source>The outputs o can be any numbers, even negative. Softmax turns them into chances that add up to 1: exp makes each one positive, dividing by the total makes them sum to 1. &lt;b&gt;Point at&lt;/b&gt; the columns o, exp and ŷ for this picture: the order stays the same, the largest output gets the largest share.</source>
        <translation>输出 o 可以是任意数，也可以是负数。softmax 把它们变成加起来为 1 的概率：exp 让每个数变为正数，再除以总和使它们的和为 1。&lt;b&gt;指给大家看&lt;/b&gt;这张图片的 o、exp 和 ŷ 三列：顺序不变，最大的输出得到最大的份额。</translation>
    </message>
    <message>
        <source>The loss: cross-entropy</source>
        <translation>损失：交叉熵</translation>
    </message>
    <message>
        <source>The loss looks only at the chance given to the right answer y: ℓ = −log ŷ_y. Sure and right costs almost nothing; sure and wrong costs a lot. &lt;b&gt;Point at&lt;/b&gt; the box below the table: the same number read as information in bits, beside the entropy of ŷ and the KL divergence.</source>
        <translation>损失只看模型给正确答案 y 的概率：ℓ = −log ŷ_y。有把握且答对几乎没有代价，有把握却答错代价很大。&lt;b&gt;指给大家看&lt;/b&gt;表格下方的框：同一个数以比特为单位读作信息量，旁边是 ŷ 的熵和 KL散度。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>The chapter&apos;s run is set: from-scratch softmax regression, 5 epochs, learning rate 0.1, minibatches of 256, at class pace so it lasts about half a minute. Press &lt;b&gt;Start&lt;/b&gt; (F5) and &lt;b&gt;point at&lt;/b&gt; the figure as it grows: loss, train accuracy and test accuracy per epoch, with one log line for each epoch.</source>
        <translation>本章的训练已设置好：从零实现的 softmax 回归，5 个迭代周期，学习率 0.1，小批量大小 256，按课堂节奏运行，约半分钟。按&lt;b&gt;开始&lt;/b&gt;（F5），并在图逐渐画出时&lt;b&gt;指给大家看&lt;/b&gt;：每个迭代周期的损失、训练精度和测试精度，日志每个迭代周期一行。</translation>
    </message>
    <message>
        <source>The code that runs</source>
        <translation>正在运行的代码</translation>
    </message>
    <message>
        <source>Left: the functions this run is executing, read from the program itself (the net, softmax, cross-entropy, the SGD update, the loop). Right: the same with nn.Linear, CrossEntropyLoss and torch.optim.SGD. At class pace &lt;b&gt;point at&lt;/b&gt; the lines lighting up one stage after another, and at the shapes and values of the current minibatch below.</source>
        <translation>左边：这次训练正在执行的函数，直接从程序本身读出（网络、softmax、交叉熵、随机梯度下降的更新、训练循环）。右边：用 nn.Linear、CrossEntropyLoss 和 torch.optim.SGD 的同样内容。按课堂节奏训练时，&lt;b&gt;指给大家看&lt;/b&gt;逐个阶段高亮的代码行，以及下方当前小批量的形状和数值。</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>The trained model labels test pictures it has never seen. &lt;b&gt;Point at&lt;/b&gt; the lesson&apos;s picture: each image with its true class above the predicted one, mistakes marked. Pick a mistake and ask whether a person would have got it right.</source>
        <translation>训练好的模型为从未见过的测试图片给出标签。&lt;b&gt;指给大家看&lt;/b&gt;课上的那张图：每张图像上面是真实类别，下面是预测类别，错误的已标出。挑一个错误，问问大家人能不能答对。</translation>
    </message>
    <message>
        <source>Exercise: exp overflows</source>
        <translation>练习：exp 上溢</translation>
    </message>
    <message>
        <source>The outputs are multiplied by 100 and the maximum is no longer subtracted: exp of a large number is too big for a float, so ŷ turns into inf and NaN. Tick &lt;b&gt;Subtract the max&lt;/b&gt;: taking the largest output away first changes nothing in ŷ and nothing overflows.</source>
        <translation>输出乘以 100，并且不再减去最大值：大数的 exp 超出了浮点数的范围，于是 ŷ 变成 inf 和 NaN。勾选&lt;b&gt;减去最大值&lt;/b&gt;：先减去最大的输出，ŷ 完全不变，也不再上溢。</translation>
    </message>
    <message>
        <source>Exercise: temperature</source>
        <translation>练习：温度</translation>
    </message>
    <message>
        <source>The outputs are divided by a temperature T before softmax, here T = 5: the chances flatten out. Try T = 0.2: they sharpen onto the top class. &lt;b&gt;Point at&lt;/b&gt; the order of the classes: it never changes, only how sure the model sounds.</source>
        <translation>在 softmax 之前把输出除以温度 T，这里 T = 5：概率变得平坦。试试 T = 0.2：概率集中到最高的类别上。&lt;b&gt;指给大家看&lt;/b&gt;类别的顺序：它从不改变，变的只是模型听起来有多确定。</translation>
    </message>
    <message>
        <source>Question: what does 90 % mean?</source>
        <translation>问题：90 % 是什么意思？</translation>
    </message>
    <message>
        <source>If a model says 90 % it should be right nine times out of ten. &lt;b&gt;Point at&lt;/b&gt; the reliability diagram: for each confidence level, how often the model really was right on the test set. Fitting one temperature often brings the two closer.</source>
        <translation>模型说 90 %，就应该十次里对九次。&lt;b&gt;指给大家看&lt;/b&gt;可靠性图：在测试集上，每个置信度下模型实际答对的比例。拟合一个温度常能让两者更接近。</translation>
    </message>
    <message>
        <source>Question: where does the gradient come from?</source>
        <translation>问题：梯度从哪里来？</translation>
    </message>
    <message>
        <source>For softmax with cross-entropy the gradient of the loss with respect to the outputs is ŷ − y: the predicted chances minus 1 at the true class. &lt;b&gt;Point at&lt;/b&gt; that column, then at the SGD step below it: one step against this gradient, tried on a copy of the weights until you press Apply.</source>
        <translation>对 softmax 加交叉熵而言，损失对输出的梯度就是 ŷ − y：预测概率在真实类别处减去 1。&lt;b&gt;指给大家看&lt;/b&gt;这一列，再看下面的随机梯度下降一步：沿这个梯度的反方向走一步，在权重的副本上试，直到按下“应用”。</translation>
    </message>
</context>
<context>
    <name>LessonLog</name>
    <message>
        <source>epoch {epoch}, loss {loss:.4f}, train acc {train_acc:.3f}, test acc {test_acc:.3f}</source>
        <translation>迭代周期 {epoch}，损失 {loss:.4f}，训练精度 {train_acc:.3f}，测试精度 {test_acc:.3f}</translation>
    </message>
    <message>
        <source>finished {epochs}</source>
        <translation>完成了 {epochs}</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完成了</translation>
    </message>
    <message>
        <source>stopped by request</source>
        <translation>已按要求停止</translation>
    </message>
    <message>
        <source>training diverged: the learning rate {lr} is too large for this model; try a smaller one.</source>
        <translation>训练发散了：学习率 {lr} 对这个模型来说太大，请换一个更小的（例如 0.1）。</translation>
    </message>
    <message>
        <source>The model was restored to its last good weights.</source>
        <translation>模型已恢复为最后一组正常的权重。</translation>
    </message>
    <message>
        <source>There were no last good weights yet: the model is back at its untrained starting weights.</source>
        <translation>还没有正常的权重：模型回到了未经训练的初始权重。</translation>
    </message>
    <message>
        <source>training collapsed: test accuracy is no better than guessing one of ten classes. Try a smaller learning rate than {lr}.</source>
        <translation>训练崩溃了：测试精度并不比在十个类别中随便猜一个更好。请试试比 {lr} 更小的学习率。</translation>
    </message>
</context>
<context>
    <name>LessonLogCounts</name>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n 个迭代周期</numerusform>
        </translation>
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
        <translation>课上那张图：前 {count} 张，上为真实、下为预测</translation>
    </message>
    <message>
        <source>Hide the lesson&apos;s picture</source>
        <translation>隐藏课上的那张图</translation>
    </message>
    <message>
        <source>Show the lesson&apos;s picture</source>
        <translation>显示课上的那张图</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>绘图(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Browse</source>
        <translation>浏览(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Weights</source>
        <translation>权重(&amp;W)</translation>
    </message>
    <message>
        <source>S&amp;oftmax</source>
        <translation>softmax(&amp;O)</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>课堂</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save trained model…</source>
        <translation>保存训练好的模型(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Epoch &amp;metrics (CSV)…</source>
        <translation>各迭代周期的指标 (CSV)(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Plots (PNG)…</source>
        <translation>图表 (PNG)(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>Text size: normal</source>
        <translation>文字大小：正常</translation>
    </message>
    <message>
        <source>Text size: {steps}</source>
        <translation>文字大小：{steps}</translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation>放大文字(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>正常文字大小(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>How to run the &amp;lesson</source>
        <translation>如何上这节课(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>T&amp;raining</source>
        <translation>训练(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Clear runs from the plots</source>
        <translation>清除各次训练(&amp;C)</translation>
    </message>
    <message>
        <source>Teach it &amp;our sketches…</source>
        <translation>用我们的草图教它(&amp;O)…</translation>
    </message>
    <message>
        <source>About {title}</source>
        <translation>关于 {title}</translation>
    </message>
    <message>
        <source>&lt;p&gt;Train a softmax classifier on Fashion-MNIST and watch it learn, draw a garment and see the ten softmax probabilities, and browse the dataset through the model&apos;s eyes.&lt;/p&gt;&lt;p&gt;Based on the lesson “softmax regression” of &lt;i&gt;Dive into Deep Learning&lt;/i&gt;. Fashion-MNIST © Zalando Research (MIT licence).&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 Fashion-MNIST 上训练一个 softmax 分类器并看着它学习；画一件服饰，看看十个 softmax 概率；再用模型的眼光浏览整个数据集。&lt;/p&gt;&lt;p&gt;基于《动手学深度学习》中“softmax回归”一节。Fashion-MNIST © Zalando Research（MIT 许可证）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Dataset: {train:,} training / {test:,} test images</source>
        <translation>数据集：{train:,} 张训练图像 / {test:,} 张测试图像</translation>
    </message>
    <message>
        <source>Data: {train:,} / {test:,}</source>
        <translation>数据：{train:,} / {test:,}</translation>
    </message>
    <message>
        <source>read from {folder}</source>
        <translation>读取自 {folder}</translation>
    </message>
    <message>
        <source>Dataset: not found — see the Train tab</source>
        <translation>数据集：未找到 — 请看“训练”标签页</translation>
    </message>
    <message>
        <source>Dataset: loading…</source>
        <translation>数据集：正在加载…</translation>
    </message>
    <message>
        <source>Model: {model}</source>
        <translation>模型：{model}</translation>
    </message>
    <message>
        <source>Active model: {model}</source>
        <translation>当前模型：{model}</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>Device: starting PyTorch…</source>
        <translation>设备：正在启动 PyTorch…</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>Opened {file}</source>
        <translation>已打开 {file}</translation>
    </message>
    <message>
        <source> — {note}</source>
        <translation> —— {note}</translation>
    </message>
    <message>
        <source>test {test}</source>
        <translation>测试精度 {test}</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt);;All files (*)</source>
        <translation>检查点 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open the checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>Nothing has been trained yet: train a model on the Train tab first.</source>
        <translation>还没有训练任何模型：请先在“训练”标签页训练一个模型。</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <source>{model}-edited.pt</source>
        <translation>{model}-edited.pt</translation>
    </message>
    <message>
        <source>Save edited model</source>
        <translation>保存编辑过的模型</translation>
    </message>
    <message>
        <source>Save trained model</source>
        <translation>保存训练好的模型</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>The weights are still in the window: free some space or choose another folder, then save again.</source>
        <translation>权重仍保留在窗口中：请腾出一些空间或选择另一个文件夹，然后再次保存。</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Save which weights?</source>
        <translation>保存哪一组权重？</translation>
    </message>
    <message>
        <source>The active model ({model}) has hand edits. Save the edited weights to a file?</source>
        <translation>当前模型（{model}）有手动编辑。要把编辑后的权重保存到文件吗？</translation>
    </message>
    <message>
        <source>Save &amp;edited weights…</source>
        <translation>保存编辑后的权重(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the &amp;trained live model…</source>
        <translation>保存训练好的实时模型(&amp;T)…</translation>
    </message>
    <message>
        <source>Fashion-MNIST Playground</source>
        <translation>Fashion-MNIST 练习场</translation>
    </message>
</context>
<context>
    <name>MinibatchView</name>
    <message>
        <source>At class pace, or stepping a paused run (F7: one minibatch, F8: one epoch), the minibatch just taken shows here: its images, their classes and its loss.</source>
        <translation>以课堂节奏训练时，或在暂停后单步训练时（F7：一个小批量，F8：一个迭代周期），刚用过的小批量显示在这里：它的图像、类别和损失。</translation>
    </message>
    <message>
        <source>Epoch {epoch}, minibatch {batch} of {batches}: {count} images, loss {loss:.4f}</source>
        <translation>第 {epoch} 个迭代周期，第 {batch}/{batches} 个小批量：{count} 张图像，损失 {loss:.4f}</translation>
    </message>
</context>
<context>
    <name>MissingDataPage</name>
    <message>
        <source>Browse our sketches instead</source>
        <translation>改为浏览我们的草图</translation>
    </message>
</context>
<context>
    <name>ModelFigures</name>
    <message>
        <source>test {test} · reference drawings not scored</source>
        <translation>测试精度 {test} · 参考草图未评分</translation>
    </message>
    <message>
        <source>test {test} · reference drawings {drawings}</source>
        <translation>测试精度 {test} · 参考草图 {drawings}</translation>
    </message>
    <message>
        <source>test {test} · drawings {drawings}</source>
        <translation>测试 {test} · 草图 {drawings}</translation>
    </message>
    <message>
        <source>test {test} · drawings not scored</source>
        <translation>测试 {test} · 草图未评分</translation>
    </message>
    <message>
        <source>{model} ({figures})</source>
        <translation>{model}（{figures}）</translation>
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
        <source>live model</source>
        <translation>实时模型</translation>
    </message>
    <message>
        <source>{name} taught our sketches</source>
        <translation>{name}（用我们的草图教过）</translation>
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
    <name>NetworkDiagram</name>
    <message>
        <source>{n} parameters in all</source>
        <translation>共 {n} 个参数</translation>
    </message>
    <message>
        <source>fully connected {i} → {o}</source>
        <translation>全连接层 {i} → {o}</translation>
    </message>
    <message>
        <source>convolution {k}×{k}, {i} → {o} channels</source>
        <translation>卷积层 {k}×{k}，{i} → {o} 个通道</translation>
    </message>
    <message>
        <source>max-pooling {k}×{k}</source>
        <translation>最大汇聚 {k}×{k}</translation>
    </message>
    <message>
        <source>flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>then {layers}</source>
        <translation>然后：{layers}</translation>
    </message>
    <message>
        <source>output {shape}</source>
        <translation>输出 {shape}</translation>
    </message>
    <message>
        <source>{n} parameters: W {w}, b {b}</source>
        <translation>{n} 个参数：W {w}，b {b}</translation>
    </message>
    <message>
        <source>{n} parameters: W {w}</source>
        <translation>{n} 个参数：W {w}</translation>
    </message>
    <message>
        <source>fully connected: o = Wx + b</source>
        <translation>全连接层：o = Wx + b</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>28×28 pixels</source>
        <translation>28×28 像素</translation>
    </message>
    <message>
        <source>{n} outputs o</source>
        <translation>{n} 个输出 o</translation>
    </message>
</context>
<context>
    <name>NoMatchHint</name>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>PaceControl</name>
    <message>
        <source>Class pace</source>
        <translation>课堂节奏</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Class pace: the whole run takes about this many seconds on screen, however many epochs, so the class sees the curves grow. Off: full speed. Same numbers either way: it only waits between minibatches. Pause (F6), then F7 trains one minibatch and F8 one epoch.</source>
        <translation>课堂节奏：无论多少个迭代周期，整次训练在屏幕上大约持续这么多秒，让全班看着曲线增长。不勾选：全速。两种方式的数字完全相同：只是在小批量之间等待。暂停（F6）后，F7 训练一个小批量，F8 训练一个迭代周期。</translation>
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
        <source>Reset to tra&amp;ined weights</source>
        <translation>恢复训练得到的权重(&amp;I)</translation>
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
    <name>PlotViews</name>
    <message>
        <source>Live curves</source>
        <translation>实时曲线</translation>
    </message>
    <message>
        <source>The book&apos;s figure</source>
        <translation>书中的图</translation>
    </message>
    <message>
        <source>Minibatch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>What the plots show: every run&apos;s curves as they grow; the current run as the lesson draws it (train loss, train acc and test acc per epoch, one chart); or the minibatch just taken, at class pace or when stepping (F7, F8).</source>
        <translation>图中显示什么：每次训练增长中的曲线；按课程的画法显示当前这次训练（每个迭代周期的训练损失、训练精度和测试精度，画在一张图中）；或者刚用过的小批量（课堂节奏或单步训练时，F7、F8）。</translation>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>快捷方式</translation>
    </message>
    <message>
        <source>Alias</source>
        <comment>macOS Finder</comment>
        <translation>替身</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuitCheck</name>
    <message>
        <source>The class page is still open to the students.</source>
        <translation>课堂页面仍向学生开放。</translation>
    </message>
    <message>
        <source>A model is still training on the Train tab.</source>
        <translation>“训练”页上还有模型在训练。</translation>
    </message>
    <message>
        <source>A model is still being taught our sketches.</source>
        <translation>还在用我们的草图教模型。</translation>
    </message>
    <message>
        <source>Quit?</source>
        <translation>退出？</translation>
    </message>
    <message>
        <source>Quit anyway? Cancel keeps everything as it is.</source>
        <translation>仍要退出吗？按“取消”则一切照旧。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>QuitCheckCounts</name>
    <message numerus="yes">
        <source>The class is still drawing: %n device(s) have sent drawings.</source>
        <translation>
            <numerusform>全班还在画：已有 %n 台设备发来了画。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReliabilityPlot</name>
    <message>
        <source>accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>confidence: the top class&apos;s probability</source>
        <translation>置信度：最可能类别的概率</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>完美校准</translation>
    </message>
    <message>
        <source>softmax(o)</source>
        <translation>softmax(o)</translation>
    </message>
    <message>
        <source>softmax(o / T)</source>
        <translation>softmax(o / T)</translation>
    </message>
</context>
<context>
    <name>ResultsBox</name>
    <message>
        <source>Show drawings only after I approve them</source>
        <translation>经我批准后才显示作品</translation>
    </message>
    <message>
        <source>Show all waiting</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>No drawings yet. They appear here as the students send them, newest first.</source>
        <translation>还没有作品。学生发送的作品会显示在这里，最新的在前。</translation>
    </message>
    <message>
        <source>Click a drawing to open it on the Draw tab; Hide takes it out of the gallery and the sketchbook</source>
        <translation>点击一幅画可在“绘图”页打开它；“隐藏”会把它从画廊和草图本中移除</translation>
    </message>
    <message>
        <source>Bars: the model&apos;s three likeliest classes. {drawn} the class drawn, {other} the others.</source>
        <translation>条形：模型认为可能性最大的三个类别。{drawn} 学生画的类别，{other} 其他类别。</translation>
    </message>
    <message>
        <source>Class accuracy: {right} of {total} right ({share:.0%})</source>
        <translation>全班精度：{total} 幅中对了 {right} 幅（{share:.0%}）</translation>
    </message>
    <message>
        <source>Class accuracy: no drawings yet</source>
        <translation>全班精度：还没有作品</translation>
    </message>
    <message>
        <source>No drawings yet.</source>
        <translation>还没有作品。</translation>
    </message>
    <message>
        <source>Waiting for your approval: {count}</source>
        <translation>等待你批准：{count}</translation>
    </message>
    <message>
        <source>Drawings ({count})</source>
        <translation>作品（{count}）</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Drawn as {said}, guessed {guess}: {count}</source>
        <translation>画的是{said}，猜成{guess}：{count} 幅</translation>
    </message>
</context>
<context>
    <name>RunExports</name>
    <message numerus="yes">
        <source>epoch metrics of %n run(s) exported to {path}</source>
        <translation>
            <numerusform>%n 次训练的迭代周期指标已导出到 {path}</numerusform>
        </translation>
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
        <source>Delete sketch</source>
        <translation>删除草图</translation>
    </message>
    <message>
        <source>Remove this sketch from the class&apos;s sketchbook (Delete key)</source>
        <translation>从班级草图本中删除这张草图（Delete 键）</translation>
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
    <message>
        <source>No image to show</source>
        <translation>没有可显示的图像</translation>
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
        <source>Browse: our sketch {number}</source>
        <translation>浏览：我们的第 {number} 张草图</translation>
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
        <source>The dataset is not loaded.</source>
        <translation>数据集还没有加载。</translation>
    </message>
    <message>
        <source>live (not trained yet)</source>
        <translation>实时（尚未训练）</translation>
    </message>
    <message>
        <source>pretrained {name}</source>
        <translation>预训练的 {name}</translation>
    </message>
    <message>
        <source>{file} ({model}, {accuracies})</source>
        <translation>{file}（{model}，{accuracies}）</translation>
    </message>
    <message>
        <source>{file} ({model})</source>
        <translation>{file}（{model}）</translation>
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
        <source>{model} (diverged, no good weights)</source>
        <translation>{model}（已发散，没有良好的权重）</translation>
    </message>
    <message>
        <source>Run {run} has no good weights: Draw answers with no model until a run has some or you choose one in the Model menu.</source>
        <translation>第 {run} 次运行没有良好的权重：在某次运行得到良好的权重或你在“模型”菜单中选定模型之前，“绘图”页没有模型作答。</translation>
    </message>
    <message>
        <source>Run {run} has no good weights, so Draw now uses {model}.</source>
        <translation>第 {run} 次运行没有良好的权重，所以“绘图”页现在使用 {model}。</translation>
    </message>
    <message>
        <source>{model}. Draw shows {active}; the phones keep their model until you choose one (Model menu, Draw&apos;s chooser or Use on Draw).</source>
        <translation>{model}。“绘图”页显示的是 {active}；在你选定模型（“模型”菜单、“绘图”页的模型选择框或“用于绘图”）之前，手机一直使用原来的模型。</translation>
    </message>
    <message>
        <source>Nothing has been trained yet: train a model on the Train tab first.</source>
        <translation>还没有训练任何模型：请先在“训练”标签页训练一个模型。</translation>
    </message>
    <message>
        <source>The active model has no edits to save.</source>
        <translation>当前模型没有可保存的编辑。</translation>
    </message>
    <message>
        <source>PyTorch could not be loaded: {error}</source>
        <translation>无法加载 PyTorch：{error}</translation>
    </message>
    <message>
        <source>The dataset could not be loaded: {error}</source>
        <translation>无法加载数据集：{error}</translation>
    </message>
</context>
<context>
    <name>SessionSketchbook</name>
    <message numerus="yes">
        <source>Nothing new in {file}: its %n sketch(es) are already in today&apos;s sketchbook.</source>
        <translation>
            <numerusform>{file} 中没有新草图：其中的 %n 张草图都已在今天的草图本里。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n sketch(es) from {file}, {there} already there.</source>
        <translation>
            <numerusform>已从 {file} 导入 %n 张草图，另有 {there} 张已经在了。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n sketch(es) from {file}.</source>
        <translation>
            <numerusform>已从 {file} 导入 %n 张草图。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sketch(es) to {file}.</source>
        <translation>
            <numerusform>已把 %n 张草图导出到 {file}。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SketchCanvas</name>
    <message>
        <source>drawing board</source>
        <translation>绘图板</translation>
    </message>
</context>
<context>
    <name>SketchScoresView</name>
    <message>
        <source>&lt;b&gt;How well does it read our class?&lt;/b&gt; Each model&apos;s answers on our sketches</source>
        <translation>&lt;b&gt;它能认出我们班的画吗？&lt;/b&gt;各个模型在我们草图上的回答</translation>
    </message>
    <message>
        <source>Teach it our sketches…</source>
        <translation>用我们的草图教它…</translation>
    </message>
    <message>
        <source>cannot answer</source>
        <translation>无法回答</translation>
    </message>
    <message>
        <source>{accuracy:.0%} ({right} of {total})</source>
        <translation>{accuracy:.0%}（{total} 张中对 {right} 张）</translation>
    </message>
    <message>
        <source>{name}: {right} of {total}</source>
        <translation>{name}：{total} 张中对 {right} 张</translation>
    </message>
    <message>
        <source>No sketches yet: the scores appear once the class keeps some.</source>
        <translation>还没有草图：班级收进草图后，这里会显示得分。</translation>
    </message>
    <message>
        <source>No model to score yet.</source>
        <translation>还没有可评分的模型。</translation>
    </message>
    <message>
        <source>In bold: the model the images are framed for.</source>
        <translation>粗体：图像边框所依据的模型。</translation>
    </message>
    <message>
        <source>A model taught our sketches has learned from most of them: its score here flatters it; the Teach window tests it on the sketches it never saw.</source>
        <translation>用我们的草图教过的模型已经学过其中大部分草图：它在这里的得分偏高；“用我们的草图教它”窗口会用它从未见过的草图来检验它。</translation>
    </message>
</context>
<context>
    <name>Sketchbook</name>
    <message>
        <source>Kept as {name} ({count} in today&apos;s sketchbook)</source>
        <translation>已记为“{name}”（今天的草图本里有 {count} 张）</translation>
    </message>
</context>
<context>
    <name>SketchbookFiles</name>
    <message>
        <source>Export s&amp;ketchbook…</source>
        <translation>导出草图本(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Import sketchbook…</source>
        <translation>导入草图本(&amp;I)…</translation>
    </message>
    <message>
        <source>Import the sketchbook</source>
        <translation>导入草图本</translation>
    </message>
    <message>
        <source>Today&apos;s sketchbook is empty: keep drawings first (Draw ▸ Keep as…, Ctrl+K), or let the class draw on the Class tab.</source>
        <translation>今天的草图本是空的：请先保存绘图（绘图 ▸ 记为…，Ctrl+K），或让全班在“课堂”页上绘图。</translation>
    </message>
    <message>
        <source>Sketchbooks (*.zip);;All files (*)</source>
        <translation>草图本 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export the sketchbook</source>
        <translation>导出草图本</translation>
    </message>
    <message>
        <source>Could not export the sketchbook</source>
        <translation>无法导出草图本</translation>
    </message>
    <message>
        <source>Import a sketchbook into today&apos;s</source>
        <translation>把草图本导入到今天的草图本</translation>
    </message>
    <message>
        <source>Could not import the sketchbook</source>
        <translation>无法导入草图本</translation>
    </message>
</context>
<context>
    <name>SketchbookMessages</name>
    <message>
        <source>Cannot keep the sketch: {label!r} is not one of the ten classes (0–9)</source>
        <translation>无法保存草图：{label!r} 不是十个类别之一（0–9）</translation>
    </message>
    <message>
        <source>Cannot keep the sketch: its model input is {shape} {dtype}, not 28×28 uint8</source>
        <translation>无法保存草图：它的模型输入是 {shape} {dtype}，而不是 28×28 uint8</translation>
    </message>
    <message>
        <source>Cannot keep the sketch: the board picture is not a PNG image, or it is damaged</source>
        <translation>无法保存草图：画板图片不是 PNG 图像，或已损坏</translation>
    </message>
    <message>
        <source>Cannot keep the sketch in {path}: {why}</source>
        <translation>无法把草图保存到 {path}：{why}</translation>
    </message>
    <message>
        <source>Cannot delete the sketch from {path}: {why}</source>
        <translation>无法从 {path} 删除草图：{why}</translation>
    </message>
    <message>
        <source>The sketchbook is empty: there is nothing to export.</source>
        <translation>草图本是空的：没有可导出的内容。</translation>
    </message>
    <message>
        <source>Cannot save there: {why}</source>
        <translation>无法保存到那里：{why}</translation>
    </message>
    <message>
        <source>{path}: not a sketch saved by this app</source>
        <translation>{path}：不是本程序保存的草图</translation>
    </message>
    <message>
        <source>{path}: damaged, or not a PNG picture</source>
        <translation>{path}：已损坏，或不是 PNG 图片</translation>
    </message>
    <message>
        <source>{path}: {size:,} bytes, larger than any sketch (limit {limit:,})</source>
        <translation>{path}：{size:,} 字节，比任何草图都大（上限 {limit:,}）</translation>
    </message>
    <message>
        <source>{path}: a {width}×{height} picture, not a 28×28 sketch</source>
        <translation>{path}：是 {width}×{height} 的图片，不是 28×28 的草图</translation>
    </message>
    <message>
        <source>{path}: a {width}×{height} board picture, larger than any board (limit {limit}×{limit})</source>
        <translation>{path}：是 {width}×{height} 的画板图片，比任何画板都大（上限 {limit}×{limit}）</translation>
    </message>
    <message>
        <source>{path}: its label, time or source is missing or invalid</source>
        <translation>{path}：它的标签、时间或来源缺失或无效</translation>
    </message>
    <message>
        <source>{path}: saved by a newer version of the app (sketch format {version}; this one reads {ours})</source>
        <translation>{path}：由更新版本的程序保存（草图格式 {version}；本版本只能读取 {ours}）</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({why})</source>
        <translation>{path}：无法读取（{why}）</translation>
    </message>
    <message>
        <source>{path}: not a zip file (an exported sketchbook is one)</source>
        <translation>{path}：不是 zip 文件（导出的草图本是 zip 文件）</translation>
    </message>
    <message>
        <source>{path}: refused: it holds {name!r}, a name that leads out of its folder</source>
        <translation>{path}：已拒绝：其中的 {name!r} 这个名字会指向文件夹之外</translation>
    </message>
    <message>
        <source>{path}: refused: it holds a symbolic link ({name!r})</source>
        <translation>{path}：已拒绝：其中有符号链接（{name!r}）</translation>
    </message>
    <message>
        <source>{path}: refused: {name!r} is encrypted</source>
        <translation>{path}：已拒绝：{name!r} 是加密的</translation>
    </message>
    <message>
        <source>{path}: refused: it holds {count:,} files (a sketchbook has at most {limit:,})</source>
        <translation>{path}：已拒绝：其中有 {count:,} 个文件（草图本最多 {limit:,} 个）</translation>
    </message>
    <message>
        <source>{path}: refused: it unpacks to {size_mb:,.0f} MB (a sketchbook is at most {limit_mb:,} MB)</source>
        <translation>{path}：已拒绝：解压后有 {size_mb:,.0f} MB（草图本最多 {limit_mb:,} MB）</translation>
    </message>
    <message>
        <source>{path}: refused: {name!r} unpacks to {ratio:,.0f} times its size, far beyond any picture (a zip bomb)</source>
        <translation>{path}：已拒绝：{name!r} 解压后是原来的 {ratio:,.0f} 倍，远超任何图片（zip 炸弹）</translation>
    </message>
    <message>
        <source>{path}: refused: {cause}</source>
        <translation>{path}：已拒绝：{cause}</translation>
    </message>
    <message>
        <source>{path}: holds no sketches</source>
        <translation>{path}：其中没有草图</translation>
    </message>
</context>
<context>
    <name>SketchbookMode</name>
    <message>
        <source>drawn here</source>
        <translation>在这里画的</translation>
    </message>
    <message>
        <source>from a phone</source>
        <translation>来自手机</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入的</translation>
    </message>
    <message>
        <source>Delete sketch</source>
        <translation>删除草图</translation>
    </message>
    <message>
        <source>Delete sketch {number} ({name}) from the class&apos;s sketchbook? This cannot be undone.</source>
        <translation>从班级草图本中删除第 {number} 张草图（{name}）？删除后无法恢复。</translation>
    </message>
    <message>
        <source>Sketch {number} of {total}</source>
        <translation>第 {number} 张草图，共 {total} 张</translation>
    </message>
</context>
<context>
    <name>SoftmaxPanel</name>
    <message>
        <source>From the logits o to the probabilities ŷ, and the loss</source>
        <translation>从 logits o 到概率 ŷ，再到损失</translation>
    </message>
    <message>
        <source>Subtract the max (stable softmax)</source>
        <translation>减去最大值（数值稳定的 softmax）</translation>
    </message>
    <message>
        <source>True class y:</source>
        <translation>真实类别 y：</translation>
    </message>
    <message>
        <source>— pick one —</source>
        <translation>— 选择一个 —</translation>
    </message>
    <message>
        <source>Logit scale ×{s:.3g}</source>
        <translation>logit 缩放 ×{s:.3g}</translation>
    </message>
    <message>
        <source>no image yet</source>
        <translation>还没有图像</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <source>Image: {source}
Model: {model}</source>
        <translation>图像：{source}
模型：{model}</translation>
    </message>
    <message>
        <source>No model yet: train one on the Train tab or choose one in the Model menu.</source>
        <translation>还没有模型：请在“训练”标签页训练一个，或在“模型”菜单中选一个。</translation>
    </message>
    <message>
        <source>Draw a garment on the Draw tab, or pick an image in Browse.</source>
        <translation>请在“绘图”标签页画一件服饰，或在“浏览”中选一张图像。</translation>
    </message>
    <message>
        <source>{s:.3g}·o</source>
        <translation>{s:.3g}·o</translation>
    </message>
    <message>
        <source>{o} / T</source>
        <translation>{o} / T</translation>
    </message>
    <message>
        <source>exp({z})</source>
        <translation>exp({z})</translation>
    </message>
    <message>
        <source>exp({z} − max)</source>
        <translation>exp({z} − max)</translation>
    </message>
    <message>
        <source>1. Logits o</source>
        <translation>1. logits o</translation>
    </message>
    <message>
        <source>o = the model&apos;s 10 outputs</source>
        <translation>o = 模型的 10 个输出</translation>
    </message>
    <message>
        <source>scaled: {o}</source>
        <translation>缩放后：{o}</translation>
    </message>
    <message>
        <source>max = {m}</source>
        <translation>最大值 = {m}</translation>
    </message>
    <message>
        <source>2. Exponentiate</source>
        <translation>2. 求幂</translation>
    </message>
    <message>
        <source>Σ = {total}</source>
        <translation>Σ = {total}</translation>
    </message>
    <message>
        <source>3. ÷ Σ gives ŷ</source>
        <translation>3. 除以 Σ 得到 ŷ</translation>
    </message>
    <message>
        <source>ŷ = exp(…) / Σ</source>
        <translation>ŷ = exp(…) / Σ</translation>
    </message>
    <message>
        <source>Σ ŷ = {sum}
entropy H(ŷ) = {bits} bits</source>
        <translation>Σ ŷ = {sum}
熵 H(ŷ) = {bits} 比特</translation>
    </message>
    <message>
        <source>4. Gradient ∂l/∂o</source>
        <translation>4. 梯度 ∂l/∂o</translation>
    </message>
    <message>
        <source>ŷ − y (y = one-hot of the true class)</source>
        <translation>ŷ − y（y = 真实类别的独热编码）</translation>
    </message>
    <message>
        <source>Σ = {sum}</source>
        <translation>Σ = {sum}</translation>
    </message>
    <message>
        <source>Loss l = −log ŷ_y = −log {p} = {loss}   (y = {name})</source>
        <translation>损失 l = −log ŷ_y = −log {p} = {loss}   （y = {name}）</translation>
    </message>
    <message>
        <source>Loss l = −log ŷ_y = log Σ exp({z}) − {z}_y = {lse} − ({zy}) = {loss}   (y = {name})</source>
        <translation>损失 l = −log ŷ_y = log Σ exp({z}) − {z}_y = {lse} − ({zy}) = {loss}   （y = {name}）</translation>
    </message>
    <message>
        <source>with z = {z}</source>
        <translation>其中 z = {z}</translation>
    </message>
    <message>
        <source>Tick “Subtract the max”: exp(o − max o) ≤ 1 never overflows, and ŷ is the same because the shift cancels in the division.</source>
        <translation>勾选“减去最大值”：exp(o − max o) ≤ 1 永远不会溢出，而且 ŷ 不变，因为平移在除法中抵消了。</translation>
    </message>
    <message>
        <source>Overflow! exp of a number above 88.7 is more than a float32 can hold, so it becomes inf, and inf / inf is NaN.</source>
        <translation>溢出！大于 88.7 的数的 exp 超出了 float32 能表示的范围，变成 inf，而 inf / inf 是 NaN。</translation>
    </message>
    <message>
        <source>{why} {tick}</source>
        <translation>{why}{tick}</translation>
    </message>
    <message>
        <source>ŷ_y = {p}, so the loss −log ŷ_y is {loss} and the gradient ŷ − y holds {broken}: training would break.</source>
        <translation>ŷ_y = {p}，所以损失 −log ŷ_y 是 {loss}，梯度 ŷ − y 中含有 {broken}：训练会因此失败。</translation>
    </message>
    <message>
        <source>{why} {consequence} {tick}</source>
        <translation>{why}{consequence}{tick}</translation>
    </message>
    <message>
        <source>Pick the true class y above to see the loss −log ŷ_y and the gradient ŷ − y.</source>
        <translation>在上面选择真实类别 y，就能看到损失 −log ŷ_y 和梯度 ŷ − y。</translation>
    </message>
    <message>
        <source>No overflow yet: the largest exp is {big}. float32 holds up to about exp(88.7) ≈ 3.4e38.</source>
        <translation>还没有溢出：最大的 exp 是 {big}。float32 最多能表示约 exp(88.7) ≈ 3.4e38。</translation>
    </message>
</context>
<context>
    <name>StepBox</name>
    <message>
        <source>One SGD step on this image, on a copy (“what if”)</source>
        <translation>在这张图像上走一步随机梯度下降，作用于副本（“假如”）</translation>
    </message>
    <message>
        <source>Learning rate lr:</source>
        <translation>学习率 lr：</translation>
    </message>
    <message>
        <source>Apply to the live model</source>
        <translation>应用到实时模型</translation>
    </message>
    <message>
        <source>Reset to the trained weights</source>
        <translation>恢复为训练得到的权重</translation>
    </message>
    <message>
        <source>Pick the true class y above to take the step.</source>
        <translation>请先在上面选择真实类别 y，再走这一步。</translation>
    </message>
    <message>
        <source>{model} is not a linear model: the ΔW pictures exist only for softmax-scratch and softmax, where o = Wx + b and the step on class j&apos;s weights is the image itself, times −lr (ŷⱼ − yⱼ). Here the same ŷ − y flows back through every layer (backpropagation), and the step below is taken on all of them.</source>
        <translation>{model} 不是线性模型：ΔW 图只对 softmax-scratch 和 softmax 存在，那里 o = Wx + b，类别 j 的权重走的一步就是图像本身乘以 −lr (ŷⱼ − yⱼ)。在这里，同样的 ŷ − y 会反向传播经过每一层，下面这一步作用于所有层。</translation>
    </message>
    <message>
        <source>The step uses the model&apos;s own ŷ (scale ×1, T = 1), as training does.</source>
        <translation>这一步和训练时一样，用的是模型自己的 ŷ（缩放 ×1，T = 1）。</translation>
    </message>
    <message>
        <source>ΔW = −lr (ŷ − y) xᵀ with lr = {lr:g}: the true class&apos;s weights gain the image (red), every other class loses it (blue) in proportion to the probability it took. Shared colour scale ±{reach}. In training the step is averaged over a batch (lr / 256 for this image with the lesson&apos;s batch of 256).</source>
        <translation>ΔW = −lr (ŷ − y) xᵀ，其中 lr = {lr:g}：真实类别的权重加上了这张图像（红色），其他每个类别按它分走的概率减去这张图像（蓝色）。共用色标 ±{reach}。训练时这一步会在小批量上取平均（按本课的批量大小 256，这张图像的步长是 lr / 256）。</translation>
    </message>
    <message>
        <source>ŷ before the step</source>
        <translation>这一步之前的 ŷ</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
    <message>
        <source>ŷ after the step</source>
        <translation>这一步之后的 ŷ</translation>
    </message>
</context>
<context>
    <name>TemperatureControl</name>
    <message>
        <source>Temperature T:</source>
        <translation>温度 T：</translation>
    </message>
    <message>
        <source>T = 1</source>
        <translation>T = 1</translation>
    </message>
    <message>
        <source>Back to the model&apos;s own softmax (T = 1)</source>
        <translation>回到模型自己的 softmax（T = 1）</translation>
    </message>
</context>
<context>
    <name>ThumbnailGrid</name>
    <message>
        <source>Browse ▸ Our sketches ▸ Delete sketch</source>
        <translation>浏览 ▸ 我们的草图 ▸ 删除草图</translation>
    </message>
</context>
<context>
    <name>TrainCommands</name>
    <message>
        <source>St&amp;art</source>
        <translation>开始(&amp;A)</translation>
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
        <source>Stop</source>
        <translation>停止</translation>
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
        <source>Reset wei&amp;ghts</source>
        <translation>重置权重(&amp;G)</translation>
    </message>
    <message>
        <source>↺ Reset weights</source>
        <translation>↺ 重置权重</translation>
    </message>
    <message>
        <source>Forget the trained weights: the live model is empty until a run.</source>
        <translation>丢弃训练得到的权重：在下一次训练之前，实时模型是空的。</translation>
    </message>
    <message>
        <source>Pause or resume (F6)</source>
        <translation>暂停或继续（F6）</translation>
    </message>
    <message>
        <source>One &amp;minibatch</source>
        <translation>一个小批量(&amp;M)</translation>
    </message>
    <message>
        <source>Pause, then train on one more minibatch and show it (F7)</source>
        <translation>暂停，然后再训练一个小批量并显示它（F7）</translation>
    </message>
    <message>
        <source>One e&amp;poch</source>
        <translation>一个迭代周期(&amp;P)</translation>
    </message>
    <message>
        <source>Pause, then train to the end of this epoch, its test accuracy included (F8)</source>
        <translation>暂停，然后训练到本迭代周期结束，包括它的测试精度（F8）</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>暂停(&amp;U)</translation>
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
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Continue from current weights</source>
        <translation>从当前权重继续(&amp;C)</translation>
    </message>
    <message>
        <source>Off: every Start begins from fresh random weights, so runs with different learning rates compare fairly. On: the next run goes on from the live model&apos;s weights.</source>
        <translation>关闭：每次“开始”都从新的随机权重出发，这样不同学习率的训练才能公平比较。打开：下一次训练接着实时模型的权重继续。</translation>
    </message>
    <message>
        <source>To begin, press &lt;b&gt;▶ Start&lt;/b&gt; (F5): the model to train learns here, its curves grow, and it becomes the active model that every tab uses. &lt;b&gt;Ctrl+G&lt;/b&gt;: the lesson guide.</source>
        <translation>开始时按 &lt;b&gt;▶ 开始&lt;/b&gt;（F5）：要训练的模型在这里学习，曲线随之增长，它也会成为各个标签页共用的当前模型。&lt;b&gt;Ctrl+G&lt;/b&gt;：课程向导。</translation>
    </message>
    <message>
        <source>The log of each run appears here, one line per epoch.</source>
        <translation>每次训练的日志显示在这里，每个迭代周期一行。</translation>
    </message>
    <message>
        <source>Clear runs</source>
        <translation>清除各次训练</translation>
    </message>
    <message>
        <source>Save plots as PNG…</source>
        <translation>把图表保存为 PNG…</translation>
    </message>
    <message>
        <source>Can&apos;t start: the dataset is not loaded (see the message on the left).</source>
        <translation>无法开始：数据集还没有加载（见左边的提示）。</translation>
    </message>
    <message>
        <source>Can&apos;t start: {error}</source>
        <translation>无法开始：{error}</translation>
    </message>
    <message>
        <source>Nothing to continue from for {model}: fresh weights.</source>
        <translation>{model} 没有可以接着训练的权重：从新的权重开始。</translation>
    </message>
    <message>
        <source> (cont.)</source>
        <translation>（续）</translation>
    </message>
    <message>
        <source>continuing from the previous run&apos;s weights</source>
        <translation>接着上一次训练的权重</translation>
    </message>
    <message>
        <source>fresh weights</source>
        <translation>新的权重</translation>
    </message>
    <message>
        <source>— run {run}: {model}, lr {lr:g}, batch {batch}, {epochs}, {device}, seed {seed}, {weights}</source>
        <translation>— 第 {run} 次训练：{model}，学习率 {lr:g}，批量大小 {batch}，{epochs}，{device}，随机种子 {seed}，{weights}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <source>weights reset: the next run starts from fresh random weights</source>
        <translation>权重已重置：下一次训练从新的随机权重开始</translation>
    </message>
    <message>
        <source>training failed: {message}</source>
        <translation>训练失败：{message}</translation>
    </message>
    <message>
        <source>&lt;b&gt;No dataset: training is off until it is there.&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;没有数据集：在它就绪之前无法训练。&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>Loading Fashion-MNIST in the background…</source>
        <translation>正在后台加载 Fashion-MNIST…</translation>
    </message>
    <message>
        <source>Save plots as PNG</source>
        <translation>把图表保存为 PNG</translation>
    </message>
    <message>
        <source>plots saved to {path}</source>
        <translation>图表已保存到 {path}</translation>
    </message>
    <message>
        <source>Save the book&apos;s figure as PNG</source>
        <translation>将书中的图保存为 PNG</translation>
    </message>
    <message>
        <source>figure saved to {path}</source>
        <translation>图已保存到 {path}</translation>
    </message>
    <message>
        <source>nothing to export yet: the table gets a row at the end of each epoch</source>
        <translation>还没有可导出的内容：每个迭代周期结束时表格才会多一行</translation>
    </message>
    <message>
        <source>Export epoch metrics</source>
        <translation>导出每个迭代周期的指标</translation>
    </message>
</context>
<context>
    <name>TrainPlots</name>
    <message>
        <source>Faint: the loss of each minibatch. Bold: the same, smoothed. Dots: each epoch&apos;s mean loss.</source>
        <translation>浅色：每个小批量的损失。粗线：平滑后的同一损失。圆点：每个迭代周期的平均损失。</translation>
    </message>
    <message>
        <source>Log scale (loss)</source>
        <translation>对数坐标（损失）</translation>
    </message>
    <message>
        <source>A logarithmic loss axis: small late improvements and a divergence both stay visible.</source>
        <translation>损失轴使用对数坐标：后期微小的改进和发散都能看得清。</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Save plots as PNG</source>
        <translation>把图表保存为 PNG</translation>
    </message>
    <message>
        <source>Width of the image in pixels ({default} is twice the size on screen):</source>
        <translation>图像宽度（像素；{default} 是屏幕上大小的两倍）：</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source> · latest {shown} of {total} runs</source>
        <translation> · 共 {total} 次训练中的最近 {shown} 次</translation>
    </message>
    <message>
        <source>Solid line, filled markers: test accuracy. Dashed, hollow markers: training accuracy.</source>
        <translation>实线、实心标记：测试精度。虚线、空心标记：训练精度。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>迭代周期</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试精度</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练精度</translation>
    </message>
    <message>
        <source> diverged</source>
        <translation> 已发散</translation>
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
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>collapsed to chance</source>
        <translation>退化为随机猜测</translation>
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
        <source>run: {progress} of {epochs} ({percent}%)</source>
        <translation>训练：{progress}/{epochs}（{percent}%）</translation>
    </message>
    <message>
        <source>epoch {epoch} of {epochs}: {ending}</source>
        <translation>迭代周期 {epoch}/{epochs}：{ending}</translation>
    </message>
    <message>
        <source>{rate:,.0f} samples/s</source>
        <translation>每秒 {rate:,.0f} 个样本</translation>
    </message>
    <message>
        <source> · about {duration} left</source>
        <translation> · 约剩 {duration}</translation>
    </message>
    <message>
        <source>paused · Resume (F6) goes on</source>
        <translation>已暂停 · 按“继续”（F6）接着训练</translation>
    </message>
    <message>
        <source>resuming…</source>
        <translation>正在继续…</translation>
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
        <source>Mod&amp;el to train</source>
        <translation>要训练的模型(&amp;E)</translation>
    </message>
    <message>
        <source>E&amp;pochs</source>
        <translation>迭代周期数(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Learning rate</source>
        <translation>学习率(&amp;L)</translation>
    </message>
    <message>
        <source>Batch si&amp;ze</source>
        <translation>批量大小(&amp;Z)</translation>
    </message>
    <message>
        <source>Dev&amp;ice</source>
        <translation>设备(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Seed</source>
        <translation>随机种子(&amp;S)</translation>
    </message>
    <message>
        <source>The model the next run trains; picking one fills in its recommended settings. Once it trains, it becomes the active model that every tab uses.</source>
        <translation>下一次运行要训练的模型；选中后会填入它的推荐设置。它开始训练后就成为各个标签页共用的当前模型。</translation>
    </message>
    <message>
        <source>SGD step size. The lesson uses 0.1; compare 0.01 and 1.0, or watch 50 diverge.</source>
        <translation>小批量随机梯度下降的步长。本课用 0.1；可以比较 0.01 和 1.0，或者看 50 如何发散。</translation>
    </message>
    <message>
        <source>Same seed, same run: initial weights and shuffling follow it.</source>
        <translation>同样的种子，同样的训练：初始权重和打乱顺序都由它决定。</translation>
    </message>
    <message>
        <source>Lesson defaults</source>
        <translation>本课的默认设置</translation>
    </message>
    <message>
        <source>The lesson&apos;s settings: softmax regression from scratch, 5 epochs, lr 0.1, batch 256, seed 0</source>
        <translation>本课的设置：从零开始实现的softmax回归，5 个迭代周期，学习率 0.1，批量大小 256，随机种子 0</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>Model: {label}</source>
        <translation>模型：{label}</translation>
    </message>
    <message>
        <source>bias {bias}</source>
        <translation>偏置 {bias}</translation>
    </message>
    <message>
        <source>Each picture is one class&apos;s column of W (784×10), reshaped to 28×28: red pixels push an image towards that class, blue pixels push it away, white ones do not matter. One colour scale for all ten. Click a class to explain it below; paint on it to change what the model knows.</source>
        <translation>每张图是 W（784×10）中一个类别的那一列，重排成 28×28：红色像素把图像推向这个类别，蓝色像素把它推开，白色像素无关紧要。十张图共用一个色标。点击一个类别，下方会解释它；在上面绘制可以改变模型学到的东西。</translation>
    </message>
    <message>
        <source>Each picture is one class&apos;s row of W, reshaped to 28×28: red pixels push an image towards that class, blue pixels push it away, white ones do not matter. One colour scale for all ten. Click a class to explain it below; paint on it to change what the model knows.</source>
        <translation>每张图是 W 中一个类别的那一行，重排成 28×28：红色像素把图像推向这个类别，蓝色像素把它推开，白色像素无关紧要。十张图共用一个色标。点击一个类别，下方会解释它；在上面绘制可以改变模型学到的东西。</translation>
    </message>
    <message>
        <source>Only the linear models&apos; pictures are templates. These are the MLP&apos;s W₂·W₁: the linear model it would be if every hidden unit were on (an approximation). Its 256 first-layer units are at the bottom.</source>
        <translation>只有线性模型的图才是模板。这里是 MLP 的 W₂·W₁：假如每个隐藏单元都处于激活状态，它就相当于这个线性模型（一种近似）。它第一层的 256 个单元在最下面。</translation>
    </message>
    <message>
        <source>Only the linear models&apos; pictures are templates. A CNN builds its answer from the 16 first-layer 5×5 filters at the bottom, layer by layer.</source>
        <translation>只有线性模型的图才是模板。CNN 从最下面第一层的 16 个 5×5 滤波器出发，一层一层地得出答案。</translation>
    </message>
    <message>
        <source>The 16 first-layer filters (5×5), each on its own colour scale.</source>
        <translation>第一层的 16 个滤波器（5×5），各用各的色标。</translation>
    </message>
    <message>
        <source>The {count} first-layer units (28×28 each), each on its own colour scale.</source>
        <translation>第一层的 {count} 个单元（每个 28×28），各用各的色标。</translation>
    </message>
    <message>
        <source>The network: {model}. Click an output to show its template above.</source>
        <translation>网络：{model}。点击一个输出，即可在上方看到它的模板。</translation>
    </message>
    <message>
        <source>Why this answer? There is no current image yet.</source>
        <translation>为什么是这个答案？还没有当前图像。</translation>
    </message>
    <message>
        <source>Draw on the Draw tab or pick an image in Browse.</source>
        <translation>请在“绘图”标签页画一张，或在“浏览”中选一张图像。</translation>
    </message>
    <message>
        <source>Why this answer? The current image: {source}</source>
        <translation>为什么是这个答案？当前图像：{source}</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>the rest: biases through the network</source>
        <translation>其余部分：贯穿网络的偏置</translation>
    </message>
    <message>
        <source>{name}:  o = {positive} (pixels for) {negative} (pixels against) {bias} ({bias_name}) = {logit}</source>
        <translation>{name}：  o = {positive}（支持的像素） {negative}（反对的像素） {bias}（{bias_name}） = {logit}</translation>
    </message>
    <message>
        <source>w: template of {name} (paint here)</source>
        <translation>w：{name} 的模板（在这里绘制）</translation>
    </message>
    <message>
        <source>w: slopes of o for {name} at this image</source>
        <translation>w：在这张图像处 o 对 {name} 的斜率</translation>
    </message>
    <message>
        <source>x: the image (0…1)</source>
        <translation>x：图像（0…1）</translation>
    </message>
    <message>
        <source>w ⊙ x: what each pixel adds</source>
        <translation>w ⊙ x：每个像素贡献了多少</translation>
    </message>
    <message>
        <source>No image yet: draw one or pick one in Browse</source>
        <translation>还没有图像：画一张，或在“浏览”中选一张</translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <source>No model yet: train one on the Train tab or pick one in the Model menu.</source>
        <translation>还没有模型：请在“训练”标签页训练一个，或在“模型”菜单中选一个。</translation>
    </message>
    <message>
        <source>What the model learned</source>
        <translation>模型学到了什么</translation>
    </message>
    <message>
        <source>Save the templates</source>
        <translation>保存模板</translation>
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
        <source>Logits o (before softmax)</source>
        <translation>logits o（softmax 之前）</translation>
    </message>
    <message>
        <source>Softmax probabilities</source>
        <translation>softmax 概率</translation>
    </message>
    <message>
        <source>class templates</source>
        <translation>类别模板</translation>
    </message>
    <message>
        <source>template times image equals what each pixel adds</source>
        <translation>模板乘以图像，等于每个像素的贡献</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>first-layer units</source>
        <translation>第一层单元</translation>
    </message>
</context>
</TS>
