#!/usr/bin/env python3
"""Golden figures for the bias/variance decomposition, from mlxtend's `bias_variance_decomp`.

Writes two kinds of fixture (small JSON files, committed, so `swift test` never needs Python):

1. Tests/PipelineTests/Fixtures/diabetes_bootstrap_mlxtend.json: diabetes, LinearRegression on
   all 10 features, train = first 353 rows, test = last 89, 200 rounds, random_seed 123, loss mse:
   mlxtend's own bootstrap indices (drawn with np.random.RandomState(123) exactly as mlxtend
   draws them) and mlxtend's three figures. The pipeline's end-to-end test trains on these
   resamples and must match the figures to 1e-6.
2. Tests/ReportsTests/Fixtures/decomposition_*.json: small (rounds x test samples) prediction
   tables captured from mlxtend runs (10 rounds), with mlxtend's figures, for the Reports
   module's decomposition math (mse on diabetes, 0-1 loss on standardized breast cancer).

Usage: pip install mlxtend scikit-learn; python3 scripts/reference/reports/bias_variance_reference.py
[--data DIR]  (DIR defaults to ../shared/datasets beside the project).
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
from mlxtend.evaluate import bias_variance_decomp
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[3]


class Recording:
    """Wraps an estimator and records every prediction table row mlxtend asks for."""

    def __init__(self, make):
        self.make = make
        self.rows = []

    def fit(self, X, y):
        self.model = self.make().fit(X, y)
        return self

    def predict(self, X):
        prediction = self.model.predict(X)
        self.rows.append(prediction.tolist())
        return prediction


def load(path):
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1]


def bootstrap_indices(seed, n_train, rounds):
    # mlxtend's _draw_bootstrap_sample: rng.choice(arange(n), size=n, replace=True) per round.
    rng = np.random.RandomState(seed)
    sample = np.arange(n_train)
    return [rng.choice(sample, size=n_train, replace=True).tolist() for _ in range(rounds)]


def write_json(path, payload, one_line_keys):
    """JSON with each row of the big arrays on one line, so diffs stay readable."""
    parts = []
    for key, value in payload.items():
        if key in one_line_keys:
            rows = ",\n    ".join(json.dumps(row, separators=(",", ":")) for row in value)
            parts.append(f'  "{key}": [\n    {rows}\n  ]')
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def diabetes_fixture(data):
    X, y = load(data / "diabetes.csv")
    X_train, y_train, X_test, y_test = X[:353], y[:353], X[353:], y[353:]
    loss, bias, var = bias_variance_decomp(
        LinearRegression(), X_train, y_train, X_test, y_test, loss="mse", num_rounds=200, random_seed=123)
    indices = bootstrap_indices(123, len(X_train), 200)
    # Check that replaying the indices reproduces mlxtend's figures.
    preds = np.array([LinearRegression().fit(X_train[i], y_train[i]).predict(X_test) for i in indices])
    main = preds.mean(axis=0)
    replay = (((preds - y_test) ** 2).mean(), ((main - y_test) ** 2).mean(), ((main - preds) ** 2).mean())
    assert np.allclose(replay, (loss, bias, var), rtol=1e-12), (replay, (loss, bias, var))
    write_json(ROOT / "Tests/PipelineTests/Fixtures/diabetes_bootstrap_mlxtend.json", {
        "description": "mlxtend 0.25.0 bias_variance_decomp(LinearRegression(), loss='mse', num_rounds=200, "
                       "random_seed=123) on diabetes.csv, all 10 features, train = rows 0..352, test = rows 353..441; "
                       "indices[r] are the training-row indices of bootstrap round r (np.random.RandomState(123).choice)",
        "dataset": "diabetes.csv",
        "train_rows": [0, 353],
        "test_rows": [353, 442],
        "rounds": 200,
        "random_seed": 123,
        "loss": "mse",
        "expected_loss": float(loss),
        "bias_squared": float(bias),
        "variance": float(var),
        "indices": indices,
    }, one_line_keys={"indices"})


def recorded_fixture(name, make, X_train, y_train, X_test, y_test, loss_name, rounds, seed):
    recorder = Recording(make)
    loss, bias, var = bias_variance_decomp(
        recorder, X_train, y_train, X_test, y_test, loss=loss_name, num_rounds=rounds, random_seed=seed)
    cast = int if loss_name == "0-1_loss" else float
    write_json(ROOT / f"Tests/ReportsTests/Fixtures/decomposition_{name}.json", {
        "description": f"predictions of {rounds} mlxtend bootstrap rounds (random_seed {seed}) and mlxtend's figures",
        "loss": loss_name,
        "targets": [cast(v) for v in y_test],
        "expected_loss": float(loss),
        "bias": float(bias),
        "variance": float(var),
        "predictions": [[cast(v) for v in row] for row in recorder.rows],
    }, one_line_keys={"predictions"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    data = parser.parse_args().data
    diabetes_fixture(data)
    X, y = load(data / "diabetes.csv")
    recorded_fixture("mse_diabetes", LinearRegression, X[:353], y[:353], X[353:], y[353:], "mse", 10, 123)
    X, y = load(data / "breast_cancer.csv")
    y = y.astype(np.int64)
    recorded_fixture(
        "01_breast_cancer", lambda: make_pipeline(StandardScaler(), LogisticRegression(C=0.01)),
        X[:455], y[:455], X[455:], y[455:], "0-1_loss", 11, 7)


if __name__ == "__main__":
    main()
