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
