"""Fashion-MNIST Playground.

    python main.py [--data DIR]              opens the window
    python main.py data|train|predict ...    runs headless (Qt is never imported)
"""

import os
import sys


def main() -> int:
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--data":
        # The window reads the data folder from the same variable a user can set by hand.
        from core.paths import DATA_ENV_VAR

        os.environ[DATA_ENV_VAR] = args[1]
        args = []
    if args:
        from core.cli import main as cli_main

        return cli_main(args)
    from gui.app import run_app

    return run_app(sys.argv[:1])


if __name__ == "__main__":
    sys.exit(main())
