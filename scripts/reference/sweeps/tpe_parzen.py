"""Optuna's TPE Parzen estimators for the Swift `ParzenEstimator` test.

Writes Tests/PipelineTests/Fixtures/tpe_parzen_optuna.json: for uniform, log-uniform,
categorical and stepped (range) axes, the observations and Optuna's log density (`_ParzenEstimator.log_pdf`, the
univariate TPESampler's defaults) at probe points. Run with optuna installed (tested: 5.0.0):
    python scripts/reference/sweeps/tpe_parzen.py
"""

import json
import pathlib

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights

PARAMETERS = _ParzenEstimatorParameters(
    prior_weight=1.0,
    consider_magic_clip=True,
    consider_endpoints=False,
    weights=default_weights,
    multivariate=False,
)

CASES = [
    ("uniform", FloatDistribution(-5.0, 5.0), [1.4, -3.2, 0.3, 4.9, 1.6],
     list(np.linspace(-5.0, 5.0, 11))),
    ("uniform_one", FloatDistribution(-5.0, 5.0), [2.0], [-4.0, 0.0, 2.0, 4.5]),
    ("uniform_none", FloatDistribution(-5.0, 5.0), [], [-4.0, 0.0, 2.0]),
    ("log_uniform", FloatDistribution(0.001, 1.0, log=True), [0.01, 0.02, 0.5, 0.003],
     [0.001, 0.004, 0.01, 0.05, 0.2, 1.0]),
    ("categorical", CategoricalDistribution(["a", "b", "c"]), [2, 2, 0, 1, 2], [0, 1, 2]),
    ("range", IntDistribution(2, 10, step=2), [4, 4, 8, 10], [2, 4, 6, 8, 10]),
    ("range_float", FloatDistribution(0.0, 1.0, step=0.25), [0.25, 1.0], [0.0, 0.5, 1.0]),
]


def main() -> None:
    out = {"optuna": optuna.__version__, "cases": []}
    for name, distribution, observations, points in CASES:
        estimator = _ParzenEstimator(
            {"x": np.asarray(observations, dtype=float)}, {"x": distribution}, PARAMETERS
        )
        log_pdf = estimator.log_pdf({"x": np.asarray(points, dtype=float)})
        out["cases"].append({
            "name": name,
            "observations": observations,
            "points": [float(p) for p in points],
            "log_pdf": [float(v) for v in log_pdf],
        })
    root = pathlib.Path(__file__).resolve().parents[3]
    path = root / "Tests/PipelineTests/Fixtures/tpe_parzen_optuna.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
