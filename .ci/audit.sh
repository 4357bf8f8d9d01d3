#!/usr/bin/env bash
# CI step: fail on known vulnerabilities in the pinned dependency versions.
# Needs network access to the vulnerability database (PyPI/OSV), so it runs in CI, not in the
# offline test suite. Wire it into the CI workflow after `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/pip-audit --requirement constraints.txt --strict --progress-spinner off
