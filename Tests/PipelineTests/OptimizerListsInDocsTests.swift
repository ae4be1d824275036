import Foundation
import Specs
import Testing

/// The hand-written lists of optimizers in the docs (outside `docs/spec.md`'s generated key
/// reference) name every rule of the vocabulary they are about: a new `OptimizerKind` fails here
/// until each list names it or leaves it out on purpose.
@Suite struct OptimizerListsInDocsTests {
  /// Each list: its file, the text just before it and the first text after it, and the rules
  /// it leaves out on purpose (which must then not be in it).
  static let lists: [(file: String, from: String, to: String, without: [OptimizerKind])] = [
    ("README.md", "loss, optimizer (", ")", []),
    // The rules the diagnosis does not advise to switch to Adam.
    (
      "docs/results.md", "already uses an adaptive one or L-BFGS: ", ")",
      OptimizerKind.allCases.filter { !$0.adaptsItsSteps }
    ),
    // L-BFGS is in the list of rules restarted (its history is not saved).
    ("docs/sweeps.md", "continued: the first-order optimizers (", ")", [.lbfgs]),
    // The memory estimate's optimizer state.
    ("docs/spec.md", "the optimizer's state (", ", in float64)", []),
  ]

  @Test func everyListNamesEveryOptimizer() throws {
    for (file, from, to, without) in Self.lists {
      let text = try String(
        contentsOf: TestProject.root.appendingPathComponent(file), encoding: .utf8)
      let start = try #require(text.range(of: from), "\(file): no list after '\(from)'")
      let end = try #require(
        text.range(of: to, range: start.upperBound..<text.endIndex), "\(file): '\(from)'")
      let list = text[start.upperBound..<end.lowerBound]
      let words = Set(list.split { !$0.isLetter }.map(String.init))
      for kind in OptimizerKind.allCases {
        #expect(
          words.contains(kind.rawValue) != without.contains(kind),
          "\(file): \(kind.rawValue) \(without.contains(kind) ? "is" : "is not") in '\(list)'")
      }
    }
  }
}
