"""Qt-free engine of the Fashion-MNIST playground: data, models, training, checkpoints, CLI.

Nothing in this package may import PySide6 or pyqtgraph (an import-linter contract and a test
enforce it), so `python main.py train` runs on a machine without a display.
"""

import os

# OpenMP helper threads sleep as soon as a parallel region ends instead of spinning for a while.
# A run trains on a fixed thread count (core/parallelism.py), and a spinning helper beside a busy
# process waits for a core that process holds: cnn epochs on two threads took 1.5× as long as
# with sleeping helpers (benchmarks/busy_threads.py, "2-spin" against "2"). libgomp reads this
# once, when torch loads, and every torch import of the app comes after this package's; a value
# the user set is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
