#!/usr/bin/env bash
# The regression gate: re-runs the experiments listed in results/baseline/gate.csv and compares
# their results with the committed ones in results/baseline/<name>/ (`runner gate`).
#
# Byte for byte when this machine's numeric environment (environment.csv: architecture, OpenBLAS
# version, kernel class, threads, math library) is the one the baseline recorded; otherwise within each
# entry's tolerances (|new − old| ≤ atol + rtol·|old|; `seed` columns exactly; iteration counts
# of converged optimizers within iteration_rtol). Every line says which comparison it made.
# Timings and environment records are never compared. Exit 0 when every experiment matches,
# 1 when one differs or fails to run; 64 a usage error; 65 a bad manifest; 66 no manifest; 73
# when a baseline cannot be recorded, a folder the runner did not leave is in the way, or no work
# folder can be made; 130 (Ctrl-C), 143 (SIGTERM) or 129 (SIGHUP) when interrupted, with a line saying which
# baselines are as they were (`runner gate --help`).
#
#   scripts/regression_gate.sh            check (CI runs the same check as a Swift test:
#                                         Tests/PipelineTests/RegressionGateTests.swift)
#   scripts/regression_gate.sh --record   re-record the baselines after an intended change
#                                         (review `git diff results/baseline` before committing,
#                                         then bump RunnerVersion.current: docs/contributing.md)
#   scripts/regression_gate.sh NAME...    check some entries only
#
# RUNNER=path/to/runner uses an already built binary instead of `swift build`. The runner
# applies its BLAS kernel policy (reproducible by default) itself; an OPENBLAS_CORETYPE set in
# the environment overrides it and is recorded.
set -euo pipefail
for argument in "$@"; do
  case "$argument" in
    -h | --help)
      # Help without a build: this header, then where the full option list is.
      sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
      echo "All options: runner gate --help."
      exit 0
      ;;
  esac
done
cd "$(dirname "$0")/.."

if [ -z "${RUNNER:-}" ]; then
  swift build --product runner >&2
  RUNNER="$(swift build --show-bin-path)/runner"
fi
exec "$RUNNER" gate --root . "$@"
