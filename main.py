"""Fashion-MNIST Playground.

python main.py                 opens the window
python main.py data|train|predict ...   runs headless (Qt is never imported)
"""

import sys


def main() -> int:
    if len(sys.argv) > 1:
        from core.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from gui.app import run_app

    return run_app(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
