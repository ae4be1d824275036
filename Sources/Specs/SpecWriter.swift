import Conventions

/// The canonical YAML rendering of a resolved spec: every key with its value (defaults
/// filled), in schema order, with a deterministic number format. Reading it back gives the
/// same `ExperimentSpec`. `explain` adds a comment with each value's origin.
public enum SpecWriter {
  /// The canonical YAML text (what the Pipeline writes beside a run's results).
  public static func canonical(_ spec: ExperimentSpec) -> String {
    render(tree(spec), origins: nil)
  }

  /// 12 hex digits of a stable hash of the canonical text (and `salt`): the same spec gives the
  /// same fingerprint on every machine (trial IDs, a bayes batch's settings).
  public static func fingerprint(_ spec: ExperimentSpec, salt: String = "") -> String {
    fingerprint(spec, salt: salt, writing: []).fingerprint
  }

  /// `fingerprint(spec, salt:)` and `writes(paths, in: spec)` from one canonical tree (a sweep
  /// plan asks both of every trial).
  public static func fingerprint(
    _ spec: ExperimentSpec, salt: String = "", writing paths: [SpecPath]
  )
    -> (fingerprint: String, writes: [Bool])
  {
    let tree = tree(spec)
    let text = render(tree, origins: nil) + salt
    return (String(StableHash.hex(StableHash.fnv1a(text)).prefix(12)), paths.map(tree.holds))
  }

  /// Whether the canonical text of `spec` writes the value at each of `paths` (inside a flow
  /// value counts): false for a key its other values make not apply or change nothing.
  public static func writes(_ paths: [SpecPath], in spec: ExperimentSpec) -> [Bool] {
    let tree = tree(spec)
    return paths.map(tree.holds)
  }

  /// The defaults `spec` applies but its canonical text leaves out (a layer's `dropout: 0`,
  /// `normalization: none`), by key path, each as it would be written (`0.0`, `none`).
  public static func unwrittenDefaults(_ spec: ExperimentSpec) -> [(path: SpecPath, text: String)] {
    tree(spec).unwrittenDefaults
  }

  /// The canonical text with `# origin` comments (default, file:line, or the override).
  public static func explain(_ loaded: LoadedSpec) -> String {
    explain(loaded.spec, sourceMap: loaded.sourceMap)
  }

  /// The canonical text of `spec` with origins from `sourceMap` (e.g. a sweep trial's).
  public static func explain(_ spec: ExperimentSpec, sourceMap: SourceMap) -> String {
    render(tree(spec), origins: sourceMap)
  }

  static func tree(_ spec: ExperimentSpec) -> CanonicalNode {
    var b = CanonicalBuilder(.root)
    b.add(ExperimentSpec.keys, spec)
    // A seed where nothing is random changes nothing, as an inert key does (it is only warned
    // about where written, a habit rather than a mistake).
    let unusedSeed: [SpecPath] = spec.randomDraws.isEmpty ? ["seed"] : []
    // A base error left to the generator's noise floor stays unwritten: 0 would override it.
    let floor: [SpecPath] =
      spec.usesNoiseFloor ? ["report.bias_variance.base_error"] : []
    return b.node.removing(Set(spec.inertKeys.map(\.path) + unusedSeed + floor))
  }

  private static func dataFile(_ f: DataFile, _ b: inout CanonicalBuilder) {
    b.add("file", string: f.file)
    b.add("format", f.format.rawValue)
    if let features = f.features { b.add("features", strings: features) }
    if f.moreTargets.isEmpty, let target = f.target {
      b.add("target", string: target)
    } else if !f.targets.isEmpty {
      b.add("target", strings: f.targets)
    }
    if let targetFile = f.targetFile { b.add("target_file", string: targetFile) }
  }

  static func dataset(_ d: DatasetSpec, _ b: inout CanonicalBuilder) {
    switch d.source {
    case .named(let name): b.add("name", name.rawValue)
    case .generator(let g):
      b.add("generator") { b in
        b.add("type", g.kind.rawValue)
        b.add(GeneratorSpec.keys.filter { GeneratorSpec.keys(for: g.kind).contains($0.name) }, g)
      }
    case .file(let f): dataFile(f, &b)
    case .files(let train, let dev, let test):
      b.add("train") { dataFile(train, &$0) }
      if let dev { b.add("dev") { dataFile(dev, &$0) } }
      if let test { b.add("test") { dataFile(test, &$0) } }
    }
    if let classes = d.classes { b.add("classes", strings: classes) }
    let p = b.path.appending("preprocessing")
    let steps: [CanonicalNode] = d.preprocessing.enumerated().map { i, step in
      var s = CanonicalBuilder(p.appending(index: i))
      guard let write = Schema.steps.first(where: { $0.key == step.key })?.write else {
        return .scalar(step.key, s.path.appending(step.key))
      }
      write(&s, step)
      return s.node
    }
    b.add("preprocessing", node: .list(steps, p, flow: steps.isEmpty))
    b.add("split") { $0.add(SplitSpec.keys, d.split) }
  }
}
