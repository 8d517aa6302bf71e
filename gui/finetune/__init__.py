""" "Teach it our sketches": fine-tune a model on the class's kept sketches, a part held out, as a
non-modal dialog opened from the Training menu and from Browse (core/finetune.py does the work)."""
