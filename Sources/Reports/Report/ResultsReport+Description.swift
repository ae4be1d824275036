import Conventions
import Foundation

/// The spec's `description` and the report's title, read back from `spec.resolved.yaml`, the
/// canonical spec every run writes (a sweep folder has none: its first listed trial's is read).
extension ResultsReport {
  /// The text of the run's `spec.resolved.yaml` in `directory`, else of the first trial of
  /// `plan` that has one, in the sweep's folder or a rung's (`rung-0/<id>`,
  /// `bracket-2/rung-0/<id>`), with whether it is a trial's; nil when there is none.
  static func resolvedSpec(in directory: URL, plan: CSVTable?) -> (text: String, ofTrial: Bool)? {
    if let text = try? AtomicFile.read(directory.appendingPathComponent(ResultsFile.resolvedSpec)) {
      return (text, false)
    }
    // Plain folder names only: a crafted plan never reads elsewhere.
    let ids = (plan?.column("trial") ?? []).filter(ResultsFile.isPlainFolderName)
    guard !ids.isEmpty else { return nil }
    func adaptiveFolders(in folder: URL) -> [URL] {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      return names.sorted().filter(AdaptiveSweep.isRungOrBracketFolder).map {
        folder.appendingPathComponent($0)
      }
    }
    let rungs = adaptiveFolders(in: directory)
    let folders = [directory] + rungs + rungs.flatMap(adaptiveFolders)
    for id in ids {
      for folder in folders {
        let url = folder.appendingPathComponent(id).appendingPathComponent(ResultsFile.resolvedSpec)
        if let text = try? AtomicFile.read(url) { return (text, true) }
      }
    }
    return nil
  }

  /// The description of the run in `directory`, or of the first trial of `plan` that has one;
  /// nil when there is none or it is empty.
  static func description(in directory: URL, plan: CSVTable?) -> String? {
    let text = resolvedSpec(in: directory, plan: plan).flatMap {
      Self.description(ofResolvedSpec: $0.text)
    }
    return text?.isEmpty == false ? text : nil
  }

  /// The title the run gave its report: the last component of `output` in its
  /// `spec.resolved.yaml` (its results folder's name when it ran), or for a sweep the folder its
  /// trials' `output` names (`moons-grid/1c13812e39c5` → `moons-grid`), so a copy or a merge
  /// of the folder rebuilds the same report; nil when no resolved spec is found.
  static func title(in directory: URL, plan: CSVTable?) -> String? {
    guard let (text, ofTrial) = resolvedSpec(in: directory, plan: plan),
      let output = scalar("output", ofResolvedSpec: text), !output.isEmpty
    else { return nil }
    var url = URL(fileURLWithPath: "/").appendingPathComponent(output).standardizedFileURL
    if ofTrial { url = url.deletingLastPathComponent() }
    return url.path == "/" ? nil : url.lastPathComponent
  }

  /// The top-level `description:` of a canonical spec (`scalar(_:ofResolvedSpec:)`).
  static func description(ofResolvedSpec text: String) -> String? {
    scalar("description", ofResolvedSpec: text)
  }

  /// The top-level `key:` of a canonical spec: a plain scalar, or a double-quoted one with the
  /// escapes the canonical writer uses (`\"`, `\\`, `\n`, `\t`, `\r`, `\uXXXX`).
  public static func scalar(_ name: String, ofResolvedSpec text: String) -> String? {
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
