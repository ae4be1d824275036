#!/usr/bin/env python3
"""Python peers of `bench halving` (docs/benchmarks.md): the same 81-configuration MLP search on
the digits split the runner uses, by Optuna's TPE with its SuccessiveHalvingPruner and by
scikit-learn's HalvingGridSearchCV, both training scikit-learn's MLPClassifier (ReLU, Adam,
softmax cross-entropy, Glorot-uniform weights: the runner's model).

The data comes from the bench command: train.csv, dev.csv and test.csv in --data (the runner's
split after its preprocessing; the features then the class index in the last column). The space is
a JSON object {"learning_rate": [...], "units": [...], "l2": [...], "batch_size": [...]}.

L2: the runner minimises mean loss + (l2/2)·‖W‖², scikit-learn adds alpha·W/batch to each
mini-batch's gradient, so alpha = l2 · batch_size.

Prints one JSON object: {"python": ..., "peers": [{"name", "available", "reason" | figures}]}.
Each peer's figures: best (its configuration), dev_accuracy, test_accuracy (the configuration
trained on train for the largest budget), epochs (trained during the search), seconds, trials.
"""
import argparse
import json
import platform
import sys
import time
import warnings


def load(path, np):
    table = np.loadtxt(path, delimiter=",", dtype=np.float64, ndmin=2)
    return table[:, :-1], table[:, -1].astype(np.int64)


def model(config, epochs, seed):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=(int(config["units"]),), activation="relu", solver="adam",
        alpha=config["l2"] * config["batch_size"], batch_size=int(config["batch_size"]),
        learning_rate_init=config["learning_rate"], max_iter=epochs, shuffle=True,
        random_state=seed, tol=0.0, n_iter_no_change=10**9, early_stopping=False)


def optuna_peer(a, space, data):
    """TPE over the categorical space; each trial trains epoch by epoch (partial_fit), reports the
    dev accuracy and is pruned by the successive-halving pruner (rungs min, min·eta, …); trials
    are started until the search has trained --budget-epochs epochs."""
    import numpy as np
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    (x, y), (xd, yd), (xt, yt) = data
    classes = np.arange(10)
    epochs = {"total": 0}
    finished = {}
    start = time.perf_counter()

    def objective(trial):
        config = {k: trial.suggest_categorical(k, v) for k, v in space.items()}
        clf = model(config, 1, a.seed + trial.number)
        accuracy = 0.0
        for epoch in range(1, a.max + 1):
            clf.partial_fit(x, y, classes=classes)
            epochs["total"] += 1
            accuracy = clf.score(xd, yd)
            trial.report(accuracy, epoch)
            if epoch < a.max and trial.should_prune():
                raise optuna.TrialPruned()
        finished[trial.number] = (config, accuracy, clf.score(xt, yt))
        return accuracy

    def stop(study, _):
        if epochs["total"] >= a.budget_epochs:
            study.stop()

    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=a.seed),
        pruner=optuna.pruners.SuccessiveHalvingPruner(
            min_resource=a.min, reduction_factor=a.eta, min_early_stopping_rate=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        study.optimize(objective, n_trials=10_000, callbacks=[stop])
    seconds = time.perf_counter() - start
    best = study.best_trial.number
    config, dev, test = finished[best]
    return {
        "name": "Optuna TPE + SuccessiveHalvingPruner", "version": optuna.__version__,
        "available": True, "best": config, "dev_accuracy": dev, "test_accuracy": test,
        "epochs": epochs["total"], "seconds": seconds, "trials": len(study.trials),
        "complete": len(finished)}


def halving_grid_peer(a, space, data):
    """HalvingGridSearchCV over the 81 configurations, resource max_iter from min to max by
    factor eta, scored on the dev split only (PredefinedSplit: one fit on train per candidate and
    rung, each a restart). The chosen configuration is then trained on train for max epochs
    (the same fit as its last rung's, same seed) for its test accuracy."""
    import numpy as np
    import sklearn
    from sklearn.experimental import enable_halving_search_cv  # noqa: F401
    from sklearn.model_selection import HalvingGridSearchCV, PredefinedSplit

    (x, y), (xd, yd), (xt, yt) = data
    grids = [
        {"hidden_layer_sizes": [(int(u),) for u in space["units"]],
         "learning_rate_init": list(space["learning_rate"]), "batch_size": [int(b)],
         "alpha": [l2 * b for l2 in space["l2"]]}
        for b in space["batch_size"]]
    xa = np.vstack([x, xd])
    ya = np.concatenate([y, yd])
    fold = PredefinedSplit(np.concatenate([np.full(len(y), -1), np.zeros(len(yd), dtype=int)]))
    search = HalvingGridSearchCV(
        model({"units": 1, "l2": 0, "batch_size": 1, "learning_rate": 0.001}, a.max, a.seed),
        grids, resource="max_iter", min_resources=a.min, max_resources=a.max, factor=a.eta,
        cv=fold, scoring="accuracy", refit=False, n_jobs=a.jobs)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        search.fit(xa, ya)
    seconds = time.perf_counter() - start
    p = search.best_params_
    config = {
        "learning_rate": p["learning_rate_init"], "units": p["hidden_layer_sizes"][0],
        "l2": p["alpha"] / p["batch_size"], "batch_size": p["batch_size"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = model(config, a.max, a.seed).fit(x, y)
    epochs = sum(int(n) * int(r) for n, r in zip(search.n_candidates_, search.n_resources_))
    return {
        "name": "scikit-learn HalvingGridSearchCV", "version": sklearn.__version__,
        "available": True, "best": config, "dev_accuracy": float(search.best_score_),
        "test_accuracy": clf.score(xt, yt), "epochs": epochs, "seconds": seconds,
        "trials": int(search.n_candidates_[0]),
        "rungs": [[int(n), int(r)] for n, r in zip(search.n_candidates_, search.n_resources_)]}


PEERS = {"optuna": ("Optuna TPE + SuccessiveHalvingPruner", optuna_peer),
         "halving_grid": ("scikit-learn HalvingGridSearchCV", halving_grid_peer)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--space", required=True, help="JSON object of the axes' values")
    p.add_argument("--min", type=int, default=1)
    p.add_argument("--max", type=int, default=27)
    p.add_argument("--eta", type=int, default=3)
    p.add_argument("--budget-epochs", type=int, default=324, help="Optuna's epoch budget")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--peers", default="optuna,halving_grid")
    a = p.parse_args()
    space = json.loads(a.space)
    out = {"python": platform.python_version(), "peers": []}
    try:
        import numpy as np

        data = [load(f"{a.data}/{part}.csv", np) for part in ("train", "dev", "test")]
    except ImportError as error:
        data = None
        reason = f"numpy missing ({error})"
    for key in a.peers.split(","):
        name, run = PEERS[key]
        if data is None:
            out["peers"].append({"name": name, "available": False, "reason": reason})
            continue
        try:
            out["peers"].append(run(a, space, data))
        except ImportError as error:
            out["peers"].append({"name": name, "available": False, "reason": str(error)})
        except Exception as error:  # a peer that breaks is reported, the others still run
            out["peers"].append(
                {"name": name, "available": False, "reason": f"{type(error).__name__}: {error}"})
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
