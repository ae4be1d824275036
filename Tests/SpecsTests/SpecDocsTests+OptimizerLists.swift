import Foundation
import Testing

@testable import Specs

/// The lists of optimizers in the prose of `README.md` and `docs/` are generated from
/// `OptimizerKind`, like the key reference: each sits between `<!-- generated: NAME -->` and
/// `<!-- end generated -->`, and `RECORD_SPEC_DOCS=1 swift test --filter SpecDocs` rewrites it.
/// A new rule needs no hand edit in these docs; a stale list fails here.
extension SpecDocsTests {
  /// A generated list: the file it is in, its marker name, and its text from the vocabulary.
  struct GeneratedList: Sendable {
    let file: String
    let name: String
    let text: @Sendable () throws -> String
  }

  static let generatedLists: [GeneratedList] = [
    // The optimizers `experiments/` has a spec for, and those it has none for.
    GeneratedList(file: "README.md", name: "optimizers-with-an-example") {
      let used = Set(
        try experimentSpecs().map {
          try SpecLoader.load(file: $0.relativeToRoot).spec.optimizer.kind
        })
      let with = OptimizerKind.allCases.filter(used.contains).map(\.rawValue)
      let without = OptimizerKind.allCases.filter { !used.contains($0) }.map(\.rawValue)
      guard !without.isEmpty else { return with.joined(separator: ", ") }
      return with.joined(separator: ", ") + "; " + prose(without)
        + (without.count == 1 ? " has" : " have") + " none yet"
    },
    // The rules the diagnosis does not advise to switch to Adam.
    GeneratedList(file: "docs/results.md", name: "adaptive-optimizers") {
      OptimizerKind.allCases.filter(\.adaptsItsSteps).map(\.rawValue).joined(separator: ", ")
    },
    // The rules a successive-halving rung continues: all but L-BFGS, whose curvature history
    // a checkpoint does not save (`TrainingCheckpoint`).
    GeneratedList(file: "docs/sweeps.md", name: "optimizers-continued-by-a-rung") {
      OptimizerKind.allCases.filter { $0 != .lbfgs }.map { "`\($0.rawValue)`" }
        .joined(separator: ", ")
    },
    // The memory estimate's optimizer state: one more than the rule's moment vectors
    // (`MemoryEstimate+SpecShape.swift`; L-BFGS's history is stated beside the list).
    GeneratedList(file: "docs/spec.md", name: "optimizer-state") { optimizerStateList() },
    // How each rule takes `regularization.l1` (`OptimizerKind.l1Step`).
    GeneratedList(file: "docs/spec.md", name: "l1-proximal") { l1List(.proximal, code: true) },
    GeneratedList(file: "docs/spec.md", name: "l1-subgradient") { l1List(.subgradient) },
    GeneratedList(file: "docs/spec.md", name: "l1-refused") { l1List(.refused, code: true) },
  ]

  static func begin(_ name: String) -> String { "<!-- generated: \(name) -->" }
  static let end = "<!-- end generated -->"

  /// `a`, `a and b`, `a, b and c`.
  static func prose(_ words: [String]) -> String {
    words.count < 2
      ? words.joined()
      : words.dropLast().joined(separator: ", ") + " and " + words.last!
  }

  static func l1List(_ step: L1Step, code: Bool = false) -> String {
    let names = OptimizerKind.allCases.filter { $0.l1Step == step }.map(\.rawValue)
    return code ? prose(names.map { "`\($0)`" }) : names.joined(separator: ", ")
  }

  /// `1 for gd/sgd, 2 for momentum/nesterov/rmsprop/adagrad, 3 for ... and rmsprop with
  /// `momentum``: each count of state vectors with the rules that keep it by default, then the
  /// rules whose count a declared key changes (its example value set).
  static func optimizerStateList() -> String {
    var groups: [Int: [String]] = [:]
    for kind in OptimizerKind.allCases where kind != .lbfgs {
      let plain = Optimizer(kind).momentVectors + 1
      groups[plain, default: []].append(kind.rawValue)
    }
    var variants: [Int: [String]] = [:]
    for kind in OptimizerKind.allCases where kind != .lbfgs {
      let plain = Optimizer(kind).momentVectors + 1
      for parameter in kind.parameters {
        let count = Optimizer(kind) { parameter.set(parameter.example, in: &$0) }.momentVectors + 1
        if count != plain {
          variants[count, default: []].append("\(kind.rawValue) with `\(parameter.key)`")
        }
      }
    }
    return Set(groups.keys).union(variants.keys).sorted().map { count in
      let names = groups[count].map { [$0.joined(separator: "/")] } ?? []
      return "\(count) for " + prose(names + (variants[count] ?? []))
    }.joined(separator: ", ")
  }

  @Test func optimizerListsInTheDocsAreGenerated() throws {
    let record = ProcessInfo.processInfo.environment["RECORD_SPEC_DOCS"] != nil
    for file in Set(Self.generatedLists.map(\.file)).sorted() {
      let path = repositoryRoot + "/" + file
      var text = try String(contentsOfFile: path, encoding: .utf8)
      for list in Self.generatedLists where list.file == file {
        let start = try #require(
          text.range(of: Self.begin(list.name)), "\(file) has no \(Self.begin(list.name))")
        let stop = try #require(
          text.range(of: Self.end, range: start.upperBound..<text.endIndex),
          "\(file): \(list.name) has no \(Self.end)")
        let current = String(text[start.upperBound..<stop.lowerBound])
        let generated = try list.text()
        if record {
          text.replaceSubrange(start.upperBound..<stop.lowerBound, with: generated)
        } else {
          #expect(
            current == generated,
            """
            \(file)'s list \(list.name) is stale ('\(current)', the vocabulary gives \
            '\(generated)'): run RECORD_SPEC_DOCS=1 swift test --filter SpecDocs
            """)
        }
      }
      if record { try text.write(toFile: path, atomically: true, encoding: .utf8) }
    }
  }
}
