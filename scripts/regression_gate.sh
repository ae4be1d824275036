#!/usr/bin/env bash
# The regression gate: re-runs the fast experiments listed in results/baseline/gate.csv and
# compares their results with the committed ones in results/baseline/<name>/ using `runner diff`
# with each entry's tolerances (|new − old| ≤ atol + rtol·|old|; `seed` columns exactly; timings
# ignored). Exit 0 when every experiment matches, 1 when one differs or fails to run.
#
#   scripts/regression_gate.sh            check (CI runs the same check as a Swift test:
#                                         Tests/PipelineTests/RegressionGateTests.swift)
#   scripts/regression_gate.sh --record   re-record the baselines after an intended change
#                                         (review `git diff results/baseline` before committing)
#
# RUNNER=path/to/runner uses an already built binary instead of `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."

record=0
case "${1:-}" in
  --record) record=1 ;;
  "") ;;
  *) echo "usage: $0 [--record]" >&2; exit 64 ;;
esac

if [ -z "${RUNNER:-}" ]; then
  swift build --product runner >&2
  RUNNER="$(swift build --show-bin-path)/runner"
fi

manifest=results/baseline/gate.csv
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0

while IFS=, read -r name spec command atol rtol; do
  [ "$name" = name ] && continue
  echo "== $name ($command $spec)" >&2
  extra=()
  # The whole sweep, even inside a scheduler's job (RUNNER_SHARD, Slurm or Kubernetes variables).
  [ "$command" = sweep ] && extra=(--jobs 2 --shard 0/1)
  if ! "$RUNNER" "$command" "$spec" --results-dir "$work" "${extra[@]}" >/dev/null; then
    echo "regression gate: $name did not run cleanly" >&2
    status=1
    continue
  fi
  if [ "$record" = 1 ]; then
    rm -rf "results/baseline/$name"
    # Every CSV except timings.csv (what `runner diff` compares) and the resolved specs.
    (cd "$work/$name" && find . \( -name '*.csv' ! -name timings.csv -o -name spec.resolved.yaml \) ! -path '*/.*' -print0) |
      while IFS= read -r -d '' file; do
        mkdir -p "results/baseline/$name/$(dirname "$file")"
        cp "$work/$name/$file" "results/baseline/$name/$file"
      done
    echo "recorded results/baseline/$name" >&2
  elif ! "$RUNNER" diff "results/baseline/$name" "$work/$name" --atol "$atol" --rtol "$rtol" --tol seed=0; then
    echo "regression gate: $name differs from results/baseline/$name (re-record with $0 --record if intended)" >&2
    status=1
  fi
done < "$manifest"

exit $status
