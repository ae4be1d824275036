import Conventions
import Foundation

/// Why two files whose values all agree still differ byte for byte, for the gate's
/// `bytes differ` line: other line ends (a checkout converting them), or cells that spell one
/// value two ways (`1.0` and `1.00`, a baseline saved by hand or by a spreadsheet).
enum GateByteReason {
  /// The reason, or nil when none of these explains it.
  static func of(_ baseline: Data, _ fresh: Data) -> String? {
    let (old, new) = (
      String(decoding: baseline, as: UTF8.self), String(decoding: fresh, as: UTF8.self)
    )
    let crlf = (old.contains("\r\n"), new.contains("\r\n"))
    if crlf.0 != crlf.1 {
      let (a, b) = crlf.0 ? ("CRLF", "LF") : ("LF", "CRLF")
      return "line ends are \(a) in the baseline, \(b) in this run (a checkout converting line "
        + "ends, git's core.autocrlf? the repository's .gitattributes marks results/ -text; "
        + "check the baseline out again)"
    }
    guard let a = try? CSVTable(parsing: old), let b = try? CSVTable(parsing: new),
      a.header == b.header, a.rows.count == b.rows.count
    else { return nil }
    for (row, (x, y)) in zip(a.rows, b.rows).enumerated() {
      for (column, (u, v)) in zip(a.header, zip(x, y)) where u != v {
        return "row \(row + 1) \(column) is '\(u)' in the baseline and '\(v)' in this run, one "
          + "value spelt two ways (a file saved by hand or by a spreadsheet? check the baseline "
          + "out again, or record it again)"
      }
    }
    return nil
  }
}
