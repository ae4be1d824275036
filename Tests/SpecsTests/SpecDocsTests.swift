import Foundation
import Testing

@testable import Specs

/// docs/spec.md and the schema must agree: the key reference in the docs is exactly the one
/// generated from `Schema` (re-record with `RECORD_SPEC_DOCS=1`), no other part of the page
/// documents a key heading, and every schema key is one the decoder actually reads.
@Suite struct SpecDocsTests {
  static let docsPath = repositoryRoot + "/docs/spec.md"

  @Test func docsReferenceMatchesTheSchema() throws {
    var docs = try String(contentsOfFile: Self.docsPath, encoding: .utf8)
    guard let begin = docs.range(of: Schema.referenceBegin),
      let end = docs.range(of: Schema.referenceEnd)
    else {
      Issue.record("docs/spec.md has no generated key reference markers")
      return
    }
    let current = String(docs[begin.lowerBound..<docs.index(after: end.upperBound)])
    let generated = Schema.markdownReference()
    if ProcessInfo.processInfo.environment["RECORD_SPEC_DOCS"] != nil {
      docs.replaceSubrange(begin.lowerBound..<docs.index(after: end.upperBound), with: generated)
      try docs.write(toFile: Self.docsPath, atomically: true, encoding: .utf8)
      return
    }
    let documented = Self.headings(current)
    let schema = Schema.keys.map(\.path)
    #expect(Set(schema).subtracting(documented).sorted() == [], "keys missing from docs/spec.md")
    #expect(
      Set(documented).subtracting(schema).sorted() == [],
      "docs/spec.md documents keys the schema lacks")
    #expect(
      current == generated,
      "docs/spec.md's key reference is stale: run RECORD_SPEC_DOCS=1 swift test --filter SpecDocs")
    // No key documented outside the generated part.
    #expect(Self.headings(docs.replacingOccurrences(of: current, with: "")) == [])
  }

  static func headings(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("### `"), line.hasSuffix("`") else { return nil }
      return String(line.dropFirst(5).dropLast())
    }
  }

  @Test func schemaKeysAreUniqueAndWellFormed() {
    let paths = Schema.keys.map(\.path)
    #expect(Set(paths).count == paths.count)
    for key in Schema.keys {
      #expect(
        !key.type.isEmpty && !key.defaultValue.isEmpty && !key.meaning.isEmpty
          && !key.example.isEmpty, "\(key.path)")
      // Every key's parent is itself a key (or the top level).
      let parent = key.path.components(separatedBy: ".").dropLast().joined(separator: ".")
      let parentPattern = parent.hasSuffix("[]") ? String(parent.dropLast(2)) : parent
      #expect(parent.isEmpty || paths.contains(parentPattern), "\(key.path) has no parent key")
    }
  }

  /// Every value key of the schema appears in the canonical form of some spec: the examples in
  /// experiments/ plus a few written to reach the rest. So the decoder reads every documented key.
  @Test func everySchemaKeyIsDecoded() throws {
    var seen = Set<String>()
    func collect(_ node: CanonicalNode) {
      // A default left out of the text (`dropout: 0`) is not read back: it proves nothing.
      guard node.isWritten else { return }
      seen.insert(node.path.schemaPattern)
      switch node {
      case .scalar, .unwritten: break
      case .list(let items, _, _): for item in items { collect(item) }
      case .mapping(let entries, _): for entry in entries { collect(entry.node) }
      }
    }
    var specs = try experimentSpecs().map { try SpecLoader.load(file: $0.relativeToRoot).spec }
    for text in Self.coverageSpecs + Self.declaredOptimizerSpecs {
      specs.append(try SpecLoader.load(text: text, file: "coverage.yaml").spec)
    }
    for spec in specs { collect(SpecWriter.tree(spec)) }
    // Sweep axes and shorthands are rendered as flow text, so their inner keys are not nodes.
    let flowOnly = Set(Schema.keys.map(\.path).filter { $0.hasPrefix("sweep.parameters.*") })
    let missing = Set(Schema.keys.map(\.path)).subtracting(seen).subtracting(flowOnly)
    #expect(missing.sorted() == [])
  }

  /// One spec per declared optimizer with each of its parameters set to its example.
  static let declaredOptimizerSpecs = OptimizerKind.allCases.map { kind in
    let keys = kind.parameters.map {
      "\($0.key): \($0.isInteger ? "\(Int($0.example))" : "\($0.example)")"
    }
    return
      "dataset: {generator: {type: moons}}\nmodel: {type: logreg}\noptimizer: {type: \(kind.rawValue)"
      + keys.map { ", " + $0 }.joined() + "}"
  }

  static let coverageSpecs = [
    """
    dataset:
      train: {file: a.npy, target_file: b.npy}
      dev: {file: c.csv, format: csv, features: [x], target: y}
      test: {file: t10k-images-idx3-ubyte.gz, target_file: t10k-labels-idx1-ubyte.gz}
      preprocessing: [{min_max: [0, 1]}, {polynomial: 2}, standardize, flatten, {scale: 2}, {normalize: {mean: 0.5, std: 0.25}}]
      split: {train_dev: 0.1}
    model:
      type: mlp
      layers: [{units: 2, activation: leaky_relu, negative_slope: 0.1}, {units: 1, activation: identity}]
      init: {type: explicit, layers: [{weights: [[1, 2], [3, 4]], bias: [0, 0]}, {weights: [[1], [2]], bias: [0]}]}
    loss: {type: huber, delta: 2}
    optimizer: {type: sgd, schedule: {type: step, step_size: 3, gamma: 0.5}, early_stopping: {patience: 3, min_delta: 0.1, restore_best: false}}
    report:
      bootstrap: {rounds: 10, loss: mse}
      learning_curve: {sizes: [0.5, 1.0]}
      validation_curve: {parameter: regularization.l2, values: [0, 1]}
    """,
    """
    dataset: {generator: {type: blobs, means: [[0, 0], [1, 1]], covariances: [[[2, 0], [0, 1]], [[1, 0], [0, 1]]], sizes: [5, 5]}}
    model: {type: logreg, init: {type: normal, mean: 0, std: 0.1}}
    optimizer: {type: lbfgs, history_size: 5, tolerance: 1e-9}
    """,
    """
    dataset: {generator: {type: linear, weights: [2], bias: 1, x_range: [0, 2]}}
    model: {type: linreg, init: {type: explicit, weights: [1], bias: 0}}
    optimizer: {type: rmsprop, alpha: 0.9, momentum: 0.1, schedule: {type: exponential, gamma: 0.9}}
    """,
    """
    dataset: {generator: {type: polynomial, coefficients: [1, 2]}}
    model: {type: linreg, init: {type: uniform, limit: 0.1}}
    optimizer: {type: adamw, beta1: 0.8, beta2: 0.99, eps: 1e-7, weight_decay: 0.1, schedule: {type: cosine, t_max: 5, eta_min: 0.001}}
    """,
    """
    dataset: {generator: {type: gates, gate: or}}
    model: {type: logreg, init: {from: results/x/params}}
    optimizer: {type: momentum, momentum: 0.5}
    """,
    "dataset: {generator: {type: circles, factor: 0.3}}\nmodel: {type: logreg}",
    "dataset: {generator: {type: moons}}\nmodel: {type: logreg}\n"
      + "optimizer: {type: sgd, schedule: {type: inverse_time, step_size: 2, decay_rate: 0.5}}",
    "dataset: {generator: {type: spirals, classes: 3}}\nmodel: {type: logreg}\nloss: cross_entropy",
    "dataset: {generator: {type: sine}}\nmodel: {type: linreg}",
    "dataset: {file: a.csv, target: y}\nmodel: {type: linreg}",
    "dataset: {file: a.npy, target_file: b.npy}\nmodel: {type: linreg}",
    "dataset: {train: {file: a.npy, target_file: b.npy}, dev: {file: c.npy, target_file: d.npy}}\nmodel: {type: linreg}",
  ]
}
