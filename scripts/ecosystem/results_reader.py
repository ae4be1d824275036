"""Reads a runner results folder the way the exports should present it, independently of the
Swift code: run folders, the resolved spec's leaves, the metric timeline (metrics.csv rows,
then summary.csv's final figures at the step after training). Used by check_*.py."""

import csv
import os

import yaml

SPLITS = ("train_", "train_dev_", "dev_", "test_")
NOT_PARAMS = {"version", "name", "description", "output"}


def run_folders(root):
    """(name, path) of every run under root: runs directly inside, and sweep trials."""
    found = []
    for entry in sorted(os.listdir(root)):
        path = os.path.join(root, entry)
        if entry.startswith(".") or not os.path.isdir(path):
            continue
        if is_run(path):
            found.append((entry, path))
        elif os.path.exists(os.path.join(path, "plan.csv")):
            for trial in sorted(os.listdir(path)):
                if not trial.startswith(".") and is_run(os.path.join(path, trial)):
                    found.append((f"{entry}/{trial}", os.path.join(path, trial)))
    return found


def is_run(path):
    return all(os.path.exists(os.path.join(path, f)) for f in ("spec.resolved.yaml", "summary.csv"))


def spec_leaves(path):
    """The resolved spec's scalar leaves by key path, as written (yaml.compose keeps the text)."""
    with open(os.path.join(path, "spec.resolved.yaml")) as f:
        root = yaml.compose(f)
    leaves = {}

    def visit(node, prefix):
        if isinstance(node, yaml.ScalarNode):
            leaves[prefix] = node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                visit(value, f"{prefix}.{key.value}" if prefix else key.value)
        elif all(isinstance(item, yaml.ScalarNode) for item in node.value):
            leaves[prefix] = "[" + ", ".join(item.value for item in node.value) + "]"
        else:
            for index, item in enumerate(node.value):
                visit(item, f"{prefix}[{index}]")

    visit(root, "")
    return {k: v for k, v in leaves.items() if k not in NOT_PARAMS}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def timeline(path):
    """{metric: [(step, value)]}: metrics.csv, then the final figures of summary.csv."""
    series = {}
    steps = []
    step_column = "iteration"
    metrics = os.path.join(path, "metrics.csv")
    if os.path.exists(metrics):
        with open(metrics, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            step_column = header[0]
            for row in reader:
                step = int(row[0])
                steps.append(step)
                for column, text in zip(header[1:], row[1:]):
                    if number(text) is not None:
                        series.setdefault(column, []).append((step, float(text)))
    finals = final_figures(path)
    leaves = spec_leaves(path)
    last = steps[-1] if steps else None
    stop = final_texts(path).get("stop_reason")
    if step_column == "epoch":
        budget = int(leaves["optimizer.epochs"]) if stop == "completed" else None
    else:
        budget = int(finals["iterations"]) if "iterations" in finals else None
    final_step = max(last or 0, budget if budget is not None else (last if last is not None else -1) + 1)
    for name, value in finals.items():
        points = series.setdefault(name, [])
        if points and points[-1][0] == final_step:
            points[-1] = (final_step, value)
        else:
            points.append((final_step, value))
    return series, final_step


def _summary(path):
    with open(os.path.join(path, "summary.csv"), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        row = next(reader)
    first = next((i for i, c in enumerate(header) if c.startswith(SPLITS)), None)
    if first is None:
        first = header.index("iterations") if "iterations" in header else len(header)
    return list(zip(header, row))[first:]


def final_figures(path):
    return {c: float(t) for c, t in _summary(path) if t and number(t) is not None}


def final_texts(path):
    return {c: t for c, t in _summary(path) if t and number(t) is None}
