#!/usr/bin/env bash
# Sets up the machine (system libraries) and runs the whole test suite.
# This is the README's test command and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
# The tests write their results folders under the temporary directory; give them one of their
# own and remove it afterwards, so repeated runs leave nothing behind in /tmp.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/runner-tests.XXXXXX")"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
swift test --skip-build "$@"
