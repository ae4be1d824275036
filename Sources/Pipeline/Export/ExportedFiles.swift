/// The files `runner export` adds to a run folder, which are not the run's results: DVC's
/// `summary.json` and TensorBoard's event files. A rerun keeps no history for them, and a merge
/// does not compare them.
enum ExportedFiles {
  /// The prefix of a TensorBoard event file's name (its suffix is `TensorBoardExport.suffix`).
  static let eventPrefix = "events.out.tfevents."

  /// Whether a file named `name` is one `runner export` wrote.
  static func contains(_ name: String) -> Bool {
    name == DVCExport.fileName || isEventFile(name)
  }

  /// Whether `name` is a TensorBoard event file this runner wrote.
  static func isEventFile(_ name: String) -> Bool {
    name.hasPrefix(eventPrefix) && name.hasSuffix(TensorBoardExport.suffix)
  }
}
