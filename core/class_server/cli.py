"""`main.py class-server`: the class's drawing page without the window.

The first line on stdout is the page's full address (with its token), so a script can read it;
then one line per drawing answered. Ctrl+C or SIGTERM stops the server and exits 0.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from core.classes import CLASS_NAMES


def run_class_server(args: argparse.Namespace, prog: str) -> int:
    from core.checkpoint import CheckpointError
    from core.class_server import ClassServer, ClassServerError, Submission, local_addresses
    from core.predictor import Predictor
    from core.sketchbook import Sketchbook

    command = f"{prog} class-server"
    try:
        predictor = (
            Predictor.from_checkpoint(args.checkpoint)
            if args.checkpoint
            else Predictor.pretrained(args.model)
        )
    except CheckpointError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    sketchbook = Sketchbook(args.sketchbook) if args.sketchbook else Sketchbook.for_lesson()
    if sketchbook.folder.exists() and not sketchbook.folder.is_dir():
        print(f"{command}: {sketchbook.folder} is a file, not a sketchbook folder", file=sys.stderr)
        return 1
    lines = threading.Lock()  # answers come from the server's thread

    def tell(submission: Submission) -> None:
        guess = int(submission.probabilities.argmax())
        said, thinks = CLASS_NAMES[submission.label], CLASS_NAMES[guess]
        verdict = "right" if guess == submission.label else "wrong"
        with lines:
            print(
                f"{submission.received} device {submission.device}: drew {said}, "
                f"model says {thinks} ({submission.probabilities[guess]:.0%}, {verdict})",
                flush=True,
            )

    server = ClassServer(
        lambda: predictor,
        sketchbook,
        host=args.host,
        port=args.port,
        language=args.language,
        on_submission=tell,
    )
    try:
        server.start()
    except ClassServerError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 1
    stopping = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stopping.set())
    try:
        with lines:
            print(server.url, flush=True)
        _describe(server, local_addresses(), predictor.label, sketchbook.folder, file=sys.stderr)
        stopping.wait()
    finally:
        server.stop()
    print(f"{command}: stopped", file=sys.stderr)
    return 0


def _describe(server, addresses, model: str, folder, file) -> None:
    print(f"join code {server.join_code}; model: {model}; drawings kept in {folder}", file=file)
    if server.host in ("", "0.0.0.0", "::"):
        if not addresses:
            print("no network found: only this computer can open the page", file=file)
        for name, address in addresses[1:]:
            print(f"also on {name}: {server.url_for(address)}", file=file)
    print("Ctrl+C stops the server", file=file, flush=True)
