"""Reads our event files back with TensorBoard's EventAccumulator: every scalar equal to
metrics.csv / summary.csv after rounding to float32, at its step; HParams equal to the spec."""

import glob
import os
import sys

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.plugins.hparams import api_pb2, metadata

from results_reader import run_folders, spec_leaves, timeline


def kind_of(text):
    """TensorBoard's HParam kind for a param's text, as the export reads it alone."""
    if text in ("true", "false"):
        return ("bool_value", text == "true")
    try:
        value = float(text)
    except ValueError:
        return ("string_value", text)
    if not np.isfinite(value):
        return ("string_value", text)
    if text.lstrip("+-").isdigit() and abs(value) > 2**53:
        return ("string_value", text)
    return ("number_value", value)


def is_seed(key):
    """`seed`, `*.seed` and `*_seed`: always text (a trial's derived 64-bit seed must be)."""
    last = key.split(".")[-1]
    return last == "seed" or last.endswith("_seed")


def text_keys(runs):
    """Params whose values are numbers (or booleans) in some runs and words in others: text in
    every run of the export, as docs/ecosystem.md says."""
    kinds = {}
    for _, path in runs:
        for key, text in spec_leaves(path).items():
            kinds.setdefault(key, set()).add(kind_of(text)[0])
    return {key for key, found in kinds.items() if len(found) > 1}


def expected_hparam(key, text, textual):
    if key in textual or is_seed(key):
        return ("string_value", text)
    return kind_of(text)


def main(root):
    runs = run_folders(root)
    assert runs, f"no runs under {root}"
    points = 0
    textual = text_keys(runs)
    for name, path in runs:
        files = glob.glob(os.path.join(path, "events.out.tfevents.*.runner"))
        assert len(files) == 1, f"{name}: event files {files}"
        accumulator = EventAccumulator(path, size_guidance={"scalars": 0, "tensors": 0})
        accumulator.Reload()
        series, _ = timeline(path)
        tags = set(accumulator.Tags()["scalars"])
        assert tags == set(series), f"{name}: tags {sorted(tags)} != {sorted(series)}"
        for tag, expected in series.items():
            got = [(e.step, e.value) for e in accumulator.Scalars(tag)]
            want = [(step, float(np.float32(value))) for step, value in expected]
            assert got == want, f"{name} {tag}: {got[:3]}... != {want[:3]}..."
            points += len(got)
        content = accumulator.SummaryMetadata(metadata.SESSION_START_INFO_TAG).plugin_data.content
        start = metadata.parse_session_start_info_plugin_data(content)
        leaves = spec_leaves(path)
        assert set(start.hparams) == set(leaves), f"{name}: hparams {sorted(start.hparams)}"
        for key, text in leaves.items():
            kind, value = expected_hparam(key, text, textual)
            got = start.hparams[key]
            assert got.WhichOneof("kind") == kind and getattr(got, kind) == value, (key, got, text)
        end_content = accumulator.SummaryMetadata(metadata.SESSION_END_INFO_TAG).plugin_data.content
        end = metadata.parse_session_end_info_plugin_data(end_content)
        assert end.status == api_pb2.STATUS_SUCCESS, end
    print(f"EventAccumulator: {len(runs)} runs, {points} scalars equal after float32 rounding, "
          f"hparams and session status as expected")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    main(sys.argv[1])
