#!/usr/bin/env bash
# The project's test command (the README's second command; .ci/run calls it): set up, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
