#!/usr/bin/env bash
# Set everything up with the test extras, check lint and the Qt-free contract, run the test suite.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
