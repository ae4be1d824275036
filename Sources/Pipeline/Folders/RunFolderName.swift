import Conventions
import Foundation
import Specs

/// The results folder of a single run (docs/results.md, "Run history"): the spec's `output`
/// under the results root, and for a run with `--set` overrides the same name followed by
/// `@` and its overrides in key order, as Hydra names its runs
/// (`cat@optimizer.learning_rate=0.01`), or as given when one removes a list item (`~a[0]`).
/// The overrides are named as the resolved spec holds them (`LoadedSpec.folderOverrides`): one
/// the spec resolves the same without names nothing, and `0.020` and `2e-2` name the same folder.
/// So the run of the spec as written always lands at the same path (what the regression gate,
/// DVC stages and `git diff` read), and each variant keeps its own folder to compare.
public enum RunFolderName {
  /// The folder for a run of a spec whose `output` is `output`, with `overrides` (`--set`, as
  /// `LoadedSpec.folderOverrides` names them).
  /// An override of `output` itself names the folder outright; one of `name`, when the spec
  /// writes no `output` (`outputFromName`), names it already and is not repeated after `@`.
  public static func folder(
    output: String, overrides: [String], root: URL, outputFromName: Bool = false
  ) -> URL {
    let parsed = overrides.compactMap { try? Override(parsing: $0) }
    let base =
      output.hasPrefix("/")
      ? URL(fileURLWithPath: output, isDirectory: true)
      : root.appendingPathComponent(output, isDirectory: true)
    // Removing `output` names no folder: the run goes to the default one, with its suffix.
    let outright = parsed.contains { $0.path.description == "output" && !$0.removes }
    let named = parsed.filter {
      !(outputFromName && $0.path.description == "name" && !$0.removes)
    }
    guard !named.isEmpty, !outright else { return base.standardizedFileURL }
    // Removing list items shifts the later ones, and a key set or removed around another one
    // given resets what that one refines: their order changes the spec, so they are kept as
    // given, and the name stays a command that gives the spec (`SweepPlace.overrides`).
    let shifting =
      named.contains { override in
        override.removes
          && override.path.components.contains { if case .index = $0 { true } else { false } }
      }
      || named.indices.contains { i in
        named.indices.contains { j in i != j && named[j].path.isWithin(named[i].path) }
      }
    let texts = named.map(\.folderText)
    let suffix = (shifting ? texts : texts.sorted()).joined(separator: ",")
    return base.deletingLastPathComponent().appendingPathComponent(
      name(base.lastPathComponent, overrides: suffix), isDirectory: true
    ).standardizedFileURL
  }

  /// The folder name `base@text` for overrides `text`. `/`, NUL and control characters become
  /// `_`, and the name then ends in a hash of `text` as given, so that `a/b` and `a_b` keep
  /// folders of their own; overrides over 160 bytes are cut to end in that hash. A name still
  /// over `ExperimentSpec.folderNameLimit` bytes (a long `name`) is cut to fit, `base` first
  /// down to the overrides' first 60 bytes, ending in a hash of the whole: its staging folder
  /// must fit the file system too.
  static func name(_ base: String, overrides text: String) -> String {
    let hash = { (text: String) in "-" + String(StableHash.fnv1a(text), radix: 16) }
    let cleaned = String(
      String.UnicodeScalarView(text.unicodeScalars.map { $0 == "/" || $0.value < 0x20 ? "_" : $0 }))
    let suffix =
      cleaned.utf8.count > 160
      ? String(cleaned.prefix(120)) + hash(text) : cleaned == text ? text : cleaned + hash(text)
    let limit = ExperimentSpec.folderNameLimit
    guard base.utf8.count + 1 + suffix.utf8.count > limit else { return base + "@" + suffix }
    let tail = hash(base + "@" + text)
    let room = limit - tail.utf8.count - 1
    let head = prefix(base, bytes: room - min(cleaned.utf8.count, 60))
    return head + "@" + prefix(cleaned, bytes: room - head.utf8.count) + tail
  }

  /// The longest start of `text` of whole characters in at most `bytes` UTF-8 bytes.
  static func prefix(_ text: String, bytes: Int) -> String {
    var kept = ""
    for character in text {
      guard kept.utf8.count + character.utf8.count <= bytes else { break }
      kept.append(character)
    }
    return kept
  }
}
