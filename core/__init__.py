"""Qt-free engine of the Fashion-MNIST playground: data, models, training, checkpoints, CLI.

Nothing in this package may import PySide6 or pyqtgraph (an import-linter contract and a test
enforce it), so `python main.py train` runs on a machine without a display.
"""
