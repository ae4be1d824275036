import Conventions
import Foundation
import Specs

/// The results folder of a single run (docs/results.md, "Run history"): the spec's `output`
/// under the results root, and for a run with `--set` overrides the same name followed by
/// `@` and its overrides in key order, as Hydra names its runs
/// (`cat@optimizer.learning_rate=0.01`), or as given when one removes a list item (`~a[0]`).
/// So the run of the spec as written always lands at the same path (what the regression gate,
/// DVC stages and `git diff` read), and each variant keeps its own folder to compare.
public enum RunFolderName {
  /// The folder for a run of a spec whose `output` is `output`, with `overrides` (`--set`).
  /// An override of `output` itself names the folder outright.
  public static func folder(output: String, overrides: [String], root: URL) -> URL {
    let parsed = overrides.compactMap { try? Override(parsing: $0) }
    let base =
      output.hasPrefix("/")
      ? URL(fileURLWithPath: output, isDirectory: true)
      : root.appendingPathComponent(output, isDirectory: true)
    // Removing `output` names no folder: the run goes to the default one, with its suffix.
    let named = parsed.filter { $0.path.description != "output" || $0.removes }
    guard !named.isEmpty, named.count == parsed.count else { return base.standardizedFileURL }
    // Removing list items shifts the later ones, so their order changes the spec: kept as given.
    let shifting = named.contains { override in
      override.removes
        && override.path.components.contains { if case .index = $0 { true } else { false } }
    }
    let texts = named.map(\.folderText)
    let suffix = (shifting ? texts : texts.sorted()).joined(separator: ",")
    return base.deletingLastPathComponent().appendingPathComponent(
      base.lastPathComponent + "@" + safe(suffix), isDirectory: true
    ).standardizedFileURL
  }

  /// `text` as part of one folder name: `/`, NUL and control characters become `_`, and a
  /// name too long for the file system ends in a hash of the whole text instead.
  static func safe(_ text: String) -> String {
    let cleaned = String(
      text.unicodeScalars.map { $0 == "/" || $0.value < 0x20 ? "_" : Character($0) })
    guard cleaned.utf8.count > 160 else { return cleaned }
    return String(cleaned.prefix(120)) + "-" + String(StableHash.fnv1a(text), radix: 16)
  }
}
