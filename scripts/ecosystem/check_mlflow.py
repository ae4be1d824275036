"""Reads the exported runs back through MLflow's client: params and final metrics exactly,
the metric history at every step exactly, the artifacts byte for byte, status FINISHED."""

import os
import sys

import mlflow
from mlflow.tracking import MlflowClient

from results_reader import run_folders, spec_leaves, timeline, final_figures


def artifact_paths(client, run_id, path=None):
    paths = []
    for item in client.list_artifacts(run_id, path):
        paths += artifact_paths(client, run_id, item.path) if item.is_dir else [item.path]
    return paths


def local_files(path):
    files = []
    for directory, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [os.path.relpath(os.path.join(directory, n), path) for n in names
                  if not n.startswith(".")]
    return sorted(files)


def main(root):
    client = MlflowClient()
    runs = mlflow.search_runs(search_all_experiments=True)
    counts = {"params": 0, "metrics": 0, "history": 0, "artifacts": 0}
    folders = run_folders(root)
    for name, path in folders:
        rows = runs[runs["tags.runner.folder"] == name]
        assert len(rows) == 1, f"{name}: {len(rows)} MLflow runs"
        row = rows.iloc[0]
        assert row["status"] == "FINISHED", row["status"]
        if "/" in name:  # a sweep trial: nested under the sweep's run
            parent = runs[runs["tags.runner.folder"] == name.rsplit("/", 1)[0]]
            assert len(parent) == 1 and row["tags.mlflow.parentRunId"] == parent.iloc[0].run_id
            counts["nested"] = counts.get("nested", 0) + 1
        for key, text in spec_leaves(path).items():
            key = key.replace("[", ".").replace("]", "")
            assert row[f"params.{key}"] == text, (name, key, row[f"params.{key}"], text)
            counts["params"] += 1
        for key, value in final_figures(path).items():
            assert row[f"metrics.{key}"] == value, (name, key, row[f"metrics.{key}"], value)
            counts["metrics"] += 1
        series, _ = timeline(path)
        for key, expected in series.items():
            history = sorted((m.step, m.value) for m in client.get_metric_history(row.run_id, key))
            assert history == expected, (name, key, history[:3], expected[:3])
            counts["history"] += len(history)
        files = local_files(path)
        assert sorted(artifact_paths(client, row.run_id)) == files, (name, files)
        for file in files:
            local = mlflow.artifacts.download_artifacts(run_id=row.run_id, artifact_path=file)
            with open(local, "rb") as a, open(os.path.join(path, file), "rb") as b:
                assert a.read() == b.read(), (name, file)
            counts["artifacts"] += 1
    print(f"mlflow.search_runs: {len(folders)} runs; {counts['params']} params and "
          f"{counts['metrics']} final metrics exactly equal; {counts['history']} history points "
          f"equal at their steps; {counts['artifacts']} artifacts byte-identical; "
          f"{counts.get('nested', 0)} sweep trials nested under their sweep's run")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    main(sys.argv[1])
