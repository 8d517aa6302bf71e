<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>{model} (edited)</source>
        <translation>{model}（已编辑）</translation>
    </message>
</context>
<context>
    <name>SoftmaxPanel</name>
    <message>
        <source>The Softmax tab is being built.</source>
        <translation>Softmax 标签页正在建设中。</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>The Weights tab is being built.</source>
        <translation>权重标签页正在建设中。</translation>
    </message>
</context>
</TS>
