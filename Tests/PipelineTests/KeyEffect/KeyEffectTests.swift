import Conventions
import Foundation
import Pipeline
import Reports
import Specs
import Testing
import Yams

/// Every value key of the schema changes what a run produces: a spec with a non-default value
/// gives different result files (metrics, parameters, analysis tables) than the same spec
/// without it. A key that is decoded and stored but never read fails here.
///
/// The keys come from `Schema.keys` (every key without children); the value is the key's
/// schema example unless `KeyEffectContexts.alternatives` gives one that fits the small
/// problems. Only `KeyEffectContexts.exempt` is skipped, each entry with its reason.
@Suite struct KeyEffectTests {
  @Test func everyValueKeyChangesTheResults() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try KeyEffectContexts.writeDataFiles(in: directory)
    let contexts = try KeyEffectContexts.specs.map { try #require(try Yams.compose(yaml: $0)) }
    var runner = ResultRunner(directory: directory)
    var bases: [Int: Fingerprint] = [:]
    for key in Self.valueKeys where KeyEffectContexts.exempt[key.path] == nil {
      let edit = try #require(Self.edit(for: key), "\(key.path): no value to try")
      var tried: [String] = []
      var shown = false
      for (index, context) in contexts.enumerated() {
        guard let variant = edit.apply(to: context) else { continue }
        guard let base = try bases[index] ?? runner.run(context) else {
          Issue.record("context \(index + 1) does not run: \(runner.lastError)")
          bases[index] = Fingerprint()
          continue
        }
        bases[index] = base
        guard let changed = try runner.run(variant) else {
          tried.append("context \(index + 1): \(runner.lastError)")
          continue
        }
        if changed != base {
          shown = true
          break
        }
        tried.append("context \(index + 1): same results")
      }
      #expect(
        shown,
        "\(key.path) = \(edit.valueText) changes no result file (\(tried.joined(separator: "; ")))"
      )
    }
  }

  /// The converse: a key the spec shows to change nothing (the canonical spec leaves it out) is
  /// refused, and set anyway in a variant (as a sweep trial or curve point may) it changes no
  /// result file.
  @Test func inertKeysChangeNothing() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var runner = ResultRunner(directory: directory)
    for (text, edits) in KeyEffectContexts.inert {
      let context = try #require(try Yams.compose(yaml: text))
      let base = try #require(try runner.run(context), "\(runner.lastError)")
      for (path, value) in edits {
        let variant = try #require(
          KeyEdit(path: path, valueText: value, appends: false).apply(to: context))
        #expect(try runner.run(variant) == nil, "\(path) = \(value) is accepted")
        #expect(
          try runner.run(variant, variant: true) == base, "\(path) = \(value) changes results")
      }
    }
  }

  /// `everyValueKeyChangesTheResults` stops at the first context `x_range` changes; here it
  /// changes the results of every generator that takes it (linear once ignored it).
  @Test func xRangeChangesEveryGeneratorThatTakesIt() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var runner = ResultRunner(directory: directory)
    let edit = KeyEdit(path: "dataset.generator.x_range", valueText: "[2, 3]", appends: false)
    for kind in GeneratorSpec.Kind.allCases where GeneratorSpec.keys(for: kind).contains("x_range")
    {
      let text =
        "dataset: {generator: {type: \(kind.rawValue), samples: 20}}\nmodel: {type: linreg}"
      let context = try #require(try Yams.compose(yaml: text))
      let base = try #require(try runner.run(context), "\(kind.rawValue): \(runner.lastError)")
      let variant = try #require(edit.apply(to: context))
      let changed = try #require(try runner.run(variant), "\(kind.rawValue): \(runner.lastError)")
      #expect(changed != base, "x_range changes no result of \(kind.rawValue)")
    }
  }

  /// `everyValueKeyChangesTheResults` stops at the first context a key changes, so a key several
  /// variants declare (the optimizers' `weight_decay`, `eps`, `beta1`; the schedules' `gamma`,
  /// `step_size`) is proven once, by the first variant that reads it. Here every variant of
  /// every declared concept (`KeyEffectContexts.declaredVariants`) runs with each of its own
  /// keys, so a new optimizer or schedule that reads one of them from nowhere fails.
  @Test(arguments: KeyEffectContexts.declaredVariants)
  func everyDeclaredKeyChangesItsOwnVariant(_ variant: DeclaredVariant) throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var runner = ResultRunner(directory: directory)
    let context = try #require(try Yams.compose(yaml: variant.context))
    let base = try #require(try runner.run(context), "\(variant.name): \(runner.lastError)")
    for edit in variant.edits {
      let label = "\(variant.name): \(edit.path) = \(edit.valueText)"
      let edited = try #require(edit.apply(to: context), "\(label)")
      let changed = try #require(try runner.run(edited), "\(label): \(runner.lastError)")
      #expect(changed != base, "\(label) changes no result")
    }
  }

  /// The exempt keys are real value keys (a stale entry is an error).
  @Test func exemptKeysExist() {
    let paths = Set(Self.valueKeys.map(\.path))
    #expect(Set(KeyEffectContexts.exempt.keys).subtracting(paths).sorted() == [])
    #expect(Set(KeyEffectContexts.alternatives.keys).subtracting(paths).sorted() == [])
  }

  /// Schema keys with no key below them.
  static let valueKeys: [SchemaKey] = Schema.keys.filter { key in
    !Schema.keys.contains {
      $0.path.hasPrefix(key.path + ".") || $0.path.hasPrefix(key.path + "[].")
    }
  }

  /// The change to make for `key`: its alternative or example value at its path.
  static func edit(for key: SchemaKey) -> KeyEdit? {
    let example = key.example
    if example.hasPrefix("- ") {
      // A list item written as a whole (`- min_max: [-1, 1]`): appended to the list.
      let list = key.path.components(separatedBy: "[]").first!
      let item = KeyEffectContexts.alternatives[key.path] ?? String(example.dropFirst(2))
      return KeyEdit(path: list, valueText: item, appends: true)
    }
    let text =
      KeyEffectContexts.alternatives[key.path]
      ?? example.range(of: ": ").map { String(example[$0.upperBound...]) }
    return text.map { KeyEdit(path: key.path, valueText: $0, appends: false) }
  }
}

/// A variant of a declared concept (`optimizer adam`, `optimizer.schedule step`), a spec that
/// runs it, and one edit per key it declares.
struct DeclaredVariant: Sendable, CustomTestStringConvertible {
  var name: String
  var context: String
  var edits: [KeyEdit]
  var testDescription: String { name }
}

/// One value set at a schema path in a YAML tree.
struct KeyEdit {
  /// The schema path (`[]`: the first list item holding the key, else the first; `*`: the
  /// same among a mapping's entries).
  var path: String
  var valueText: String
  /// Append the value to the list at `path` instead of setting it.
  var appends: Bool

  /// The tree with the value set, or nil when the tree lacks the key's parent or already holds
  /// the value.
  func apply(to tree: Node) -> Node? {
    guard let value = try? Yams.compose(yaml: valueText) else { return nil }
    return set(Array(path.split(separator: ".").map(String.init)), value, in: tree)
  }

  private func set(_ components: [String], _ value: Node, in node: Node) -> Node? {
    guard var mapping = node.mapping, let first = components.first else { return nil }
    let isList = first.hasSuffix("[]")
    let name = isList ? String(first.dropLast(2)) : first
    // `*`: the first entry whose mapping holds the next key, else the first entry.
    let holder = mapping.first { components.count == 2 && $0.value.mapping?[components[1]] != nil }
    let key = name == "*" ? (holder?.key ?? mapping.keys.first)?.string : name
    guard let key else { return nil }
    if components.count == 1 {
      if appends {
        guard var items = mapping[key]?.sequence else { return nil }
        items.append(value)
        mapping[key] = .sequence(items)
      } else {
        if mapping[key] == value { return nil }
        mapping[key] = value
      }
      return .mapping(mapping)
    }
    guard let child = mapping[key] else { return nil }
    let rest = Array(components.dropFirst())
    if isList {
      guard var items = child.sequence else { return nil }
      let leaf = rest.last!
      let index =
        items.firstIndex { rest.count == 1 && $0.mapping?[leaf] != nil }
        ?? items.firstIndex { $0.mapping != nil }
      guard let index, let changed = set(rest, value, in: items[index]) else { return nil }
      items[index] = changed
      mapping[key] = .sequence(items)
    } else {
      guard let changed = set(rest, value, in: child) else { return nil }
      mapping[key] = changed
    }
    return .mapping(mapping)
  }
}

/// What a run computed, with what merely echoes the spec left out: `timings.csv`,
/// `environment.csv`, `spec.resolved.yaml`, a sweep's `sweep.csv` (its settings as
/// `key,value` rows), the reports and plots (present or not, not their text), CSV columns named
/// after a spec key (`optimizer.type`, `seed`, …) and the `echoedColumns`. A sweep's trial IDs
/// (hashes of each trial's whole spec, so any key, read or not, changes them) are replaced by
/// the trial's swept values from `plan.csv`, and other such hashes by `#`.
struct Fingerprint: Equatable {
  var files: [String: Data] = [:]

  /// Columns that quote the spec instead of what the run computed: the diagnosis' advice
  /// (`lower \`optimizer.weight_decay\` from 0.1 to 0.01` shows a value, not that it was
  /// read) and the base error and thresholds it was given (their effect is on
  /// `avoidable_bias` and `verdict`).
  static let echoedColumns: Set<String> = [
    "recommendations", "base_error", "avoidable_bias_threshold", "variance_threshold",
    "data_mismatch_threshold",
  ]
  /// Files that only echo the spec or the machine.
  static let echoedFiles: Set<String> = [
    "timings.csv", "spec.resolved.yaml", "environment.csv", "sweep.csv",
  ]

  init() {}

  init(directory: String) {
    let echoed = Set(Schema.keys.map(\.path)).union(Self.echoedColumns)
    let trials = Self.trialLabels(in: directory)
    guard let walk = FileManager.default.enumerator(atPath: directory) else { return }
    while let path = walk.nextObject() as? String {
      let name = (path as NSString).lastPathComponent
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: directory + "/" + path, isDirectory: &isDirectory)
      if !exists || isDirectory.boolValue || name.hasPrefix(".") { continue }
      if Self.echoedFiles.contains(name) { continue }
      let key = trials.relabel(path)
      let ext = (name as NSString).pathExtension
      if ["md", "html", "svg"].contains(ext) {
        files[key] = Data()
        continue
      }
      guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
        continue
      }
      if ext == "csv", let text = String(data: data, encoding: .utf8),
        let table = try? CSVTable(parsing: trials.relabel(text))
      {
        let kept = table.header.indices.filter { !echoed.contains(table.header[$0]) }
        // plan.csv is in trial-ID order: by the relabelled rows instead.
        let rows =
          name == "plan.csv" ? table.rows.sorted { $0.lexicographicallyPrecedes($1) } : table.rows
        files[key] = Data(
          ([table.header] + rows).map { row in
            kept.map { $0 < row.count ? row[$0] : "" }.joined(separator: ",")
          }
          .joined(separator: "\n").utf8)
      } else {
        files[key] = data
      }
    }
  }

  /// The trial IDs of every `plan.csv` under `directory`, each labelled by its swept values.
  static func trialLabels(in directory: String) -> TrialLabels {
    var labels: [String: String] = [:]
    let walk = FileManager.default.enumerator(atPath: directory)
    while let path = walk?.nextObject() as? String {
      guard (path as NSString).lastPathComponent == "plan.csv",
        let text = try? String(contentsOfFile: directory + "/" + path, encoding: .utf8),
        let table = try? CSVTable(parsing: text), let column = table.header.firstIndex(of: "trial")
      else { continue }
      for row in table.rows where column < row.count {
        let values = row.indices.filter { $0 != column }.map { row[$0] }
        labels[row[column]] =
          "trial(" + values.joined(separator: " ").replacingOccurrences(of: ",", with: ";") + ")"
      }
    }
    return TrialLabels(labels: labels)
  }
}

/// Replaces a sweep's trial IDs by their labels, and any other 12-hex-digit hash (with a
/// letter in it: not a run of digits) by `#`.
struct TrialLabels {
  var labels: [String: String]

  func relabel(_ text: String) -> String {
    var text = text
    for (id, label) in labels { text = text.replacingOccurrences(of: id, with: label) }
    // Simple word boundaries: Unicode's join `5,0` (a number's thousands separator).
    return text.replacing(/\b[0-9a-f]{12}\b/.wordBoundaryKind(.simple)) { match in
      let hash = String(match.output)
      return hash.contains(where: \.isLetter) ? "#" : hash
    }
  }
}

/// Runs spec trees in a scratch directory (single runs in-process, sweeps with one job).
struct ResultRunner {
  let directory: URL
  private var count = 0
  private(set) var lastError = ""

  init(directory: URL) { self.directory = directory }

  /// The fingerprint of the tree's results (read as a `variant`: inert keys are warnings); nil
  /// (with `lastError`) when it does not run.
  mutating func run(_ tree: Node, variant: Bool = false) throws -> Fingerprint? {
    count += 1
    let spec = directory.appendingPathComponent("spec\(count).yaml").path
    try Yams.serialize(node: tree).write(toFile: spec, atomically: true, encoding: .utf8)
    let root = directory.appendingPathComponent("results\(count)")
    // The bundled named datasets, never a download.
    let data = TestProject.root.appendingPathComponent("experiments/data").path
    var options = RunOptions(environment: ["RUNNER_DATA_PATH": data], resultsRoot: root.path)
    options.spec.variant = variant
    do {
      if tree.mapping?["sweep"] != nil {
        let sweep = SweepOptions(
          run: options, jobs: 1, shard: nil, retryFailed: false,
          cancellation: SweepCancellation())
        let outcome = try SweepRunner.run(specPath: spec, options: sweep)
        return Fingerprint(directory: outcome.directory)
      }
      let outcome = try ExperimentRunner.run(specPath: spec, options: options)
      return Fingerprint(directory: outcome.directory)
    } catch PipelineError.diverged(_, let results, _, _, _) {
      // A diverged run writes its results (the records before the divergence) too.
      return Fingerprint(directory: results)
    } catch {
      lastError = "\(error)".replacingOccurrences(of: "\n", with: " ")
      return nil
    }
  }
}
