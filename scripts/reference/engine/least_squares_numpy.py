#!/usr/bin/env python3
"""numpy's least-squares figures for the exact solver's rank test and its minimum-norm refits
(Tests/PipelineTests/LeastSquaresRankTests.swift; tester AI's AI1, AI3, AI9).

Writes Tests/PipelineTests/Fixtures/least_squares_numpy.json (committed, so `swift test` never
needs Python). Every case holds its rows (features, target) and numpy's `lstsq` solution of
`[X 1] w = y` (weights, then the bias), which is well determined in each case:

- units: a population in the millions beside a share in [0, 1] (10 rows; correlation ~0.2):
  solvable, though the share's variance is ~1e-13 of the population's;
- income_rate: 200 rows, income ~ N(0, 20000²) beside a rate ~ U(0, 0.01), target =
  0.001·income + 3000·rate + N(0, 1); also numpy's training MSE (the least-squares optimum a gd
  run is measured against);
- sine10: 45 rows of y = sin x + N(0, 0.1²), x ~ U(0, 2π), features x, x², …, x¹⁰ (the
  polynomial step's columns, unscaled; cond([X 1]) ~1e10);
- breast_cancer_rescaled: experiments/data/breast_cancer.csv.gz, every row, target `target`,
  with column `fractal dimension error` multiplied by 0.1 (rows read by the test, not stored);
- collinear: 30 rows of x1, x2 ~ N(0, 1) and x3 = x1 + 2·x2, with x1 in millions: the solver
  must refuse feature 3 (no numpy figures).

And rare_bootstrap (AI9): 60 rows, x ~ N(0, 1), a 0/1 `flag` with 2 ones among the 40 training
rows, y = x + 2·flag + N(0, 0.3²); mlxtend's bias_variance_decomp(LinearRegression(), train =
first 40, test = last 20, loss mse, 300 rounds, random_seed 1): its bootstrap indices (drawn as
mlxtend draws them) and figures. Rounds that miss both flag rows are rank-deficient: scikit-learn
fits them by minimum norm (flag weight 0).

Usage: pip install numpy mlxtend scikit-learn; python3 scripts/reference/engine/least_squares_numpy.py
"""
import gzip
import json
from pathlib import Path

import mlxtend
import numpy as np
import sklearn
from mlxtend.evaluate import bias_variance_decomp
from sklearn.linear_model import LinearRegression

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "Tests/PipelineTests/Fixtures/least_squares_numpy.json"


def lstsq(x, y):
    design = np.column_stack([x, np.ones(len(x))])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    mse = float(np.mean((design @ solution - y) ** 2))
    return [float(v) for v in solution], mse


def case(x, y, **extra):
    solution, mse = lstsq(x, y)
    return {"x": x.tolist(), "y": y.tolist(), "solution": solution, "mse": mse, **extra}


def main():
    rng = np.random.default_rng(36)
    cases = {}

    population = np.arange(1, 11) * 1e6
    share = np.round(rng.uniform(0, 1, 10), 4)
    x = np.column_stack([population, share])
    y = np.round(2e-6 * population + 5 * share + rng.normal(0, 0.01, 10), 4)
    cases["units"] = case(x, y, names=["population", "share"])

    income = rng.normal(0, 20000, 200)
    rate = rng.uniform(0, 0.01, 200)
    target = 0.001 * income + 3000 * rate + rng.normal(0, 1, 200)
    x = np.column_stack([income, rate])
    cases["income_rate"] = case(x, target, names=["income", "rate"])

    t = rng.uniform(0, 2 * np.pi, 45)
    y = np.sin(t) + rng.normal(0, 0.1, 45)
    x = np.column_stack([t ** d for d in range(1, 11)])
    cases["sine10"] = case(x, y, names=["x"] + [f"x^{d}" for d in range(2, 11)])

    with gzip.open(ROOT / "experiments/data/breast_cancer.csv.gz", "rt") as f:
        header = f.readline().strip().split(",")
        table = np.loadtxt(f, delimiter=",")
    target_column = header.index("target")
    features = [h for h in header if h != "target"]
    x = table[:, [header.index(h) for h in features]]
    rescaled = features.index("fractal dimension error")
    x[:, rescaled] *= 0.1
    solution, mse = lstsq(x, table[:, target_column])
    cases["breast_cancer_rescaled"] = {
        "column": "fractal dimension error", "factor": 0.1, "solution": solution, "mse": mse}

    x1 = rng.normal(0, 1, 30) * 1e6
    x2 = rng.normal(0, 1, 30)
    x = np.column_stack([x1, x2, x1 + 2 * x2])
    y = x1 * 1e-6 + x2 + rng.normal(0, 0.1, 30)
    cases["collinear"] = {"x": x.tolist(), "y": y.tolist(), "refused_feature": 3}

    x = rng.normal(0, 1, 60)
    flag = np.zeros(60)
    flag[[7, 23, 45, 52]] = 1
    y = x + 2 * flag + rng.normal(0, 0.3, 60)
    features = np.column_stack([x, flag])
    train, test = slice(0, 40), slice(40, 60)
    indices_rng = np.random.RandomState(1)
    indices = [indices_rng.choice(np.arange(40), size=40, replace=True).tolist()
               for _ in range(300)]
    loss, bias, variance = bias_variance_decomp(
        LinearRegression(), features[train], y[train], features[test], y[test], loss="mse",
        num_rounds=300, random_seed=1)
    deficient = sum(1 for rows in indices if flag[rows].sum() == 0)
    cases["rare_bootstrap"] = {
        "x": features.tolist(), "y": y.tolist(), "train_rows": 40, "indices": indices,
        "expected_loss": float(loss), "bias_squared": float(bias), "variance": float(variance),
        "rank_deficient_rounds": deficient}

    payload = {"generated_by": "scripts/reference/engine/least_squares_numpy.py",
               "numpy": np.__version__, "scikit-learn": sklearn.__version__,
               "mlxtend": mlxtend.__version__, "cases": cases}
    text = json.dumps(payload, indent=1)
    OUT.write_text(text + "\n")
    print(f"wrote {OUT}")
    for name, c in cases.items():
        print(name, {k: v for k, v in c.items() if k not in ("x", "y", "indices")})


if __name__ == "__main__":
    main()
