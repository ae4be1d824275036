/// Where a resolved value came from.
public enum Origin: Sendable, Hashable, CustomStringConvertible {
  /// The schema's default (the key was not written).
  case `default`
  /// Written in the spec file at this location.
  case file(SourceLocation)
  /// Given on the command line with `--set`.
  case override(SourceLocation)
  /// Computed by the runner, e.g. a sweep trial's derived seed; the text says how.
  case derived(String)

  /// The location, when the value was written somewhere.
  public var location: SourceLocation? {
    switch self {
    case .file(let l), .override(let l): l
    case .default, .derived: nil
    }
  }

  /// True when the value was given on the command line.
  public var isOverride: Bool { if case .override = self { true } else { false } }

  /// `default`, `experiments/cat.yaml:35`, `--set optimizer.learning_rate=0.01`, or `derived: ...`.
  public var description: String {
    switch self {
    case .default: "default"
    case .file(let l):
      if case .file(let path) = l.source { "\(path):\(l.line)" } else { "\(l)" }
    case .override(let l): "\(l)"
    case .derived(let how): "derived: \(how)"
    }
  }
}

/// The origin of every resolved value by key path, so later stages (the Pipeline, reports)
/// can point diagnostics at the line that caused them, e.g. a CSV target column that does
/// not exist: `sourceMap.diagnostic(.error, at: "dataset.train.target", "no column 'y' in ...")`.
public struct SourceMap: Sendable, Equatable {
  /// Every resolved key path (leaves and the sections above them) and its origin.
  public var origins: [SpecPath: Origin] {
    own.isEmpty ? shared : shared.merging(own) { _, set in set }
  }
  /// The origins read from the spec: one storage for the sweep trials that read the same
  /// (`shareOrigins`), so that a plan of 100 000 trials holds one copy, not one each.
  private var shared: [SpecPath: Origin]
  /// The origins set after sharing began (a trial's derived seed and output), over `shared`.
  private var own: [SpecPath: Origin] = [:]
  /// Whether `shared` is another map's too: `set` then writes to `own`.
  private(set) var sharing = false
  /// The spec file the values were read from.
  public var file: String
  /// A sweep trial's swept key paths and the values its axes give them (none for a spec that
  /// is no trial), to say a data problem there of the value (`SpecLoader.check`).
  public var swept: [SpecPath: SpecValue] = [:]

  /// A map for `file` holding `origins` (empty by default).
  public init(file: String, origins: [SpecPath: Origin] = [:]) {
    self.file = file
    self.shared = origins
  }

  /// Maps are equal when they give the same origins, file and swept values.
  public static func == (a: SourceMap, b: SourceMap) -> Bool {
    a.file == b.file && a.swept == b.swept && a.origins == b.origins
  }

  /// Records `origin` as where the value at `path` came from.
  public mutating func set(_ path: SpecPath, _ origin: Origin) {
    if sharing { own[path] = origin } else { shared[path] = origin }
  }

  /// Holds the origins in the storage of the first of `candidates` that records the same ones
  /// (later `set`s are then kept apart) and says whether one did: a sweep's trials keep one
  /// copy of what they all read from the spec, not one each.
  public mutating func shareOrigins(with candidates: [SourceMap]) -> Bool {
    guard !sharing, own.isEmpty,
      let twin = candidates.first(where: { !$0.sharing && $0.own.isEmpty && $0.shared == shared })
    else { return false }
    (shared, sharing) = (twin.shared, true)
    return true
  }

  /// The origin recorded at `path` itself (nil when not recorded).
  public func recorded(_ path: SpecPath) -> Origin? {
    own.isEmpty ? shared[path] : own[path] ?? shared[path]
  }

  /// The origin of the value at `path`: recorded, or `.default` when a section containing it
  /// was recorded but the value itself was not written; nil when nothing on the way is known.
  public func origin(of path: SpecPath) -> Origin? {
    let c = path.components
    return recorded(path)
      ?? (c.indices.dropFirst().contains { recorded(SpecPath(Array(c[..<$0]))) != nil }
        ? .default : nil)
  }

  /// The key naming the labels as written (`dataset.target`, `target_file`, the training
  /// file's, or the named dataset or generator); `dataset` when none is.
  public var labelsPath: SpecPath {
    [
      "dataset.target", "dataset.target_file", "dataset.train.target", "dataset.train.target_file",
      "dataset.name", "dataset.generator",
    ].first { origin(of: $0)?.location != nil } ?? "dataset"
  }

  /// The location of the value at `path`; for a defaulted value, the location of the nearest
  /// written section containing it (e.g. `optimizer:`); nil when nothing on the way was written.
  public func location(of path: SpecPath) -> SourceLocation? {
    (0...path.components.count).reversed().lazy.compactMap {
      recorded(SpecPath(Array(path.components.prefix($0))))?.location
    }.first
  }

  /// A diagnostic located at the value of `path` (see `location(of:)`).
  public func diagnostic(
    _ severity: Severity, at path: SpecPath, _ message: String, note: String? = nil,
    fixIt: String? = nil
  ) -> Diagnostic {
    Diagnostic(severity, at: location(of: path), message, note: note, fixIt: fixIt)
  }
}
