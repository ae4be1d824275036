import Foundation

extension SpecDecoder {
  /// `description`: free text copied into the reports; a control character other than a line
  /// break or a tab (a NUL from YAML's `"\0"`) would land as it is in report.md, so it is
  /// refused at the value.
  mutating func description(_ node: SpecNode, _ path: SpecPath) -> String? {
    guard let text = string(node, path) else { return nil }
    let control = text.unicodeScalars.first {
      $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t"
    }
    guard let control else { return text }
    let code = String(format: "U+%04X", control.value)
    return fail(
      node.location,
      "\(path) holds the control character \(code), which reports and listings cannot show",
      note: "remove it (line breaks and tabs are kept as they are)")
  }
}
