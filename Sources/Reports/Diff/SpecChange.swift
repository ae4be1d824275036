import Conventions
import Foundation

/// One key whose value differs between the resolved specs (`spec.resolved.yaml`) of A and B,
/// as `dvc params diff` lists a changed parameter: the first cause to look at when figures
/// differ, and a difference by itself (a spec edit is never a numeric-environment effect).
public struct SpecChange: Sendable, Equatable {
  /// The key path (`optimizer.eps`, `model.layers[0].units`), as `--set` and sweeps name it.
  public var key: String
  /// A's value as the resolved spec writes it; nil when A has no such key.
  public var old: String?
  /// B's value; nil when B has no such key.
  public var new: String?
  /// A's relative paths of the resolved specs where the key changed this way.
  public var files: [String]

  /// Reads a resolved spec as its key paths and values, in the spec's order; throws why when
  /// the file cannot be read as a spec (the reader lives where YAML is parsed, module Pipeline).
  public typealias Reader = @Sendable (URL) throws(Unreadable) -> [(key: String, value: String)]

  /// Why a resolved spec cannot be compared (`not UTF-8 text`, `invalid YAML at line 1, …`):
  /// trouble, as a damaged CSV file is, for a side that cannot say what spec it ran.
  public struct Unreadable: Error, Sendable, Equatable {
    /// The reason, without the path.
    public var reason: String
    /// The trouble `reason`.
    public init(_ reason: String) { self.reason = reason }
  }

  /// Keys left out: `output` names where the results were written, not what ran.
  public static let ignoredKeys: Set<String> = ["output"]

  /// The changes between the resolved specs of each pair (A's relative path, A's file, B's
  /// file), grouped by key and values in first-appearance order; the keys `compares` refuses
  /// for the pair's name left out (`--ignore KEY`; with `--only`, every key not named; the
  /// `seed` of trials paired by swept values, derived from their IDs). A spec that cannot be
  /// read is trouble (`DiffError.unreadable`).
  public static func changes(
    _ pairs: [(name: String, a: URL, b: URL)], reader: Reader,
    compares: (_ name: String, _ key: String) -> Bool = { _, _ in true }
  ) throws(DiffError) -> [SpecChange] {
    var changes: [SpecChange] = []
    var index: [String: Int] = [:]
    func read(_ url: URL) throws(DiffError) -> [(key: String, value: String)] {
      do throws(Unreadable) { return try reader(url) } catch {
        throw .unreadable(path: url.path, reason: error.reason)
      }
    }
    for (name, a, b) in pairs {
      let (old, new) = (try read(a), try read(b))
      let oldValues = Dictionary(old.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
      let newValues = Dictionary(new.map { ($0.key, $0.value) }, uniquingKeysWith: { x, _ in x })
      var seen = Set<String>()
      let keys = (old.map(\.key) + new.map(\.key)).filter { seen.insert($0).inserted }
      for key in keys where !ignoredKeys.contains(key) && compares(name, key) {
        let (x, y) = (oldValues[key], newValues[key])
        guard x != y else { continue }
        let id = [key, x ?? "\u{0}", y ?? "\u{0}"].joined(separator: "\u{1}")
        if let at = index[id] {
          changes[at].files.append(name)
        } else {
          index[id] = changes.count
          changes.append(SpecChange(key: key, old: x, new: y, files: [name]))
        }
      }
    }
    return changes
  }

  /// Whether this is a sweep's own `seed`, which its `sweep.csv` records (not a resolved spec).
  public var isSweepSeed: Bool {
    key == "seed"
      && files.allSatisfy { ($0 as NSString).lastPathComponent == ResultsFile.sweepSettings }
  }

  /// `optimizer.eps 1e-08 -> 1e-07`, an absent side as `(absent)`.
  public var summary: String {
    "\(key) \((old ?? "(absent)").visible) -> \((new ?? "(absent)").visible)"
  }

  /// `{"key", "old", "new", "files"}`, an absent side `null`.
  var json: JSONValue {
    .object([
      ("key", .string(key)), ("old", .optional(old)), ("new", .optional(new)),
      ("files", .array(files.map(JSONValue.string))),
    ])
  }
}
