<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BrowsePanel</name>
    <message numerus="yes">
        <source>Showing {shown} of %n sketch(es) kept today</source>
        <translation>
            <numerusform>Showing {shown} of %n sketch kept today</numerusform>
            <numerusform>Showing {shown} of %n sketches kept today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the sketchbook&apos;s folder are not sketches and were skipped.</source>
        <translation>
            <numerusform>%n file in the sketchbook&apos;s folder is not a sketch and was skipped.</numerusform>
            <numerusform>%n files in the sketchbook&apos;s folder are not sketches and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixWidget</name>
    <message numerus="yes">
        <source>true {true}, predicted {predicted}: {count:,} image(s)
Click to show them</source>
        <translation>
            <numerusform>true {true}, predicted {predicted}: {count:,} image
Click to show it</numerusform>
            <numerusform>true {true}, predicted {predicted}: {count:,} images
Click to show them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonLogCounts</name>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n epoch</numerusform>
            <numerusform>%n epochs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuitCheckCounts</name>
    <message numerus="yes">
        <source>The class is still drawing: %n device(s) have sent drawings.</source>
        <translation>
            <numerusform>The class is still drawing: %n device has sent drawings.</numerusform>
            <numerusform>The class is still drawing: %n devices have sent drawings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunExports</name>
    <message numerus="yes">
        <source>epoch metrics of %n run(s) exported to {path}</source>
        <translation>
            <numerusform>epoch metrics of %n run exported to {path}</numerusform>
            <numerusform>epoch metrics of %n runs exported to {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionSketchbook</name>
    <message numerus="yes">
        <source>Nothing new in {file}: its %n sketch(es) are already in today&apos;s sketchbook.</source>
        <translation>
            <numerusform>Nothing new in {file}: its sketch was already kept today.</numerusform>
            <numerusform>Nothing new in {file}: all %n sketches were already kept today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n sketch(es) from {file}, {there} already there.</source>
        <translation>
            <numerusform>Imported %n sketch from {file}, {there} already there.</numerusform>
            <numerusform>Imported %n sketches from {file}, {there} already there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n sketch(es) from {file}.</source>
        <translation>
            <numerusform>Imported %n sketch from {file}.</numerusform>
            <numerusform>Imported %n sketches from {file}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sketch(es) to {file}.</source>
        <translation>
            <numerusform>Exported %n sketch to {file}.</numerusform>
            <numerusform>Exported %n sketches to {file}.</numerusform>
        </translation>
    </message>
</context>
</TS>
