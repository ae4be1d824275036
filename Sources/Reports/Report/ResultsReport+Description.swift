import Conventions
import Foundation

/// The spec's `description` and the report's title, read back from `spec.resolved.yaml`, the
/// canonical spec every run writes (a sweep folder has none: its first listed trial's
/// description is used, and its folder's name as the title).
extension ResultsReport {
  /// The description of the run in `directory`, or of the first trial of `plan` that has one;
  /// nil when there is none or it is empty.
  static func description(in directory: URL, plan: CSVTable?) -> String? {
    // Plain folder names only: a crafted plan never reads elsewhere.
    let ids = (plan?.column("trial") ?? []).filter(ResultsFile.isPlainFolderName)
    let trials = ids.map { directory.appendingPathComponent($0) }
    for folder in [directory] + trials {
      let url = folder.appendingPathComponent(ResultsFile.resolvedSpec)
      guard let text = try? AtomicFile.read(url) else { continue }
      let description = description(ofResolvedSpec: text)
      return description?.isEmpty == false ? description : nil
    }
    return nil
  }

  /// The title the run gave its report, read back from its `spec.resolved.yaml`: the last
  /// component of `output` (its results folder's name when it ran), so a copy of the folder
  /// rebuilds the same report; nil without one (a sweep folder).
  static func title(in directory: URL) -> String? {
    let url = directory.appendingPathComponent(ResultsFile.resolvedSpec)
    guard let text = try? AtomicFile.read(url),
      let output = scalar("output", ofResolvedSpec: text), !output.isEmpty
    else { return nil }
    let name = URL(fileURLWithPath: "/").appendingPathComponent(output).standardizedFileURL
      .lastPathComponent
    return name == "/" ? nil : name
  }

  /// The top-level `description:` of a canonical spec (`scalar(_:ofResolvedSpec:)`).
  static func description(ofResolvedSpec text: String) -> String? {
    scalar("description", ofResolvedSpec: text)
  }

  /// The top-level `key:` of a canonical spec: a plain scalar, or a double-quoted one with the
  /// escapes the canonical writer uses (`\"`, `\\`, `\n`, `\t`, `\r`, `\uXXXX`).
  static func scalar(_ name: String, ofResolvedSpec text: String) -> String? {
    let key = name + ": "
    guard
      let line = text.split(separator: "\n", omittingEmptySubsequences: false).first(where: {
        $0.hasPrefix(key)
      })
    else { return nil }
    let value = line.dropFirst(key.count)
    guard value.first == "\"" else { return String(value) }
    guard value.count >= 2, value.last == "\"" else { return nil }
    var out = ""
    var scalars = value.dropFirst().dropLast().unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\\" else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalars.next() {
      case "n": out += "\n"
      case "t": out += "\t"
      case "r": out += "\r"
      case "\"": out += "\""
      case "\\": out += "\\"
      case "u":
        var hex = ""
        for _ in 0..<4 { if let h = scalars.next() { hex.unicodeScalars.append(h) } }
        guard let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else {
          return nil
        }
        out.unicodeScalars.append(decoded)
      default: return nil
      }
    }
    return out
  }
}
