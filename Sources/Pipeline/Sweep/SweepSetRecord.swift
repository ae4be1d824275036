import Conventions
import Foundation
import Reports

/// The `--set` overrides a sweep's trial was run with, exactly as given, recorded as the `set`
/// row of its `environment.csv` (a JSON list of strings; outside the byte-identity promise, as
/// the rest of that file): a command repeating the sweep's own (`SweepPlace`) gives them back
/// verbatim, where the folder's name holds them shortened, hashed (a `/`) or not to be told
/// apart (a comma).
enum SweepSetRecord {
  /// The key of the record in `environment.csv`.
  static let key = "set"

  /// Adds `overrides` to the `environment.csv` of trial folder `folder`; nothing when there are
  /// none, or when the folder has no such file (nothing was written).
  static func write(_ overrides: [String], in folder: URL) throws(ResultsFileError) {
    guard !overrides.isEmpty, var environment = RunEnvironment.read(from: folder),
      let data = try? JSONEncoder.slashesAsGiven.encode(overrides),
      let text = String(data: data, encoding: .utf8)
    else { return }
    environment.fields.removeAll { $0.key == key }
    environment.fields.append((key, text))
    try AtomicFile.write(
      environment.table.rendered, to: folder.appendingPathComponent(ResultsFile.environment))
  }

  /// The overrides trial folder `folder` records; nil when it records none (a run without
  /// `--set`, or one made before the record was written).
  static func read(from folder: URL) -> [String]? {
    guard let text = RunEnvironment.read(from: folder)?[key],
      let overrides = try? JSONDecoder().decode([String].self, from: Data(text.utf8)),
      !overrides.isEmpty
    else { return nil }
    return overrides
  }
}

extension JSONEncoder {
  /// An encoder writing `/` as it is (`a/b`, not `a\/b`).
  fileprivate static var slashesAsGiven: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return encoder
  }
}
