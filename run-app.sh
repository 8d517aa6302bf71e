#!/usr/bin/env bash
# Set everything up (first time: a few minutes), then open the playground's window.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh app
exec .venv/bin/python main.py "$@"
