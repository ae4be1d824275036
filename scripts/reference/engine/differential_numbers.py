#!/usr/bin/env python3
"""Differential QA of the runner's numbers against the peers, on random small configurations.

Each case is a random but valid spec: a model (linreg, logreg binary / softmax / one-vs-rest /
one-vs-one, an MLP with 1-2 hidden layers of any trainable activation), a loss, an optimizer of
the vocabulary with non-default hyperparameters (momentum, nesterov, betas, eps, weight decay,
Adagrad's lr_decay and accumulator, NAdam's momentum decay, schedules, L1/L2, batch sizes,
`shuffle: false`, early stopping), explicit initial weights, float64 or float32, preprocessing
(standardize, min_max, polynomial, scale), on CSV train/dev/test files written for the case.
The runner (`.build/debug/runner` unless --runner) trains it; the peers redo it:

- the trajectory with torch.optim (same initial weights, same batches, torch's own optimizers,
  schedulers and weight decay on the weights' parameter group; the `(l2/2)·‖w‖²` term written
  out, and L1 as the runner takes it: gd/sgd's proximal step after the update, the other rules'
  `l1·‖w‖₁` in the objective, differentiated by autograd), compared row by row with metrics.csv's losses and with
  the saved parameters;
- preprocessing with numpy (training statistics, population std, a constant column left as is,
  as scikit-learn's scalers; PolynomialFeatures' column order);
- every metric of summary.csv with scikit-learn, on the runner's own final parameters (so a
  metric is judged apart from the trajectory), the one-vs-one decision with scikit-learn's
  `_ovr_decision_function`, confusion_matrix.csv with `confusion_matrix`, and bias_variance.csv's
  figures from those errors;
- `--family optimum`: L-BFGS and the exact solver against scikit-learn's LogisticRegression,
  LinearRegression and Ridge at convergence, long full-batch L1 gd against Lasso.

Usage: python3 scripts/reference/engine/differential_numbers.py [--cases 300] [--seed 1]
[--family all|trajectory|optimum|edge] [--keep DIR] [--verbose]. Prints one line per failing
comparison and a summary table (cases per family, max deviations). Needs numpy, scipy,
scikit-learn, torch (CPU). `swift test` never runs it.
"""
import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import numpy as np
import torch
import torch.nn.functional as F
from sklearn import metrics as skm
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler, label_binarize
from sklearn.utils.multiclass import _ovr_decision_function

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_optimizer_peers import PEERS, log_rnd, make_optimizer, random_keys, rnd  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))


def vocabulary_optimizers():
    """The optimizers of the vocabulary and the full-batch ones, read from the generated key
    reference (docs/spec.md, which SpecDocsTests keeps equal to Sources/Vocabulary)."""
    with open(os.path.join(ROOT, "docs", "spec.md")) as f:
        text = f.read()
    kinds = text.split("### `optimizer.type`")[1].split("- Type: ")[1].split("\n")[0].split(" | ")
    default = text.split("### `optimizer.batch_size`")[1].split("- Default: ")[1].split("\n")[0]
    full = default.split("; ")[1].removesuffix(": full batch").split(", ")
    return kinds, full


OPTIMIZERS, FULL_BATCH = vocabulary_optimizers()
MINI_BATCH = [k for k in OPTIMIZERS if k not in FULL_BATCH]
# Each rule's torch peer is its row of PEERS (torch_optimizer_peers.py). A mini-batch rule of
# the vocabulary missing there stops the script instead of going untested.
MISSING = sorted(set(MINI_BATCH) - set(PEERS))
if MISSING:
    sys.exit(f"differential_numbers.py has no torch peer for {', '.join(MISSING)}: add its row "
             "to PEERS in scripts/reference/engine/torch_optimizer_peers.py")
HIDDEN_ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]


# ----------------------------------------------------------------------------------------------
# Case generation


def make_data(rng, kind, n, k, outputs, sizes):
    """Features with uneven scales and offsets; targets for regression (`outputs` columns) or
    class labels 0..k-1 (every class in the training set)."""
    scale = np.exp(rng.uniform(-1.5, 1.5, n))
    offset = rng.uniform(-3, 3, n)
    w = rng.normal(size=(n, max(outputs, k)))
    sets = []
    for part, m in enumerate(sizes):
        x = np.round(rng.normal(size=(m, n)) * scale + offset, 4)
        z = ((x - offset) / scale) @ w
        if kind == "regression":
            y = np.round(z[:, :outputs] * 2 + rng.normal(size=(m, outputs)) * 0.3 + 1, 4)
            if outputs == 1:
                y = y[:, 0]
        else:
            z = z[:, :k] + rng.normal(size=(m, k)) * 0.7
            y = np.argmax(z, axis=1)
            if part == 0:
                # Every class in the training set.
                idx = rng.permutation(m)[:k]
                y[idx] = np.arange(k)
        sets.append((x, y))
    return sets


def expanded_features(n, steps):
    for s in steps:
        if s[0] == "polynomial":
            d = s[1]
            n = math.comb(n + d, d) - 1
    return n


def random_schedule(rng, budget):
    kind = rng.choice(["constant", "constant", "step", "exponential", "cosine", "inverse_time"])
    if kind == "constant":
        return None
    if kind == "step":
        return {"type": "step", "step_size": int(rng.integers(1, 4)), "gamma": rnd(rng, 0.3, 0.9, 2)}
    if kind == "exponential":
        return {"type": "exponential", "gamma": rnd(rng, 0.7, 0.99, 2)}
    if kind == "cosine":
        s = {"type": "cosine"}
        if rng.random() < 0.5:
            s["t_max"] = int(rng.integers(1, budget + 3))
        if rng.random() < 0.5:
            s["eta_min"] = log_rnd(rng, 1e-4, 1e-2)
        return s
    s = {"type": "inverse_time", "decay_rate": rnd(rng, 0.1, 2.0, 2)}
    if rng.random() < 0.5:
        s["step_size"] = int(rng.integers(1, 4))
    return s


def random_optimizer(rng, kind, m_train):
    o = {"type": kind}
    base = PEERS[kind].base_rate
    o["learning_rate"] = log_rnd(rng, base / 4, base)
    if kind == "gd":
        o["iterations"] = int(rng.integers(1, 31))
        budget = o["iterations"]
    else:
        o["epochs"] = int(rng.integers(1, 7))
        budget = o["epochs"]
        o["batch_size"] = int(rng.integers(1, m_train + 3))
        o["shuffle"] = False
        if rng.random() < 0.5:
            o["weight_decay"] = log_rnd(rng, 1e-3, 0.1)
    random_keys(rng, kind, o)
    sched = random_schedule(rng, budget)
    if sched:
        o["schedule"] = sched
    o["divergence_factor"] = 0
    return o


def random_preprocessing(rng):
    steps = []
    r = rng.random()
    if r < 0.15:
        steps.append(("scale", rnd(rng, 0.1, 3, 2)))
    r = rng.random()
    if r < 0.4:
        steps.append(("standardize",))
    elif r < 0.7:
        lo = rnd(rng, -2, 0.5, 1)
        steps.append(("min_max", lo, lo + rnd(rng, 0.5, 3, 1)))
    if rng.random() < 0.3:
        steps.append(("polynomial", int(rng.integers(2, 4))))
        if rng.random() < 0.5:
            steps.append(("standardize",))
    return steps


def step_spec(s):
    if s[0] == "standardize":
        return "standardize"
    if s[0] == "scale":
        return {"scale": s[1]}
    if s[0] == "min_max":
        return {"min_max": [s[1], s[2]]}
    return {"polynomial": s[1]}


def trajectory_case(rng, index):
    family = rng.choice(["linreg", "logreg_binary", "logreg_softmax", "logreg_ovr", "logreg_ovo",
                         "mlp_regression", "mlp_binary", "mlp_softmax"],
                        p=[0.16, 0.14, 0.12, 0.1, 0.08, 0.14, 0.13, 0.13])
    dtype = "float32" if rng.random() < 0.25 else "float64"
    n = int(rng.integers(1, 5))
    regression = family in ("linreg", "mlp_regression")
    k = 1
    if family in ("logreg_binary", "mlp_binary"):
        k = 2
    elif not regression:
        k = int(rng.integers(3, 5))
    outputs = 1
    if regression and rng.random() < 0.3:
        outputs = 2
    m_train = int(rng.integers(max(6, k + 2), 41))
    sizes = [m_train, int(rng.integers(4, 16)), int(rng.integers(4, 16))]
    sets = make_data(rng, "regression" if regression else "classification", n, k, outputs, sizes)
    steps = random_preprocessing(rng)
    if family.startswith("mlp") and any(s[0] == "polynomial" for s in steps) and n > 2:
        steps = [s for s in steps if s[0] != "polynomial"]
    n_in = expanded_features(n, steps)
    # Model and loss.
    model = {"type": family.split("_")[0]}
    layers = []  # (units, activation, negative_slope)
    bn = {}  # hidden layer index -> (momentum, eps)
    if family == "linreg":
        layers = [(outputs, "identity", None)]
        loss = str(rng.choice(["mse", "mse", "mae", "huber"]))
    elif family == "logreg_binary":
        layers = [(1, "sigmoid", None)]
        loss = "binary_cross_entropy"
    elif family == "logreg_softmax":
        layers = [(k, "softmax", None)]
        loss = "cross_entropy"
    elif family in ("logreg_ovr", "logreg_ovo"):
        model["multiclass"] = family.split("_")[1]
        layers = [(1, "sigmoid", None)]
        loss = "binary_cross_entropy"
    else:
        hidden = []
        for _ in range(int(rng.integers(1, 3))):
            a = str(rng.choice(HIDDEN_ACTIVATIONS))
            hidden.append((int(rng.integers(1, 6)), a,
                           rnd(rng, 0.01, 0.3, 2) if a == "leaky_relu" else None))
        if family == "mlp_regression":
            out = (outputs, "identity", None)
            loss = str(rng.choice(["mse", "mae", "huber"]))
        elif family == "mlp_binary":
            out = (1, "sigmoid", None)
            loss = "binary_cross_entropy"
        else:
            out = (k, "softmax", None)
            loss = "cross_entropy"
        layers = hidden + [out]
        model["layers"] = [
            dict({"units": u, "activation": a}, **({"negative_slope": s} if s is not None else {}))
            for u, a, s in layers]
        if rng.random() < 0.3:
            # nn.BatchNorm1d on some hidden layers (momentum, eps as given or the defaults).
            for l in range(len(hidden)):
                if rng.random() < 0.7:
                    norm = {"type": "batch_norm"}
                    bn[l] = (0.1, 1e-5)
                    if rng.random() < 0.5:
                        norm["momentum"] = rnd(rng, 0.05, 0.9, 2)
                        norm["eps"] = log_rnd(rng, 1e-5, 1e-1)
                        bn[l] = (norm["momentum"], norm["eps"])
                    model["layers"][l]["normalization"] = norm
    loss_spec = loss
    delta = 1.0
    if loss == "huber":
        delta = rnd(rng, 0.2, 2.0, 2)
        loss_spec = {"type": "huber", "delta": delta}
    # Explicit initial parameters.
    init_layers = []
    fan = n_in
    for u, _, _ in layers:
        w = np.round(rng.normal(size=(fan, u)) * (0.6 / math.sqrt(fan)), 4)
        b = np.round(rng.normal(size=u) * 0.2, 4)
        init_layers.append((w, b))
        fan = u
    if family.startswith("mlp"):
        model["init"] = {"type": "explicit", "layers": [
            {"weights": w.tolist(), "bias": b.tolist()} for w, b in init_layers]}
    elif family == "linreg" and outputs > 1:
        # `runner` refuses explicit weights of several columns for linreg: its default, zeros.
        init_layers = [(np.zeros_like(w), np.zeros_like(b)) for w, b in init_layers]
    else:
        w, b = init_layers[0]
        model["init"] = {"type": "explicit", "weights": w.tolist(), "bias": b.tolist()}
    kind = str(rng.choice(["gd"] * 2 + MINI_BATCH))
    opt = random_optimizer(rng, kind, m_train)
    if bn and "batch_size" in opt:
        # Batch normalization needs two rows or more in every training mini-batch.
        bs = max(2, min(opt["batch_size"], m_train))
        while m_train % bs == 1:
            bs += 1
        opt["batch_size"] = bs
    reg = {}
    if rng.random() < 0.35:
        reg["l2"] = log_rnd(rng, 1e-3, 0.3)
    if rng.random() < 0.25:
        reg["l1"] = log_rnd(rng, 1e-3, 0.05)
    if "l2" in reg and "weight_decay" in opt:
        del opt["weight_decay"]
    if kind == "adamw" and "weight_decay" not in opt and rng.random() < 0.5:
        opt["weight_decay"] = log_rnd(rng, 1e-3, 0.1)
    # Early stopping on the dev loss (or accuracy for classifiers).
    early = None
    if rng.random() < 0.2:
        early = {"patience": int(rng.integers(1, 4))}
        if rng.random() < 0.5:
            early["min_delta"] = log_rnd(rng, 1e-5, 1e-2)
        if rng.random() < 0.3:
            early["restore_best"] = False
        if not regression and rng.random() < 0.3:
            early["metric"] = "accuracy"
        opt["early_stopping"] = early
    if regression:
        metrics = ["mse", "rmse", "mae", "r2"]
    else:
        metrics = ["accuracy", "precision", "recall", "f1", "precision_macro", "recall_macro",
                   "f1_macro"]
        if family != "logreg_ovo":
            metrics += ["log_loss", "roc_auc", "average_precision"]
        metrics.append("confusion_matrix")
    spec = {
        "name": f"case{index}", "seed": index, "dtype": dtype,
        "dataset": {},
        "model": model, "loss": loss_spec, "optimizer": opt, "metrics": metrics,
        "record_every": 1,
        "report": {"plots": False, "bias_variance": {"base_error": 0.0 if not regression
                                                     else rnd(rng, 0.0, 0.5, 2)}},
    }
    if reg:
        spec["regularization"] = reg
    return {
        "index": index, "family": family, "dtype": dtype, "sets": sets, "steps": steps,
        "outputs": outputs, "k": k, "layers": layers, "loss": loss, "delta": delta,
        "init": init_layers, "optimizer": opt, "reg": reg, "early": early, "spec": spec,
        "bn": bn,
        "metrics": metrics, "regression": regression,
    }


# ----------------------------------------------------------------------------------------------
# Files and the runner


def write_csv(path, x, y, outputs):
    n = x.shape[1]
    ycols = [f"y{j}" for j in range(outputs)] if outputs > 1 else ["y"]
    with open(path, "w") as f:
        f.write(",".join([f"x{j}" for j in range(n)] + ycols) + "\n")
        for i in range(x.shape[0]):
            yv = y[i] if outputs > 1 else [y[i]]
            f.write(",".join([repr(float(v)) for v in x[i]] +
                             [repr(float(v)) if isinstance(v, float) or
                              isinstance(v, np.floating) else str(int(v)) for v in yv]) + "\n")


def write_case(case, folder):
    os.makedirs(folder, exist_ok=True)
    outputs = case["outputs"]
    target = [f"y{j}" for j in range(outputs)] if outputs > 1 else "y"
    ds = {}
    for name, (x, y) in zip(["train", "dev", "test"], case["sets"]):
        write_csv(os.path.join(folder, f"{name}.csv"), x, y, outputs)
        ds[name] = {"file": f"{name}.csv", "target": target}
    if case["steps"]:
        ds["preprocessing"] = [step_spec(s) for s in case["steps"]]
    case["spec"]["dataset"] = ds
    path = os.path.join(folder, "spec.yaml")
    with open(path, "w") as f:
        json.dump(case["spec"], f)
    return path


def run_runner(runner, spec, results):
    env = dict(os.environ, OPENBLAS_CORETYPE="Haswell", RUNNER_BLAS_KERNEL_APPLIED="Haswell")
    p = subprocess.run([runner, "run", spec, "--results-dir", results, "--allow-outside-results"],
                       capture_output=True, text=True, env=env, timeout=300)
    return p


def read_table(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return rows


def num(s):
    if s is None or s == "":
        return None
    return float(s)


# ----------------------------------------------------------------------------------------------
# Peer computations


def preprocess(steps, train, others):
    """numpy/scikit-learn preprocessing fitted on `train`, applied to each of `others`."""
    xs = [train.astype(np.float64)] + [o.astype(np.float64) for o in others]
    for s in steps:
        if s[0] == "scale":
            xs = [x * s[1] for x in xs]
        elif s[0] == "standardize":
            sc = StandardScaler().fit(xs[0])
            xs = [sc.transform(x) for x in xs]
        elif s[0] == "min_max":
            sc = MinMaxScaler(feature_range=(s[1], s[2])).fit(xs[0])
            xs = [sc.transform(x) for x in xs]
        elif s[0] == "polynomial":
            pf = PolynomialFeatures(degree=s[1], include_bias=False).fit(xs[0])
            xs = [pf.transform(x) for x in xs]
    return xs[0], xs[1:]


def act(name, z, slope):
    if name == "identity" or name == "softmax":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, slope if slope is not None else 0.01)
    raise ValueError(name)


def forward(params, layers, x, bn=None, training=False):
    """The network; `bn`: layer index -> [gamma, beta, running mean, running var, momentum,
    eps], torch's batch norm (batch statistics and running updates in training)."""
    a = x
    z = None
    for l, ((w, b), (_, name, slope)) in enumerate(zip(params, layers)):
        z = a @ w + b
        if bn and l in bn:
            g, be, rm, rv, mom, eps = bn[l]
            z = F.batch_norm(z, rm, rv, g, be, training=training, momentum=mom, eps=eps)
        a = act(name, z, slope)
    return z, a


def data_loss(z, a, y, loss, delta):
    if loss == "mse":
        return ((a - y) ** 2).mean()
    if loss == "mae":
        return (a - y).abs().mean()
    if loss == "huber":
        return F.huber_loss(a, y, delta=delta)
    if loss == "binary_cross_entropy":
        return F.binary_cross_entropy_with_logits(z, y)
    return F.cross_entropy(z, y.long().view(-1))


def make_scheduler(opt, optimizer, budget):
    s = opt.get("schedule")
    if not s:
        return None
    S = torch.optim.lr_scheduler
    if s["type"] == "step":
        return S.StepLR(optimizer, step_size=s.get("step_size", 10), gamma=s.get("gamma", 0.1))
    if s["type"] == "exponential":
        return S.ExponentialLR(optimizer, gamma=s.get("gamma", 0.95))
    if s["type"] == "cosine":
        return S.CosineAnnealingLR(optimizer, T_max=s.get("t_max", budget),
                                   eta_min=s.get("eta_min", 0.0))
    rate, every = s.get("decay_rate", 1.0), s.get("step_size", 1)
    return S.LambdaLR(optimizer, lambda e: 1.0 / (1.0 + rate * (e // every)))


class Component:
    """One network trained by torch: the whole model, a one-vs-rest class or a one-vs-one pair."""

    def __init__(self, case, init, x, y, dtype):
        self.case = case
        tdtype = torch.float32 if dtype == "float32" else torch.float64
        self.params = [(torch.tensor(w, dtype=tdtype).requires_grad_(),
                        torch.tensor(b, dtype=tdtype).requires_grad_()) for w, b in init]
        self.bn = {}
        for l, (mom, eps) in case.get("bn", {}).items():
            u = init[l][0].shape[1]
            self.bn[l] = [torch.ones(u, dtype=tdtype, requires_grad=True),
                          torch.zeros(u, dtype=tdtype, requires_grad=True),
                          torch.zeros(u, dtype=tdtype), torch.ones(u, dtype=tdtype), mom, eps]
        self.x = torch.tensor(x, dtype=tdtype)
        self.y = torch.tensor(y, dtype=tdtype)
        opt = case["optimizer"]
        self.opt = make_optimizer(opt, [w for w, _ in self.params],
                                  [b for _, b in self.params] +
                                  [t for v in self.bn.values() for t in v[:2]])
        budget = opt.get("iterations", opt.get("epochs"))
        self.sched = make_scheduler(opt, self.opt, budget)

    def evaluate(self, x, y):
        with torch.no_grad():
            z, a = forward(self.params, self.case["layers"], x, self.bn)
            return float(data_loss(z, a, y, self.case["loss"], self.case["delta"]))

    def epoch(self):
        opt = self.case["optimizer"]
        m = self.x.shape[0]
        bs = m if opt["type"] == "gd" else min(opt["batch_size"], m)
        l2 = self.case["reg"].get("l2", 0.0)
        l1 = self.case["reg"].get("l1", 0.0)
        for start in range(0, m, bs):
            xb, yb = self.x[start:start + bs], self.y[start:start + bs]
            self.opt.zero_grad()
            z, a = forward(self.params, self.case["layers"], xb, self.bn, training=True)
            j = data_loss(z, a, yb, self.case["loss"], self.case["delta"])
            if l2:
                j = j + l2 / 2 * sum((w * w).sum() for w, _ in self.params)
            # L1 as OptimizerKind.l1Step declares: a proximal step for gd/sgd, else the subgradient.
            proximal = opt["type"] in ("gd", "sgd")
            if l1 and not proximal:
                j = j + l1 * sum(w.abs().sum() for w, _ in self.params)
            j.backward()
            self.opt.step()
            if l1 and proximal:
                lr = self.opt.param_groups[0]["lr"]
                with torch.no_grad():
                    for w, _ in self.params:
                        w.copy_(torch.sign(w) * torch.clamp(w.abs() - lr * l1, min=0))
        if self.sched:
            self.sched.step()

    def numpy(self):
        out = [(w.detach().numpy().astype(np.float64), b.detach().numpy().astype(np.float64))
               for w, b in self.params]
        return out + [("bn", l, [t.detach().numpy().astype(np.float64).copy() for t in v[:4]])
                      for l, v in sorted(self.bn.items())]


def components_of(case, x, y):
    """(name prefix, features, targets) per component, as the runner splits a multiclass logreg."""
    fam = case["family"]
    k = case["k"]
    if fam == "logreg_ovr":
        return [(f"class{c}_", x, (y == c).astype(np.float64).reshape(-1, 1)) for c in range(k)]
    if fam == "logreg_ovo":
        out = []
        for i in range(k):
            for j in range(i + 1, k):
                rows = (y == i) | (y == j)
                out.append((f"pair{i}-{j}_", x[rows], (y[rows] == j).astype(np.float64)
                            .reshape(-1, 1)))
        return out
    yy = y.reshape(len(y), -1).astype(np.float64)
    return [("", x, yy)]


def peer_trajectory(case, xs, ys):
    """The records (losses per split before each unit, then the final state) and final params."""
    dtype = case["dtype"]
    np_dtype = np.float32 if dtype == "float32" else np.float64
    xs = [x.astype(np_dtype) for x in xs]
    parts = [components_of(case, x, y) for x, y in zip(xs, ys)]
    comps = [Component(case, case["init"], p[1], p[2], dtype) for p in parts[0]]
    tdtype = torch.float32 if dtype == "float32" else torch.float64
    split_parts = [[(torch.tensor(p[1], dtype=tdtype), torch.tensor(p[2], dtype=tdtype))
                    for p in sp] for sp in parts]
    opt = case["optimizer"]
    units = opt.get("iterations", opt.get("epochs"))
    early = case["early"]

    def record():
        losses = []
        for sp in split_parts:
            total = 0.0
            for comp, (x, y) in zip(comps, sp):
                if x.shape[0] > 0:
                    total += comp.evaluate(x, y) / len(comps)
            losses.append(total)
        return losses

    records = []
    best = None
    since = 0
    stopped = None
    for unit in range(units):
        r = record()
        records.append(r)
        if early:
            if early.get("metric") == "accuracy":
                score = -classification_accuracy(case, [c.numpy() for c in comps], xs[1], ys[1])
            else:
                score = r[1]
            if best is None or score < best[0] - early.get("min_delta", 0.0):
                best = (score, [c.numpy() for c in comps], unit)
                since = 0
            else:
                since += 1
                if since >= early.get("patience", 10):
                    stopped = best[2]
                    break
        for c in comps:
            c.epoch()
    finals = [c.numpy() for c in comps]
    if stopped is not None:
        if early.get("restore_best", True):
            finals = best[1]
            for c, f in zip(comps, finals):
                with torch.no_grad():
                    for (w, b), (fw, fb) in zip(c.params, dense(f)):
                        w.copy_(torch.tensor(fw))
                        b.copy_(torch.tensor(fb))
                    for _, l, arrays in [e for e in f if isinstance(e[0], str)]:
                        for t, v in zip(c.bn[l][:4], arrays):
                            t.copy_(torch.tensor(v))
    else:
        records.append(record())
    final_losses = record()
    return records, finals, final_losses, stopped


def dense(params):
    """The (weights, bias) pairs of a component's parameter list (batch-norm entries aside)."""
    return [p for p in params if not isinstance(p[0], str)]


def np_forward(params, layers, x, eps=None):
    """The network in evaluation mode (running statistics), in the dtype of `x` (a float32 run's
    outputs tie and saturate as float32's do)."""
    t = x.dtype
    bn = {e[1]: [a.astype(t) for a in e[2]] for e in params if isinstance(e[0], str)}
    params = [(w.astype(t), b.astype(t)) for w, b in dense(params)]
    a = x
    z = None
    for l, ((w, b), (_, name, slope)) in enumerate(zip(params, layers)):
        z = a @ w + b
        if l in bn:
            g, be, rm, rv = bn[l]
            z = (z - rm) / np.sqrt(rv + (eps or {}).get(l, 1e-5)) * g + be
        if name == "sigmoid":
            a = 1 / (1 + np.exp(-z))
        elif name == "tanh":
            a = np.tanh(z)
        elif name == "relu":
            a = np.maximum(z, 0)
        elif name == "leaky_relu":
            a = np.where(z > 0, z, (slope if slope is not None else 0.01) * z)
        elif name == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        else:
            a = z
    return z, a


def scores_of(case, comps, x):
    """(class scores or probabilities, decision for labels) of the final model on `x`."""
    fam = case["family"]
    k = case["k"]
    if fam == "logreg_ovr":
        cols = [np_forward(c, case["layers"], x)[1][:, 0].astype(np.float64) for c in comps]
        return np.stack(cols, axis=1)
    if fam == "logreg_ovo":
        preds, confs = [], []
        for c in comps:
            z, a = np_forward(c, case["layers"], x)
            preds.append((a[:, 0] > 0.5).astype(int))
            confs.append(z[:, 0].astype(np.float64))
        return _ovr_decision_function(np.stack(preds, axis=1), np.stack(confs, axis=1), k)
    return np_forward(comps[0], case["layers"], x, bn_eps(case))[1].astype(np.float64)


def bn_eps(case):
    return {l: e for l, (_, e) in case.get("bn", {}).items()}


def labels_of(case, s):
    if s.shape[1] == 1:
        return (s[:, 0] > 0.5).astype(int)
    return np.argmax(s, axis=1)


def classification_accuracy(case, comps, x, y):
    return skm.accuracy_score(y, labels_of(case, scores_of(case, comps, x)))


def probabilities(case, s):
    if case["family"] == "logreg_ovr":
        return s / s.sum(axis=1, keepdims=True)
    if s.shape[1] == 1:
        return np.concatenate([1 - s, s], axis=1)
    return s


def peer_metrics(case, comps, x, y):
    """scikit-learn's figure of every metric the spec lists, on split (x, y)."""
    out = {}
    if case["regression"]:
        p = np_forward(comps[0], case["layers"], x, bn_eps(case))[1].astype(np.float64)
        yy = y.reshape(len(y), -1)
        p = p.reshape(yy.shape)
        out["mse"] = skm.mean_squared_error(yy, p)
        out["rmse"] = skm.root_mean_squared_error(yy, p)
        out["mae"] = skm.mean_absolute_error(yy, p)
        out["r2"] = skm.r2_score(yy, p)
        return out, None
    k = case["k"]
    s = scores_of(case, comps, x)
    pred = labels_of(case, s)
    avg = "binary" if k == 2 else "macro"
    out["accuracy"] = skm.accuracy_score(y, pred)
    for name, fn in [("precision", skm.precision_score), ("recall", skm.recall_score),
                     ("f1", skm.f1_score)]:
        out[name] = fn(y, pred, average=avg, zero_division=0)
        out[name + "_macro"] = fn(y, pred, average="macro", zero_division=0)
    if "log_loss" in case["metrics"]:
        P = probabilities(case, s)
        out["log_loss"] = skm.log_loss(y, P, labels=list(range(k)))
        if k == 2:
            out["roc_auc"] = (skm.roc_auc_score(y, P[:, 1]) if len(set(y)) == 2 else math.nan)
            out["average_precision"] = (skm.average_precision_score(y, P[:, 1])
                                        if (y == 1).any() else math.nan)
        else:
            if len(set(y)) == k:
                out["roc_auc"] = skm.roc_auc_score(y, P, multi_class="ovr", average="macro",
                                                   labels=list(range(k)))
                out["average_precision"] = skm.average_precision_score(
                    label_binarize(y, classes=list(range(k))), P, average="macro")
            else:
                out["roc_auc"] = math.nan
                out["average_precision"] = math.nan
    cm = skm.confusion_matrix(y, pred, labels=list(range(k)))
    return out, cm


def load_params(folder, case, dtype):
    prefixes = [p for p, _, _ in components_of(case, case["sets"][0][0], case["sets"][0][1])]
    comps = []
    for prefix in prefixes:
        layers = []
        for l in range(1, len(case["layers"]) + 1):
            w = np.load(os.path.join(folder, "params", f"{prefix}layer{l}_weights.npy"))
            b = np.load(os.path.join(folder, "params", f"{prefix}layer{l}_bias.npy"))
            layers.append((w.astype(np.float64), b.astype(np.float64)))
        for l in sorted(case.get("bn", {})):
            arrays = [np.load(os.path.join(folder, "params", f"{prefix}layer{l + 1}_bn_{n}.npy"))
                      .astype(np.float64) for n in ("weight", "bias", "running_mean",
                                                    "running_var")]
            layers.append(("bn", l, arrays))
        comps.append(layers)
    return comps


# ----------------------------------------------------------------------------------------------
# Comparison bookkeeping


class Tally:
    """Counts, largest deviations and failures, by comparison (and dtype, via `suffix`)."""

    suffix = ""

    def __init__(self):
        self.cases = defaultdict(int)
        self.max_dev = defaultdict(float)
        self.failures = []
        self.skipped = defaultdict(int)
        self.compared = defaultdict(int)

    def dev(self, key, a, b, tol, where, rel=True):
        """Records |a − b| (relative to max(1, |b|) when rel); a failure above `tol`."""
        key = key + self.suffix
        self.compared[key] += 1
        if a is None or b is None:
            if not (a is None and (b is None or (isinstance(b, float) and math.isnan(b)))):
                self.failures.append(f"{where}: {key}: runner {a} peer {b}")
            return
        if math.isnan(a) or math.isnan(b):
            if not (math.isnan(a) and math.isnan(b)):
                self.failures.append(f"{where}: {key}: runner {a} peer {b}")
            return
        d = abs(a - b) / (max(1.0, abs(b)) if rel else 1.0)
        self.max_dev[key] = max(self.max_dev[key], d)
        if d > tol:
            self.failures.append(f"{where}: {key}: runner {a!r} peer {b!r} (deviation {d:.3g})")


def check_trajectory_case(case, runner, work, tally, verbose=False):
    name = case["spec"]["name"]
    folder = os.path.join(work, name)
    spec = write_case(case, folder)
    results = os.path.join(folder, "results")
    p = run_runner(runner, spec, results)
    where = f"{name} {case['family']} {case['dtype']} {case['optimizer']['type']}"
    tally.cases[case["family"] if isinstance(case["index"], int) else "edge"] += 1
    tally.suffix = f" [{case['dtype']}]"
    (xtr, ytr), (xdv, ydv), (xte, yte) = case["sets"]
    xtr_p, (xdv_p, xte_p) = preprocess(case["steps"], xtr, [xdv, xte])
    if p.returncode != 0:
        tally.failures.append(f"{where}: runner exit {p.returncode}: {p.stderr.strip()[-600:]}")
        return
    out = os.path.join(results, name)
    f32 = case["dtype"] == "float32"
    # Preprocessing: the runner's statistics file against scikit-learn's scalers.
    check_preprocessing(case, out, xtr, tally, where)
    records, finals, final_losses, stopped = peer_trajectory(
        case, [xtr_p, xdv_p, xte_p], [ytr, ydv, yte])
    rows = read_table(os.path.join(out, "metrics.csv"))
    summary = read_table(os.path.join(out, "summary.csv"))[0]
    ttol = 2e-3 if f32 else 1e-7
    if f32:
        # float32 drifts from the exact trajectory by the problem's conditioning (batch norm on
        # 3-row batches, a ReLU at its kink): torch's own float32 run, against its float64 run,
        # measures how far. A runner deviation within 3x that drift (and within tolerance of
        # the float64 run) is counted as ill-conditioned, not as a failure.
        case64 = dict(case, dtype="float64")
        records64, finals64, final64, _ = peer_trajectory(
            case64, [xtr_p, xdv_p, xte_p], [ytr, ydv, yte])

        def drift(a, b32, b64):
            if a is None or b32 is None or abs(a - b32) <= ttol * max(1, abs(b32)):
                return False
            own = abs(b32 - b64) / max(1, abs(b64))
            if abs(a - b64) / max(1, abs(b64)) <= 3 * own:
                tally.compared["float32 ill-conditioned (within 3x torch's own float32 drift)"] += 1
                return True
            return False
    if len(rows) != len(records):
        tally.failures.append(f"{where}: metrics.csv has {len(rows)} rows, peer {len(records)}"
                              f" (stopped {stopped}; runner {summary.get('stop_reason')})")
    for i, (row, rec) in enumerate(zip(rows, records)):
        for j, (split, v) in enumerate(zip(["train", "dev", "test"], rec)):
            a = num(row.get(f"{split}_loss"))
            if f32 and i < len(records64) and drift(a, v, records64[i][j]):
                continue
            tally.dev("trajectory loss", a, v, ttol, f"{where} row {i} {split}")
    for j, (split, v) in enumerate(zip(["train", "dev", "test"], final_losses)):
        a = num(summary.get(f"{split}_loss"))
        if f32 and drift(a, v, final64[j]):
            continue
        tally.dev("final loss", a, v, ttol, f"{where} {split}")
    runner_params = load_params(out, case, case["dtype"])
    for ci, (rc, pc) in enumerate(zip(runner_params, finals)):
        for li, (re_, pe) in enumerate(zip(rc, pc)):
            ra = re_[2] if isinstance(re_[0], str) else list(re_)
            pa = pe[2] if isinstance(pe[0], str) else list(pe)
            d = max(np.max(np.abs(r - q) / np.maximum(1, np.abs(q))) for r, q in zip(ra, pa))
            if f32 and d > ttol * 10:
                pe64 = finals64[ci][li]
                pa64 = pe64[2] if isinstance(pe64[0], str) else list(pe64)
                own = max(np.max(np.abs(q - q64) / np.maximum(1, np.abs(q64)))
                          for q, q64 in zip(pa, pa64))
                d64 = max(np.max(np.abs(r - q64) / np.maximum(1, np.abs(q64)))
                          for r, q64 in zip(ra, pa64))
                if d64 <= 3 * own:
                    tally.compared["float32 ill-conditioned (within 3x torch's own float32 drift)"
                                   ] += 1
                    continue
            tally.dev("final params", float(d), 0.0, ttol * 10, f"{where} comp {ci} layer {li}",
                      rel=False)
    # Metrics of the runner's own parameters, by scikit-learn.
    mtol = 1e-5 if f32 else 1e-10
    cm = None
    for split, x, y in [("train", xtr_p, ytr), ("dev", xdv_p, ydv), ("test", xte_p, yte)]:
        xx = x.astype(np.float32) if f32 else x
        pm, cm = peer_metrics(case, runner_params, xx, y)
        for name, v in pm.items():
            if name not in case["metrics"]:
                continue
            rv = num(summary.get(f"{split}_{name}"))
            tol = mtol
            if f32 and name in ("accuracy", "precision", "recall", "f1", "precision_macro",
                                "recall_macro", "f1_macro"):
                tol = 1.01 / len(y)  # one sample may flip at float32's boundary
            tally.dev(f"metric {name}", rv, float(v), tol, f"{where} {split}")
    # Confusion matrix (test split).
    if "confusion_matrix" in case["metrics"]:
        t = read_table(os.path.join(out, "confusion_matrix.csv"))
        got = np.array([[int(r[f"predicted_{j}"]) for j in range(case["k"])] for r in t])
        tally.compared["confusion matrix" + tally.suffix] += 1
        if not np.array_equal(got, cm):
            diff = int(np.abs(got - cm).sum())
            if not (f32 and diff <= 2):
                tally.failures.append(f"{where}: confusion matrix {got.tolist()} peer {cm.tolist()}")
    check_bias_variance(case, out, summary, tally, where)


def check_preprocessing(case, out, xtr, tally, where):
    path = os.path.join(out, "preprocessing.csv")
    fitted = [s for s in case["steps"] if s[0] in ("standardize", "min_max")]
    if not fitted:
        return
    rows = read_table(path)
    x = xtr.astype(np.float32).astype(np.float64) if case["dtype"] == "float32" else xtr
    step_no = 0
    # The CSV's columns are x0, x1, ...; a polynomial step names its terms as scikit-learn's
    # get_feature_names_out does (x0^2, x0 x1), and so does preprocessing.csv.
    names = [f"x{j}" for j in range(x.shape[1])]
    for s in case["steps"]:
        if s[0] == "scale":
            x = x * s[1]
        elif s[0] == "polynomial":
            poly = PolynomialFeatures(degree=s[1], include_bias=False).fit(x)
            x = poly.transform(x)
            names = list(poly.get_feature_names_out(names))
        else:
            step_no += 1
            if s[0] == "standardize":
                sc = StandardScaler().fit(x)
                stats = {"mean": sc.mean_, "std": np.sqrt(sc.var_)}
            else:
                sc = MinMaxScaler(feature_range=(s[1], s[2])).fit(x)
                stats = {"min": sc.data_min_, "max": sc.data_max_}
            for r in rows:
                if int(r["step"]) == step_no:
                    v = stats[r["statistic"]][feature_index(r["feature"], names)]
                    tally.dev("preprocessing statistic", num(r["value"]), float(v),
                              1e-5 if case["dtype"] == "float32" else 1e-12, f"{where} {r}")
            x = sc.transform(x)


def feature_index(name, names):
    """The column of a preprocessing.csv feature: its index, or its name among `names`."""
    if name.isdigit():
        return int(name)
    if name in names:
        return names.index(name)
    raise ValueError(f"feature {name!r} not among {names}")


def check_bias_variance(case, out, summary, tally, where):
    path = os.path.join(out, "bias_variance.csv")
    if not os.path.exists(path):
        tally.failures.append(f"{where}: no bias_variance.csv")
        return
    bv = read_table(path)[0]
    base = case["spec"]["report"]["bias_variance"]["base_error"]

    def err(split):
        if case["regression"]:
            return num(summary.get(f"{split}_loss"))
        a = num(summary.get(f"{split}_accuracy"))
        return None if a is None else 1 - a

    tr, dv, te = err("train"), err("dev"), err("test")
    # float32 runs print their accuracy as float32; the report's errors come from the counts.
    btol = 1e-6 if case["dtype"] == "float32" else 1e-12
    tally.dev("bias_variance train_error", num(bv["train_error"]), tr, btol, where)
    tally.dev("bias_variance dev_error", num(bv["dev_error"]), dv, btol, where)
    tally.dev("bias_variance test_error", num(bv["test_error"]), te, btol, where)
    tally.dev("bias_variance avoidable_bias", num(bv["avoidable_bias"]), tr - base, btol, where)
    tally.dev("bias_variance variance", num(bv["variance"]), dv - tr, btol, where)
    if case["regression"]:
        rb = (tr - base) / base if base > 0 else None
        if rb is not None:
            tally.dev("bias_variance relative_avoidable_bias",
                      num(bv["relative_avoidable_bias"]), rb, btol, where)
        rv = (dv - tr) / tr if tr > 0 else (math.inf if dv > 0 else None)
        if rv is not None and math.isfinite(rv):
            tally.dev("bias_variance relative_variance", num(bv["relative_variance"]), rv, btol,
                      where)


# ----------------------------------------------------------------------------------------------
# Optima: L-BFGS, the exact solver and long L1 descent against scikit-learn's estimators


def optimum_case(rng, index):
    fam = str(rng.choice(["logreg_lbfgs", "softmax_lbfgs", "ovr_lbfgs", "linreg_lbfgs",
                          "linreg_exact", "linreg_lasso"]))
    n = int(rng.integers(1, 5))
    regression = fam.startswith("linreg")
    k = 1 if regression else (2 if fam == "logreg_lbfgs" else int(rng.integers(3, 5)))
    m = int(rng.integers(max(8, 3 * k), 60))
    sets = make_data(rng, "regression" if regression else "classification", n, k, 1,
                     [m, 8, 8])
    steps = [("standardize",)] if rng.random() < 0.7 else []
    dtype = "float64"
    model = {"type": "linreg" if regression else "logreg"}
    if fam == "ovr_lbfgs":
        model["multiclass"] = "ovr"
    reg = {}
    if fam == "linreg_exact":
        model["solver"] = "exact"
        if rng.random() < 0.7:
            reg["l2"] = log_rnd(rng, 1e-3, 1.0)
        opt = None
    elif fam == "linreg_lasso":
        reg["l1"] = log_rnd(rng, 1e-3, 0.5)
        steps = [("standardize",)]
        opt = {"type": "gd", "learning_rate": 0.1, "iterations": 20000}
    else:
        if fam == "softmax_lbfgs" or rng.random() < 0.8:
            reg["l2"] = log_rnd(rng, 1e-3, 0.5)
        opt = {"type": "lbfgs", "iterations": 2000, "tolerance": 1e-10}
    if fam == "softmax_lbfgs":
        loss = "cross_entropy"
    elif regression:
        loss = "mse"
    else:
        loss = "binary_cross_entropy"
    spec = {"name": f"opt{index}", "seed": index, "dtype": dtype, "dataset": {}, "model": model,
            "loss": loss, "metrics": ["mse"] if regression else ["accuracy"],
            "report": {"plots": False}}
    if opt:
        spec["optimizer"] = opt
    if reg:
        spec["regularization"] = reg
    layers = [(k if fam == "softmax_lbfgs" else 1,
               "softmax" if fam == "softmax_lbfgs" else ("identity" if regression else "sigmoid"),
               None)]
    return {"index": index, "family": fam, "dtype": dtype, "sets": sets, "steps": steps,
            "outputs": 1, "k": k, "layers": layers, "loss": loss, "delta": 1.0, "reg": reg,
            "spec": spec, "regression": regression}


def check_optimum_case(case, runner, work, tally):
    folder = os.path.join(work, f"opt{case['index']}")
    spec = write_case(case, folder)
    results = os.path.join(folder, "results")
    p = run_runner(runner, spec, results)
    fam = case["family"]
    where = f"opt{case['index']} {fam}"
    tally.suffix = ""
    tally.cases["optimum " + fam] += 1
    if p.returncode != 0:
        tally.failures.append(f"{where}: runner exit {p.returncode}: {p.stderr.strip()[-600:]}")
        return
    out = os.path.join(results, f"opt{case['index']}")
    (xtr, ytr), _, _ = case["sets"]
    x, _ = preprocess(case["steps"], xtr, [])
    m = x.shape[0]
    l2 = case["reg"].get("l2", 0.0)
    cfam = {"ovr_lbfgs": "logreg_ovr"}.get(fam, "")
    comps = load_params(out, dict(case, family=cfam), "float64")
    if fam in ("linreg_exact", "linreg_lbfgs"):
        est = Ridge(alpha=l2 * m / 2, tol=1e-14, solver="cholesky") if l2 else LinearRegression()
        est.fit(x, ytr)
        w, b = comps[0][0]
        tally.dev("optimum linreg coef", float(np.max(np.abs(w[:, 0] - est.coef_))), 0.0,
                  1e-6 if fam == "linreg_lbfgs" else 1e-9, where, rel=False)
        tally.dev("optimum linreg intercept", float(b[0]), float(est.intercept_),
                  1e-6 if fam == "linreg_lbfgs" else 1e-9, where)
    elif fam == "linreg_lasso":
        est = Lasso(alpha=case["reg"]["l1"] / 2, tol=1e-14, max_iter=100000).fit(x, ytr)
        w, b = comps[0][0]
        tally.dev("optimum lasso coef", float(np.max(np.abs(w[:, 0] - est.coef_))), 0.0, 1e-6,
                  where, rel=False)
        tally.dev("optimum lasso intercept", float(b[0]), float(est.intercept_), 1e-6, where)
        zeros_r = set(np.flatnonzero(w[:, 0] == 0))
        zeros_s = set(np.flatnonzero(est.coef_ == 0))
        tally.compared["optimum lasso zero pattern"] += 1
        if zeros_r != zeros_s:
            tally.failures.append(f"{where}: lasso zeros {sorted(zeros_r)} sklearn {sorted(zeros_s)}")
    else:
        kw = dict(tol=1e-12, max_iter=100000)
        if l2:
            est = LogisticRegression(C=1 / (l2 * m), **kw)
        else:
            est = LogisticRegression(C=np.inf, **kw)
        if fam == "ovr_lbfgs":
            from sklearn.multiclass import OneVsRestClassifier
            est = OneVsRestClassifier(est).fit(x, ytr)
            coefs = [(e.coef_[0], e.intercept_[0]) for e in est.estimators_]
            mine = [(c[0][0][:, 0], c[0][1][0]) for c in comps]
        else:
            est.fit(x, ytr)
            if fam == "softmax_lbfgs":
                coefs = [(est.coef_[c], est.intercept_[c]) for c in range(case["k"])]
                w, b = comps[0][0]
                mine = [(w[:, c], b[c]) for c in range(case["k"])]
            else:
                coefs = [(est.coef_[0], est.intercept_[0])]
                w, b = comps[0][0]
                mine = [(w[:, 0], b[0])]
        # Without a penalty a separable problem has no finite optimum: compare only with one.
        if not l2 and fam != "softmax_lbfgs":
            tally.skipped["optimum unpenalized logreg"] += 1
            return
        for (cw, cb), (mw, mb) in zip(coefs, mine):
            tally.dev("optimum logreg coef", float(np.max(np.abs(mw - cw) / np.maximum(1, np.abs(cw)))),
                      0.0, 1e-5, where, rel=False)
            tally.dev("optimum logreg intercept", float(mb), float(cb), 1e-5, where)


def checked(tally, label, check):
    """Runs one case's check; a peer-side problem is a failure to look at, not a crash.
    Prints the case's failures and says whether it passed."""
    before = len(tally.failures)
    try:
        check()
    except Exception as e:
        tally.failures.append(f"{label}: harness error {e!r}")
    for f in tally.failures[before:]:
        print("FAIL", f, flush=True)
    return len(tally.failures) == before


def run_optimum(a, work, tally):
    for i in range(a.start, a.start + max(a.cases // 3, 1)):
        rng = np.random.default_rng([a.seed, 7, i])
        case = optimum_case(rng, i)
        checked(tally, f"opt{i} {case['family']}",
                lambda: check_optimum_case(case, a.runner, work, tally))


# ----------------------------------------------------------------------------------------------
# Edge cases of the metrics and the report maths


def edge_cases():
    """Hand-made cases: (name, case overrides) run through the trajectory check."""
    cases = []
    rng = np.random.default_rng(99)

    def base(name, family, sets, k=2, layers=None, loss="binary_cross_entropy", init=None,
             steps=(), iterations=3, lr=0.1, metrics=None, regression=False, outputs=1):
        n_in = expanded_features(sets[0][0].shape[1], steps)
        layers = layers or [(1, "sigmoid", None)]
        if init is None:
            init = [(np.round(rng.normal(size=(n_in, layers[0][0])) * 0.5, 4),
                     np.round(rng.normal(size=layers[0][0]) * 0.2, 4))]
        model = {"type": family.split("_")[0]}
        if family in ("logreg_ovr", "logreg_ovo"):
            model["multiclass"] = family.split("_")[1]
        w, b = init[0]
        if outputs == 1:
            model["init"] = {"type": "explicit", "weights": w.tolist(), "bias": b.tolist()}
        else:
            init = [(np.zeros_like(w), np.zeros_like(b))]
        if metrics is None:
            metrics = (["mse", "rmse", "mae", "r2"] if regression else
                       ["accuracy", "precision", "recall", "f1", "precision_macro",
                        "recall_macro", "f1_macro", "log_loss", "roc_auc", "average_precision",
                        "confusion_matrix"])
        opt = {"type": "gd", "iterations": iterations}
        if iterations:
            opt["learning_rate"] = lr
        spec = {"name": name, "seed": 1, "dtype": "float64", "dataset": {}, "model": model,
                "loss": loss, "optimizer": opt, "metrics": metrics,
                "report": {"plots": False, "bias_variance": {"base_error": 0.0}}}
        if iterations:
            spec["record_every"] = 1
        return {"index": name, "family": family, "dtype": "float64", "sets": sets,
                "steps": list(steps), "outputs": outputs, "k": k, "layers": layers, "loss": loss,
                "delta": 1.0, "init": init, "optimizer": opt, "reg": {}, "early": None,
                "spec": spec, "metrics": metrics, "regression": regression}

    # A constant column whose float64 mean is not exactly its value (six 0.1s sum to
    # 0.6 − 1 ulp): scikit-learn's scaler leaves it unscaled, it must not become ±1 or huge.
    x = np.array([[0.1, 1.0], [0.1, 2.0], [0.1, 3.5], [0.1, -1.0], [0.1, 0.5], [0.1, 0.0]])
    y = np.array([1.0, 2.0, 3.0, 0.5, 1.5, 0.7])
    xd = np.array([[0.2, 1.0], [0.1, 2.5], [0.3, 0.0]])
    yd = np.array([1.0, 2.0, 0.5])
    cases.append(base("constant-feature-standardize", "linreg",
                      [(x, y), (xd, yd), (xd, yd)], k=1, layers=[(1, "identity", None)],
                      loss="mse", steps=[("standardize",)], regression=True))
    cases.append(base("constant-feature-min-max", "linreg",
                      [(x, y), (xd, yd), (xd, yd)], k=1, layers=[(1, "identity", None)],
                      loss="mse", steps=[("min_max", -1.0, 1.0)], regression=True))
    # Regression target constant on a split: R² is 0 (or 1 for a perfect fit).
    cases.append(base("constant-target", "linreg",
                      [(x[:, 1:], y), (xd[:, 1:], np.array([2.0, 2.0, 2.0])),
                       (xd[:, 1:], np.array([1.0, 1.0, 1.0]))], k=1,
                      layers=[(1, "identity", None)], loss="mse", regression=True,
                      init=[(np.array([[0.0]]), np.array([1.0]))], iterations=0))
    # Two targets: R² and RMSE are per output, then averaged (scikit-learn's uniform_average).
    y2 = np.stack([y, 10 * y + np.array([0.3, -0.2, 0.1, 0.4, -0.5, 0.2])], axis=1)
    yd2 = np.stack([yd, np.array([5.0, 30.0, 7.0])], axis=1)
    cases.append(base("two-targets", "linreg", [(x[:, 1:], y2), (xd[:, 1:], yd2),
                                                 (xd[:, 1:], yd2)], k=1,
                      layers=[(2, "identity", None)], loss="mse", regression=True,
                      init=[(np.array([[0.5, 3.0]]), np.array([0.2, 1.0]))], iterations=2,
                      lr=0.05, outputs=2))
    # Classification: a dev split with one class, all-same predictions, tied scores.
    xc = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [0.5, 3.0], [3.0, 2.0], [1.0, 1.0]])
    yc = np.array([0, 0, 1, 1, 1, 0])
    xo = np.array([[1.0, 1.0], [2.0, 2.0], [0.0, 0.0]])
    cases.append(base("one-class-dev", "logreg_binary",
                      [(xc, yc), (xo, np.array([1, 1, 1])), (xo, np.array([0, 0, 0]))]))
    cases.append(base("all-same-predictions", "logreg_binary",
                      [(xc, yc), (xc, yc), (xc, yc)], iterations=0,
                      init=[(np.zeros((2, 1)), np.array([-0.3]))]))
    cases.append(base("tied-scores", "logreg_binary",
                      [(xc, yc), (np.repeat(xo, 2, axis=0), np.array([1, 0, 1, 0, 0, 1])),
                       (np.repeat(xo, 2, axis=0), np.array([1, 1, 0, 0, 1, 0]))],
                      iterations=0, init=[(np.array([[0.5], [-0.25]]), np.array([0.0]))]))
    # A confident wrong prediction: log_loss clips probabilities at ε as scikit-learn does.
    cases.append(base("saturated-log-loss", "logreg_binary",
                      [(xc, yc), (np.array([[40.0, 0.0], [0.0, 0.0]]), np.array([0, 1])),
                       (np.array([[-50.0, 0.0], [1.0, 0.0]]), np.array([1, 1]))],
                      iterations=0, init=[(np.array([[1.0], [0.0]]), np.array([0.0]))]))
    xs = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [0.5, 3.0], [3.0, 2.0], [1.0, 1.0]])
    cases.append(base("saturated-log-loss-softmax", "logreg_softmax",
                      [(xs, np.array([0, 1, 2, 0, 1, 2])),
                       (np.array([[40.0, 0.0], [0.0, 0.0]]), np.array([2, 1])),
                       (np.array([[-50.0, 1.0], [1.0, 0.0]]), np.array([0, 2]))], k=3,
                      layers=[(3, "softmax", None)], loss="cross_entropy", iterations=0,
                      init=[(np.array([[1.0, 0.0, -1.0], [0.0, 0.5, 0.0]]),
                             np.array([0.0, 0.1, 0.0]))]))
    # Tiny: two training rows, one per class.
    cases.append(base("tiny", "logreg_binary",
                      [(np.array([[0.0], [1.0]]), np.array([0, 1])),
                       (np.array([[0.5]]), np.array([1])), (np.array([[0.2]]), np.array([0]))],
                      iterations=5))
    # Three classes, one missing from the test split (macro averages skip it).
    cases.append(base("missing-class", "logreg_softmax",
                      [(xs, np.array([0, 1, 2, 0, 1, 2])), (xs[:3], np.array([0, 1, 1])),
                       (xs[:4], np.array([0, 0, 1, 0]))], k=3,
                      layers=[(3, "softmax", None)], loss="cross_entropy", iterations=4))
    # One-vs-one over four classes: votes tie, scikit-learn's confidences decide.
    xq = np.array([[0.0, 0.0], [1.0, 0.2], [0.1, 1.0], [1.2, 1.1], [0.4, 0.5], [0.9, 0.6],
                   [0.2, 0.3], [0.7, 0.9], [0.6, 0.1], [0.3, 0.8], [1.0, 1.0], [0.5, 0.5]])
    yq = np.array([0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3, 0])
    cases.append(base("ovo-ties", "logreg_ovo", [(xq, yq), (xq, yq), (xq, yq)], k=4,
                      iterations=25, lr=0.5,
                      metrics=["accuracy", "precision", "recall", "f1", "confusion_matrix"]))
    cases.append(base("ovr", "logreg_ovr", [(xq, yq), (xq, yq), (xq[:6], yq[:6])], k=4,
                      iterations=10, lr=0.5))
    return cases


def run_edges(a, work, tally):
    for case in edge_cases():
        ok = checked(tally, f"{case['index']}",
                     lambda: check_trajectory_case(case, a.runner, work, tally))
        print(f"edge {case['index']}: {'ok' if ok else 'FAILED'}", flush=True)


# ----------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--family", default="trajectory")
    ap.add_argument("--runner", default=os.path.join(ROOT, ".build", "debug", "runner"))
    ap.add_argument("--keep", default=None)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    import warnings
    warnings.simplefilter("ignore")
    work = a.keep or tempfile.mkdtemp(prefix="differential-")
    tally = Tally()
    t0 = time.time()
    if a.family in ("trajectory", "all"):
        for i in range(a.start, a.start + a.cases):
            rng = np.random.default_rng([a.seed, i])
            case = trajectory_case(rng, i)
            checked(tally, f"case{i} {case['family']}",
                    lambda: check_trajectory_case(case, a.runner, work, tally, a.verbose))
            if a.verbose:
                print(f"case{i} {case['family']} {case['optimizer']['type']} done", flush=True)
    if a.family in ("optimum", "all"):
        run_optimum(a, work, tally)
    if a.family in ("edge", "all"):
        run_edges(a, work, tally)
    print(f"\n{sum(tally.cases.values())} cases in {time.time() - t0:.0f} s")
    for fam, c in sorted(tally.cases.items()):
        print(f"  {fam}: {c}")
    print("comparisons (count, max deviation):")
    for key in sorted(tally.compared):
        print(f"  {key}: {tally.compared[key]}, {tally.max_dev.get(key, 0.0):.3g}")
    print(f"{len(tally.failures)} failing comparisons")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
