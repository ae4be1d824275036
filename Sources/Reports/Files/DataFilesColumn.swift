/// The columns of `data_files.csv` (`ResultsFile.dataFiles`), in their order: the spec key
/// naming a data file, the file as written there, its size and the SHA-256 of its content.
public enum DataFilesColumn {
  /// The spec key naming the file (`dataset.file`).
  public static let key = "key"
  /// The file as written at `key`.
  public static let file = "file"
  /// The size of its content, in bytes.
  public static let bytes = "bytes"
  /// The SHA-256 of its content.
  public static let sha256 = "sha256"
  /// Every column, in the file's order.
  public static let all = [key, file, bytes, sha256]
}
