#!/usr/bin/env bash
# Checks the exports against the real tools (README, "Exports"; docs/ecosystem.md): installs
# TensorBoard, MLflow and DVC into a throwaway virtualenv, builds the runner, runs a small
# experiment and a two-trial sweep, then
#   - TensorBoard: `runner export tensorboard`; EventAccumulator reads back every scalar (equal
#     after rounding to float32) and the HParams; `tensorboard --logdir` lists the runs;
#   - MLflow: starts `mlflow server` on 127.0.0.1 (a free port), `runner export mlflow`;
#     mlflow.search_runs() returns the params and final metrics exactly, the metric history and
#     the artifacts; a second export changes nothing; a server that is down is exit 69;
#   - DVC: the documented stage (docs/examples/dvc) in a temporary git repository: dvc repro,
#     dvc exp run -S, dvc params diff, dvc metrics diff, dvc plots diff;
# tears everything down and prints PASS/FAIL per check. Not part of .ci/run (it downloads
# about 600 MB of Python packages).
#
#   bash scripts/ecosystem_check.sh                     # fresh virtualenv, removed at the end
#   ECOSYSTEM_VENV=/tmp/eco bash scripts/ecosystem_check.sh   # reuse (or create) this one
#   KEEP=1 bash scripts/ecosystem_check.sh              # keep the work folder for a look
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/runner-ecosystem.XXXXXX")
PIDS=()
declare -a RESULTS=()
FAILED=0

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  if [[ -z "${KEEP:-}" ]]; then rm -rf "$WORK"; else echo "work folder kept: $WORK"; fi
}
trap cleanup EXIT

# check NAME COMMAND...: runs the command, logging to $WORK/NAME.log, and records PASS/FAIL.
check() {
  local name=$1
  shift
  echo "== $name"
  if "$@" >"$WORK/$name.log" 2>&1; then
    RESULTS+=("PASS  $name")
    tail -n 5 "$WORK/$name.log" | sed 's/^/   /'
  else
    RESULTS+=("FAIL  $name (log: $WORK/$name.log)")
    FAILED=1
    tail -n 25 "$WORK/$name.log" | sed 's/^/   /'
  fi
}

VENV=${ECOSYSTEM_VENV:-$WORK/venv}
install_tools() {
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV" || return 1
  "$VENV/bin/pip" install --quiet --upgrade pip &&
    "$VENV/bin/pip" install --quiet tensorboard mlflow dvc &&
    "$VENV/bin/python" -c 'import tensorboard, mlflow, dvc; print("tensorboard", tensorboard.__version__, "mlflow", mlflow.__version__)' &&
    "$VENV/bin/dvc" --version
}
check install install_tools || true
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"

build_runner() {
  swift build --product runner && BIN=$(swift build --show-bin-path) && test -x "$BIN/runner"
}
check build build_runner
BIN=$(swift build --show-bin-path 2>/dev/null)
export PATH="$BIN:$PATH"

# A small experiment (one run) and a two-trial sweep, in the work folder.
PROJECT="$WORK/project"
mkdir -p "$PROJECT/experiments"
cp docs/examples/dvc/runner.yaml docs/examples/dvc/.gitignore "$PROJECT/"
cp docs/examples/dvc/experiments/moons.yaml "$PROJECT/experiments/moons.yaml"
cat >"$PROJECT/experiments/moons-sweep.yaml" <<'SPEC'
name: moons-sweep
description: "Two learning rates of the DVC example's MLP"
seed: 7
dataset:
  generator: {type: moons, samples: 300, noise: 0.2}
  split: {train: 0.6, dev: 0.2, test: 0.2}
model:
  type: mlp
  layers:
    - {units: 8, activation: relu}
    - {units: 1, activation: sigmoid}
loss: binary_cross_entropy
optimizer: {type: adam, learning_rate: 0.01, batch_size: 32, epochs: 20}
record_every: 5
metrics: [accuracy]
sweep:
  method: grid
  parameters:
    optimizer.learning_rate: [0.003, 0.03]
SPEC
run_experiments() (
  cd "$PROJECT" && runner run experiments/moons.yaml && runner sweep experiments/moons-sweep.yaml
)
check experiment run_experiments

tensorboard_check() (
  cd "$PROJECT" && runner export tensorboard results &&
    "$PY" "$ROOT/scripts/ecosystem/check_tensorboard.py" results
)
check tensorboard tensorboard_check

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

tensorboard_server() {
  local port
  port=$(free_port)
  tensorboard --logdir "$PROJECT/results" --host 127.0.0.1 --port "$port" >"$WORK/tensorboard-output.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$port/data/runs" >"$WORK/tb-runs.json" 2>/dev/null && break
    sleep 1
  done
  echo "tensorboard --logdir results lists: $(cat "$WORK/tb-runs.json")"
  grep -q '"moons"' "$WORK/tb-runs.json" && grep -q 'moons-sweep/' "$WORK/tb-runs.json" &&
    curl -sf -X POST -H 'Content-Type: application/json' -d '{"experimentName": ""}' \
      "http://127.0.0.1:$port/data/plugin/hparams/experiment" >"$WORK/tb-hparams.json" &&
    "$PY" - "$WORK/tb-hparams.json" <<'PY'
import json, sys
experiment = json.load(open(sys.argv[1]))
hparams = {h["name"] for h in experiment["hparamInfos"]}
metrics = {m["name"]["tag"] for m in experiment["metricInfos"]}
assert "optimizer.learning_rate" in hparams and {"dev_loss", "dev_accuracy"} <= metrics
print(f"HParams tab: {len(hparams)} hparams, metrics {sorted(metrics)}")
PY
}
check tensorboard-server tensorboard_server

MLFLOW_PORT=$(free_port)
start_mlflow() {
  mlflow server --host 127.0.0.1 --port "$MLFLOW_PORT" \
    --backend-store-uri "sqlite:///$WORK/mlflow.db" --artifacts-destination "$WORK/mlartifacts" \
    >"$WORK/mlflow-output.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$MLFLOW_PORT/health" >/dev/null 2>&1 &&
      { echo "mlflow server $(mlflow --version | awk '{print $NF}') up on 127.0.0.1:$MLFLOW_PORT"; return 0; }
    sleep 1
  done
  cat "$WORK/mlflow-output.log"
  return 1
}
check mlflow-server start_mlflow

mlflow_check() (
  cd "$PROJECT" && runner export mlflow --tracking-uri "http://127.0.0.1:$MLFLOW_PORT" results &&
    MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR=false MLFLOW_TRACKING_URI="http://127.0.0.1:$MLFLOW_PORT" "$PY" "$ROOT/scripts/ecosystem/check_mlflow.py" results &&
    runner export mlflow --tracking-uri "http://127.0.0.1:$MLFLOW_PORT" results | tee "$WORK/again.txt" &&
    test "$(grep -c unchanged "$WORK/again.txt")" = 3
)
check mlflow mlflow_check

mlflow_down() (
  port=$(free_port)
  cd "$PROJECT" && timeout 60 runner export mlflow --tracking-uri "http://127.0.0.1:$port" results/moons
  status=$?
  echo "exit status $status with no server"
  test "$status" = 69
)
check mlflow-server-down mlflow_down

dvc_check() (
  repo="$WORK/dvc-repo"
  mkdir -p "$repo" && cp -R "$ROOT/docs/examples/dvc/." "$repo/" && cd "$repo" &&
    git init -q && git config user.email check@example.com && git config user.name check &&
    printf 'results/.history/\n' >.gitignore &&
    dvc init -q && dvc repro && git add -A && git commit -qm "moons stage" &&
    dvc exp run -S 'experiments/moons.yaml:optimizer.learning_rate=0.05' &&
    dvc exp show --no-pager &&
    dvc params diff | tee params.diff && grep -q 'optimizer.learning_rate' params.diff &&
    dvc metrics diff | tee metrics.diff && grep -q 'dev_accuracy' metrics.diff &&
    dvc plots diff -o "$WORK/dvc_plots" && test -s "$WORK/dvc_plots/index.html" &&
    grep -q 'train_loss' "$WORK/dvc_plots/index.html" && echo "dvc plots diff: $WORK/dvc_plots/index.html"
)
check dvc dvc_check

echo
echo "ecosystem check summary:"
printf '  %s\n' "${RESULTS[@]}"
if [[ $FAILED = 0 ]]; then echo "PASS"; else echo "FAIL"; fi
exit $FAILED
