import Conventions
import Foundation
import Specs

/// Expands `sweep:` into trials.
public enum SweepPlanner {
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
    let tree = try SpecLoader.trialTree(text: text, file: file, options: options)
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
    let base = plan.base
    guard let tree = plan.tree else { return [] }
    let resolved = try SpecLoader.resolve(tree, combos: combos, file: base.file, options: options)
    var trials: [SweepTrial] = []
    var seen = Set<String>()
    for (index, (combo, result)) in zip(combos, resolved).enumerated() {
      guard var (spec, map) = result else { continue }
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
    return SpecWriter.fingerprint(s)
  }
}
