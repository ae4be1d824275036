#!/usr/bin/env python3
"""L-BFGS iteration counts and coefficients of `runner` beside scikit-learn's, in one run.

LogisticRegression(solver="lbfgs", C=1) (scipy's L-BFGS-B: Moré–Thuente line search, maxls 50,
ftol 64ε) on iris (raw and standardized, softmax and one-vs-rest through OneVsRestClassifier,
tol 1e-4, 1e-6, 1e-10), on primer 004's blobs, standardized breast cancer and standardized wine
(softmax); the runner trains the same models from
generated specs (`optimizer: {type: lbfgs, tolerance: tol}`, l2 = 1/(C·m)) with each binary given.

Prints a Markdown table: scikit-learn's n_iter_ (the largest over the one-vs-rest models), each
runner's iteration count, and the largest absolute difference of its coefficients and intercepts
from scikit-learn's. Not needed by `swift test`.

Usage: pip install scikit-learn numpy; swift build; then from the project root
    python3 scripts/reference/engine/lbfgs_iterations_sklearn.py \
        [--runner NAME=PATH ...]   (default: runner=.build/debug/runner)
"""
import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "experiments/data"


def load(name):
    data = np.loadtxt(DATA / name, delimiter=",", skiprows=1)  # numpy reads .gz itself
    return data[:, :-1], data[:, -1].astype(int)


def standardize(x):
    return (x - x.mean(axis=0)) / x.std(axis=0)


def sklearn_fit(x, y, multiclass, tol):
    model = LogisticRegression(C=1.0, tol=tol, max_iter=1000)
    if multiclass == "ovr":
        fitted = OneVsRestClassifier(model).fit(x, y)
        coef = np.vstack([e.coef_ for e in fitted.estimators_])
        intercept = np.concatenate([e.intercept_ for e in fitted.estimators_])
        return max(int(e.n_iter_[0]) for e in fitted.estimators_), coef.T, intercept
    fitted = model.fit(x, y)
    return int(fitted.n_iter_[0]), fitted.coef_.T, fitted.intercept_


def spec(case, tol):
    name, file, multiclass, scaled = case
    features = "[x1, x2]" if file.startswith("blobs") else None
    file = file.removesuffix(".gz")
    lines = [f"name: {name}", "dataset:", f"  file: {file}", "  target: target"]
    if features:
        lines.append(f"  features: {features}")
    if scaled:
        lines += ["  preprocessing:", "    - standardize"]
    rows = {"blobs_primer004.csv": 300, "breast_cancer.csv": 569, "wine.csv": 178}.get(file, 150)
    lines += ["model:", "  type: logreg"]
    if multiclass:
        lines.append(f"  multiclass: {multiclass}")
    lines += [
        f"loss: {'cross_entropy' if multiclass == 'softmax' else 'binary_cross_entropy'}",
        "optimizer:", "  type: lbfgs", "  iterations: 1000", f"  tolerance: {tol!r}",
        "regularization:", f"  l2: {1 / rows!r}", "metrics: [accuracy]", ""]
    return "\n".join(lines)


def run_runner(binary, case, tol, folder):
    path = Path(folder) / f"{case[0]}.yaml"
    path.write_text(spec(case, tol))
    env = dict(os.environ, RUNNER_DATA_PATH=str(DATA), OPENBLAS_CORETYPE="Haswell")
    out = subprocess.run(
        [binary, "run", str(path), "--results-dir", str(Path(folder) / "results"), "--json"],
        capture_output=True, text=True, env=env, cwd=ROOT)
    outcome = json.loads(out.stdout)
    if outcome["status"] != "ok":
        raise SystemExit(f"{binary} {case[0]}: {outcome}")
    params = Path(outcome["directory"]) / "params"
    prefixes = [f"class{k}_" for k in range(3)] if case[2] == "ovr" else [""]  # iris: 3 classes
    weights = np.hstack([np.load(params / f"{p}layer1_weights.npy").reshape(-1, 1) for p in prefixes])
    bias = np.concatenate([np.load(params / f"{p}layer1_bias.npy").ravel() for p in prefixes])
    return outcome["metrics"]["iterations"], outcome["stop_reason"], weights, bias


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runner", action="append", default=[])
    runners = [r.split("=", 1) for r in parser.parse_args().runner] or [
        ["runner", str(ROOT / ".build/debug/runner")]]
    cases = []
    for scaled in (False, True):
        for multiclass in ("softmax", "ovr"):
            for tol in (1e-4, 1e-6, 1e-10):
                tag = "standardized" if scaled else "raw"
                cases.append(((f"iris-{tag}-{multiclass}", "iris.csv", multiclass, scaled), tol))
    for tol in (1e-4, 1e-10):
        cases.append((("blobs", "blobs_primer004.csv", None, False), tol))
    for tol in (1e-4, 1e-10):
        cases.append((("breast-cancer-standardized", "breast_cancer.csv.gz", None, True), tol))
        cases.append((("wine-standardized-softmax", "wine.csv", "softmax", True), tol))

    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}\n")
    header = "| case | tol | scikit-learn | " + " | ".join(
        f"{name} | {name} max abs diff" for name, _ in runners) + " |"
    print(header)
    print("|" + "---|" * (3 + 2 * len(runners)))
    with tempfile.TemporaryDirectory() as folder:
        for case, tol in cases:
            x, y = load(case[1])
            if case[3]:
                x = standardize(x)
            n_iter, coef, intercept = sklearn_fit(x, y, case[2], tol)
            cells = [case[0], f"{tol:g}", str(n_iter)]
            for name, binary in runners:
                iterations, stop, weights, bias = run_runner(binary, case, tol, folder)
                weights = weights.reshape(coef.shape[0], -1)
                diff = max(np.abs(weights - coef).max(), np.abs(bias - intercept).max())
                mark = "" if stop.startswith("converged") else " (not converged)"
                cells += [f"{iterations}{mark}", f"{diff:.1e}"]
            print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
