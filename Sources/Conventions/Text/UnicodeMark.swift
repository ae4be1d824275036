/// The encodings a text file's byte-order mark names, besides UTF-8 (a spec, a CSV table).
public enum UnicodeMark {
  /// `UTF-32` or `UTF-16` when `head` (the file's first bytes) starts with its byte-order
  /// mark, in either byte order; nil otherwise.
  public static func encoding(of head: [UInt8]) -> String? {
    if head.starts(with: [0xFF, 0xFE, 0, 0]) || head.starts(with: [0, 0, 0xFE, 0xFF]) {
      return "UTF-32"
    }
    if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
    return nil
  }
}
