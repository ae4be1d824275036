"""Writes the TensorBoard event file fixture the Swift tests compare our export with.

Uses TensorBoard's own protobuf classes, its TensorFlow-free HParams summaries (summary_v2,
as the Keras callback writes them, the trial ID being the run's name) and its TFRecord
writer (tensorboard.summary.writer.record_writer), so the fixture is what TensorBoard itself
writes for these values. Run in a virtualenv with `pip install tensorboard`:

    python scripts/reference/exports/tensorboard_events.py \
        Tests/PipelineTests/Fixtures/tensorboard_events.bin

The values match `TensorBoardExportTests.fixtureRun` (keep them in sync).
"""

import io
import sys

from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.plugins.hparams import api_pb2, metadata, plugin_data_pb2
from tensorboard.plugins.hparams import summary_v2
from tensorboard.summary.writer.record_writer import RecordWriter

WALL_TIME = 1764547200.0  # 2025-12-01T00:00:00Z: the run's started_at
HPARAMS = {
    "optimizer.learning_rate": 0.005,
    "model.type": "logreg",
    "seed": "9365514472884010311",  # past 2^53: kept as text
    "optimizer.iterations": 2000,
    "dataset.split.shuffle": True,
    "metrics": "[accuracy]",
}
# (step, [(tag, value)]): two recorded rows, then the final figures at step 2000.
TIMELINE = [
    (0, [("train_loss", 0.6931471805599465), ("train_accuracy", 0.0)]),
    (100, [("train_loss", 0.5845083636993079), ("train_accuracy", 0.6794258373205742)]),
    (2000, [("train_loss", 0.13560807525911955), ("train_accuracy", 0.9904306220095693),
            ("iterations", 2000.0)]),
]


def serialized(event):
    """The event in protobuf's deterministic form. The HParams content is nested bytes that
    TensorBoard serializes with its map in hash order; it is re-serialized deterministically
    (map entries sorted by key, as the runner writes them; readers take any order)."""
    for value in event.summary.value:
        plugin = value.metadata.plugin_data
        if plugin.plugin_name == metadata.PLUGIN_NAME:
            data = plugin_data_pb2.HParamsPluginData.FromString(plugin.content)
            plugin.content = data.SerializeToString(deterministic=True)
    return event.SerializeToString(deterministic=True)


def main(path):
    buffer = io.BytesIO()
    writer = RecordWriter(buffer)
    writer.write(serialized(event_pb2.Event(wall_time=WALL_TIME, file_version="brain.Event:2")))
    start = summary_v2.hparams_pb(HPARAMS, trial_id="cat", start_time_secs=WALL_TIME)
    writer.write(serialized(event_pb2.Event(wall_time=WALL_TIME, step=0, summary=start)))
    for step, values in TIMELINE:
        summary = summary_pb2.Summary(
            value=[summary_pb2.Summary.Value(tag=t, simple_value=v) for t, v in values])
        writer.write(serialized(event_pb2.Event(wall_time=WALL_TIME, step=step, summary=summary)))
    end_info = plugin_data_pb2.SessionEndInfo(
        status=api_pb2.STATUS_SUCCESS, end_time_secs=WALL_TIME)
    end = summary_v2._summary_pb(
        metadata.SESSION_END_INFO_TAG, plugin_data_pb2.HParamsPluginData(session_end_info=end_info))
    writer.write(serialized(event_pb2.Event(wall_time=WALL_TIME, step=2000, summary=end)))
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


if __name__ == "__main__":
    main(sys.argv[1])
