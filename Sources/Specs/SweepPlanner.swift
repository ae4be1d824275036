import Conventions
import Foundation

/// One trial of a sweep: the values it sets, its resolved spec and its stable ID.
public struct SweepTrial: Sendable {
  /// One swept key and the value this trial gives it.
  public struct Assignment: Sendable, Equatable {
    /// The swept key path.
    public var path: SpecPath
    /// The value this trial gives it, typed like a `--set` value.
    public var value: SpecValue
  }

  /// Position in the sweep's expansion order (grid: last axis fastest; random: draw order).
  public var index: Int
  /// Stable ID: a hash of the canonical resolved spec without machine-dependent fields
  /// (`output`, absolute data paths); the same trial has the same ID on every machine.
  public var id: String
  /// The value each axis gives this trial, in the axes' written order.
  public var assignments: [Assignment]
  /// The trial's resolved spec (no `sweep`; `seed` derived from the base seed and the ID
  /// unless `seed` is swept; `output` is `<base output>/<id>`).
  public var spec: ExperimentSpec
  /// Where each value of the trial's spec came from (the axis for swept values).
  public var sourceMap: SourceMap
}

/// A sweep expanded into trials, sorted by trial ID.
public struct SweepPlan: Sendable {
  /// The spec with its `sweep` section.
  public var base: LoadedSpec
  /// The trials, sorted by trial ID (at most `SweepPlanner.maxTrials`).
  public var trials: [SweepTrial]
  /// The spec's tree without `sweep`, from which more trials are made (bayes batches).
  var tree: SpecNode? = nil
}

/// Expands `sweep:` into trials.
public enum SweepPlanner {
  /// Most trials a sweep may expand into.
  public static let maxTrials = 100_000

  /// Loads the spec and expands its sweep (a spec without `sweep` gives one trial).
  public static func plan(file: String, options: SpecOptions = .init()) throws(SpecError)
    -> SweepPlan
  {
    let text = try SpecLoader.readText(file)
    return try plan(text: text, file: file, options: options)
  }

  /// Expands the sweep of spec `text`, read from `file` (named in diagnostics).
  public static func plan(text: String, file: String, options: SpecOptions = .init())
    throws(SpecError) -> SweepPlan
  {
    let base = try SpecLoader.load(text: text, file: file, options: options)
    let tree = try SpecLoader.parseTree(text: text, file: file, options: options).withoutSweep
    let sweep = base.spec.sweep ?? SweepSpec()
    var plan = SweepPlan(base: base, trials: [], tree: tree)
    plan.trials = try trials(
      try assignments(sweep, base: base), of: plan, first: 0, options: options)
    return plan
  }

  /// The trials of `combos` (each a value per axis, in the axes' order) of `plan`'s spec,
  /// numbered from `first`, sorted by trial ID, each ID once: bayes adds its batches this way.
  public static func trials(
    _ combos: [[SpecValue]], of plan: SweepPlan, first: Int = 0, options: SpecOptions = .init()
  ) throws(SpecError) -> [SweepTrial] {
    let axes = plan.base.spec.sweep?.axes ?? []
    return try trials(combos.map { Array(zip(axes, $0)) }, of: plan, first: first, options: options)
  }

  private static func trials(
    _ combos: [[(SweepAxis, SpecValue)]], of plan: SweepPlan, first: Int, options: SpecOptions
  ) throws(SpecError) -> [SweepTrial] {
    let (base, file) = (plan.base, plan.base.file)
    guard let tree = plan.tree else { return [] }
    var trials: [SweepTrial] = []
    var seen = Set<String>()
    var diagnostics: [Diagnostic] = []
    for (index, combo) in combos.enumerated() {
      var variant = tree
      for (axis, value) in combo {
        let location = axis.location ?? SourceLocation(source: .file(file), line: 1, column: 1)
        if let problem = variant.set(
          axis.path.components[...], to: SpecNode(value, at: location), keyLocation: location)
        {
          diagnostics.append(Diagnostic(.error, at: location, problem))
        }
      }
      let outcome = SpecLoader.resolve(tree: variant, file: file, options: options)
      let errors = outcome.diagnostics.filter { $0.severity == .error || options.strict }
      guard var spec = outcome.spec, errors.isEmpty else {
        let setting = combo.map { "\($0.0.path)=\(YAMLText.flow($0.1))" }.joined(separator: ", ")
        for var d in errors {
          d.addNote("in the trial \(setting)")
          diagnostics.append(d)
        }
        continue
      }
      var map = outcome.map
      let id = trialID(spec)
      guard seen.insert(id).inserted else { continue }  // e.g. two values rounding to one integer
      if !combo.contains(where: { $0.0.path == SpecPath("seed") }) {
        spec.seed = StableHash.mix(spec.seed ^ StableHash.fnv1a("trial:" + id))
        map.set("seed", .derived("from the spec's seed \(base.spec.seed) and trial \(id)"))
      }
      spec.output = spec.output.hasSuffix("/") ? spec.output + id : spec.output + "/" + id
      map.set("output", .derived("sweep output/\(id)"))
      let assigned = combo.map { SweepTrial.Assignment(path: $0.0.path, value: $0.1) }
      trials.append(
        SweepTrial(
          index: first + index, id: id, assignments: assigned, spec: spec, sourceMap: map))
    }
    if !diagnostics.isEmpty { throw .invalid(Diagnostic.sortedByLocation(diagnostics)) }
    return trials.sorted { $0.id < $1.id }
  }

  /// The stable ID of a resolved spec: 12 hex digits of a hash of its canonical text without
  /// `output` and with absolute data paths reduced to their file names.
  public static func trialID(_ spec: ExperimentSpec) -> String {
    var s = spec
    s.output = ""
    s.sweep = nil
    func strip(_ f: DataFile) -> DataFile {
      var f = f
      if f.file.hasPrefix("/") { f.file = URL(fileURLWithPath: f.file).lastPathComponent }
      if let t = f.targetFile, t.hasPrefix("/") {
        f.targetFile = URL(fileURLWithPath: t).lastPathComponent
      }
      return f
    }
    switch s.dataset.source {
    case .file(let f): s.dataset.source = .file(strip(f))
    case .files(let a, let b, let c):
      s.dataset.source = .files(train: strip(a), dev: b.map(strip), test: c.map(strip))
    default: break
    }
    if case .from(let dir) = s.model.initialization, dir.hasPrefix("/") {
      s.model.initialization = .from(URL(fileURLWithPath: dir).lastPathComponent)
    }
    return String(StableHash.hex(StableHash.fnv1a(SpecWriter.canonical(s))).prefix(12))
  }

  /// The value combinations, in expansion order.
  static func assignments(_ sweep: SweepSpec, base: LoadedSpec) throws(SpecError) -> [[(
    SweepAxis, SpecValue
  )]] {
    if sweep.axes.isEmpty { return [[]] }
    switch sweep.method {
    case .grid, .successiveHalving, .hyperband:
      let lists = sweep.axes.map { values($0) ?? [] }
      let total = lists.reduce(1.0) { $0 * Double($1.count) }
      if total > Double(maxTrials) {
        throw .invalid([
          base.sourceMap.diagnostic(
            .error, at: "sweep",
            "the grid has \(Int(min(total, 1e18))) trials (the limit is \(maxTrials))")
        ])
      }
      var combos: [[(SweepAxis, SpecValue)]] = [[]]
      for (axis, list) in zip(sweep.axes, lists) {
        combos = combos.flatMap { prefix in list.map { prefix + [(axis, $0)] } }
      }
      return combos
    case .random, .bayes:
      // bayes: the startup trials, the first draws of a random sweep with the same seed.
      let count = sweep.method == .bayes ? min(sweep.startup, sweep.trials) : sweep.trials
      return (0..<count).map { t in
        sweep.axes.enumerated().map { a, axis in
          var rng = SplitMix64(
            seed: StableHash.mix(sweep.seed ^ StableHash.mix(UInt64(t) &* 0x1_0000 &+ UInt64(a))))
          return (axis, draw(axis, &rng))
        }
      }
    }
  }

  /// A finite axis's values in order; nil for a continuous axis without `num`.
  static func values(_ axis: SweepAxis) -> [SpecValue]? {
    switch axis.domain {
    case .values(let v): return v
    case .range(let start, let stop, let step, let integer):
      let count = Int(((stop - start) / step + 1e-9).rounded(.down)) + 1
      return (0..<count).map { k in number(start + Double(k) * step, integer: integer) }
    case .uniform(let low, let high, let count, let integer):
      guard let count else { return nil }
      return (0..<count).map { k in
        number(low + (high - low) * Double(k) / Double(count - 1), integer: integer)
      }
    case .logUniform(let low, let high, let count, let integer):
      guard let count else { return nil }
      let a = Foundation.log(low)
      let b = Foundation.log(high)
      return (0..<count).map { k in
        number(Foundation.exp(a + (b - a) * Double(k) / Double(count - 1)), integer: integer)
      }
    }
  }

  /// A random draw from an axis.
  public static func draw(_ axis: SweepAxis, _ rng: inout SplitMix64) -> SpecValue {
    switch axis.domain {
    case .values(let v): return v[Int(rng.next() % UInt64(v.count))]
    case .range(let start, _, let step, let integer):
      let k = rng.next() % UInt64(count(axis) ?? 1)
      return number(start + Double(k) * step, integer: integer)
    case .uniform(let low, let high, _, let integer):
      return number(low + (high - low) * rng.unit(), integer: integer)
    case .logUniform(let low, let high, _, let integer):
      let a = Foundation.log(low)
      let b = Foundation.log(high)
      return number(Foundation.exp(a + (b - a) * rng.unit()), integer: integer)
    }
  }

  /// Values that stand for an axis when validating (list values: all of them; ranges and
  /// continuous axes: their ends).
  static func probeValues(_ axis: SweepAxis, method: SweepSpec.Method) -> [SpecValue] {
    switch axis.domain {
    case .values(let values): return values
    case .range:
      let all = values(axis) ?? []
      return all.count <= 2 ? all : [all[0], all[all.count - 1]]
    case .uniform(let low, let high, _, let integer),
      .logUniform(let low, let high, _, let integer):
      return [number(low, integer: integer), number(high, integer: integer)]
    }
  }

  /// The number of values of a finite axis (nil for a continuous one).
  public static func count(_ axis: SweepAxis) -> Int? {
    switch axis.domain {
    case .values(let v): v.count
    case .range(let start, let stop, let step, _):
      Int(((stop - start) / step + 1e-9).rounded(.down)) + 1
    case .uniform(_, _, let count, _), .logUniform(_, _, let count, _): count
    }
  }

  /// A clean number: 12 significant digits (so 0.1·3 is 0.3), or a rounded integer.
  public static func number(_ value: Double, integer: Bool) -> SpecValue {
    if integer, abs(value) < 9e15 { return .integer(Int(value.rounded())) }
    let cleaned = Double(String(format: "%.12g", value)) ?? value
    return .number(cleaned)
  }
}
