"""What the app ships besides code: pretrained models, sketches, compiled translations.

A package only so that it installs as package data and `importlib.resources` finds it
(core.paths.resources_dir); it holds no code.
"""
