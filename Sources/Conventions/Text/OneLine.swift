import Foundation

extension String {
  /// The text with its line breaks and tabs escaped (`1\n2`), so that a message or table cell
  /// showing it stays on one line.
  public var oneLine: String {
    guard contains(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" }) else {
      return self
    }
    return replacingOccurrences(of: "\r\n", with: "\\r\\n")
      .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
      .replacingOccurrences(of: "\t", with: "\\t")
  }
}

extension String {
  /// The text on one line (`oneLine`) and, past 80 characters, cut to its first 60 with the
  /// length said (`1111…(5000000 characters)`): a message quoting a data cell stays short.
  public var oneLineShort: String {
    let line = oneLine
    guard line.unicodeScalars.count > 80 else { return line }
    return String(line.prefix(60)) + "…(\(count) characters)"
  }
}
