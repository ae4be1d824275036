#!/usr/bin/env python3
"""The two weight-decay conversions of docs/spec.md's table, measured against torch.optim.

The runner never decays biases; torch's `SGD(model.parameters(), weight_decay=wd)` and
`AdamW(model.parameters(), ...)` decay them too. For each example this script trains the runner
(a shipped spec with `--set`), exports the exact rows it trained on (`runner data export`), and
trains torch (float64, full batch, the runner's initial zeros) twice: with every parameter decayed
(torch's plain call) and with the bias in a parameter group of `weight_decay: 0`. It prints the
three results side by side; the runner should equal the bias-group column to about 1e-12.

Examples:
- y = 5x + 7 (experiments/linear-sgd-primer003.yaml): AdamW, lr 0.01, 1000 full-batch epochs,
  torch's default weight decay 0.01; the weight and bias.
- breast cancer (experiments/bias_variance_breast_cancer.yaml, standardized with the training
  part's mean and population deviation, as the runner's `standardize`): SGD, lr 0.1, weight decay
  0.1, batch_size 398 (the training part, so an epoch is one step), 50 epochs, no L2; the mean
  training BCE after the last step.

Exits 1 when the runner and the bias-group column differ by more than 1e-9.

Run from the repository root: RUNNER=.build/debug/runner python3 scripts/reference/engine/weight_decay_groups_torch.py
Needs torch and numpy; swift test does not.
"""
import csv
import glob
import io
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

RUNNER = os.environ.get("RUNNER", ".build/debug/runner")
torch.set_default_dtype(torch.float64)


def exported_rows(spec, sets):
    """The training part's features and target, as the runner reads them."""
    args = [RUNNER, "data", "export", spec] + [a for s in sets for a in ("--set", s)]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows = [r for r in csv.reader(io.StringIO(text))]
    header, body = rows[0], [r for r in rows[1:] if r[2] == "train"]
    values = np.array([[float(v) for v in r[3:]] for r in body])
    return header[3:], values[:, :-1], values[:, -1]


def runner_run(spec, sets):
    """The run folder of `runner run spec --set …` in a fresh results folder."""
    folder = tempfile.mkdtemp(prefix="wd-groups-")
    args = [RUNNER, "run", spec, "--results-dir", folder] + [a for s in sets for a in ("--set", s)]
    subprocess.run(args, check=True, capture_output=True)
    return glob.glob(os.path.join(folder, "*", "params"))[0].rsplit("/", 1)[0]


def last_metric(run, column):
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    return float(rows[-1][column])


def torch_train(x, y, make_optimizer, steps, loss_of, bias_group):
    w = torch.zeros(x.shape[1], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    groups = [{"params": [w]}, {"params": [b], "weight_decay": 0.0}] if bias_group else [w, b]
    optimizer = make_optimizer(groups)
    xt, yt = torch.tensor(x), torch.tensor(y)
    for _ in range(steps):
        optimizer.zero_grad()
        loss_of(xt @ w + b, yt).backward()
        optimizer.step()
    with torch.no_grad():
        return w.detach().numpy(), float(b), float(loss_of(xt @ w + b, yt))


def linear_adamw():
    spec = "experiments/linear-sgd-primer003.yaml"
    sets = ["optimizer={type: adamw, learning_rate: 0.01, batch_size: 192, epochs: 1000}"]
    _, x, y = exported_rows(spec, sets)
    run = runner_run(spec, sets)
    w = np.load(os.path.join(run, "params", "layer1_weights.npy")).ravel()
    b = np.load(os.path.join(run, "params", "layer1_bias.npy")).ravel()
    mse = lambda p, t: ((p - t) ** 2).mean()
    make = lambda g: torch.optim.AdamW(g, lr=0.01, weight_decay=0.01)
    print("y = 5x + 7, AdamW lr 0.01 wd 0.01, 1000 full-batch steps:")
    print(f"  runner              w {w[0]:.10f}  b {b[0]:.10f}")
    for group in (False, True):
        tw, tb, _ = torch_train(x, y, make, 1000, mse, group)
        name = "torch, bias group " if group else "torch, plain      "
        print(f"  {name}  w {tw[0]:.10f}  b {tb:.10f}")
    return max(abs(w[0] - tw[0]), abs(b[0] - tb))


def breast_cancer_sgd():
    spec = "experiments/bias_variance_breast_cancer.yaml"
    sets = [
        "~regularization",
        "~report",
        "optimizer={type: sgd, learning_rate: 0.1, weight_decay: 0.1, batch_size: 398, epochs: 50}",
    ]
    _, x, y = exported_rows(spec, sets)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    run = runner_run(spec, sets)
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    make = lambda g: torch.optim.SGD(g, lr=0.1, weight_decay=0.1)
    print("breast cancer, SGD lr 0.1 wd 0.1, 50 full-batch steps, mean training BCE:")
    runner_loss = last_metric(run, "train_loss")
    print(f"  runner              {runner_loss:.10f}")
    for group in (False, True):
        _, _, loss = torch_train(x, y, make, 50, bce, group)
        name = "torch, bias group " if group else "torch, plain      "
        print(f"  {name}  {loss:.10f}")
    return abs(runner_loss - loss)


if __name__ == "__main__":
    worst = max(linear_adamw(), breast_cancer_sgd())
    print(f"largest runner − torch (bias group) difference: {worst:.1e}")
    sys.exit(0 if worst <= 1e-9 else 1)
