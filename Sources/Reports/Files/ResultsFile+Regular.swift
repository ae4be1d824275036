import Conventions

extension ResultsFile {
  /// Why the file at `path` is not read, `is a named pipe (FIFO), not a regular file` for a
  /// pipe, a device, a socket or a directory (through links; `PathEntry.refusal`); nil for a
  /// regular file or nothing there. Only the file's type is looked at, so a pipe or device,
  /// whose reading may block or never end, is never opened.
  public static func irregularity(atPath path: String) -> String? {
    PathEntry.of(path).refusal
  }
}
