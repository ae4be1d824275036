#!/usr/bin/env bash
# Sets up the machine (system libraries) and runs the whole test suite.
# This is the README's test command and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Style: the committed .swift-format (swift-format ships with the toolchain); any warning fails.
# `swift format format -i -r --parallel Sources Tests Package.swift` fixes most of them.
swift format lint --strict --recursive --parallel Sources Tests Package.swift
swift build --build-tests
# The tests run the engine in their own process, so they follow the runner's BLAS kernel policy
# (reproducible by default; RUNNER_BLAS_KERNEL or runner.yaml may choose another): the built
# runner names the kernel, and OpenBLAS reads it when the test process loads. A value of
# OPENBLAS_CORETYPE set before this script is never changed (some machines need theirs).
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  kernel="$("$(swift build --show-bin-path)/runner" env --kernel)"
  if [ -n "$kernel" ]; then
    export OPENBLAS_CORETYPE="$kernel" RUNNER_BLAS_KERNEL_APPLIED="$kernel"
    echo "test.sh: BLAS kernel $kernel (the runner's policy)" >&2
  fi
else
  echo "test.sh: BLAS kernel OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE, set before the tests (left as it is)" >&2
fi
# The tests write their results folders under the temporary directory; give them one of their
# own and remove it afterwards, so repeated runs leave nothing behind in /tmp.
TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/runner-tests.XXXXXX")"
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
swift test --skip-build "$@"
