import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// Trials that tie go to the smaller swept values, never to what only names them (tester AC2):
/// the ranking of any set of trials is the same whatever their IDs and whatever order they
/// are listed in; and in successive halving and Hyperband the trial IDs, seeds and Hyperband's
/// draws do not depend on the spec's own budget (which the rungs replace) nor on its name.
@Suite struct TrialTieRuleTests {
  typealias Candidate = TrialRanking.Candidate

  /// Random trials over two axes with few objective values (many ties): IDs drawn afresh and
  /// the input shuffled, the ranked swept values are the same; tied trials are in rising
  /// swept values, numbers compared as numbers.
  @Test func tiesDependOnlyOnFiguresAndSweptValues() {
    var rng = SplitMix64(seed: 20_261_204)
    let rates = ["0.001", "1e-2", "0.1", "0.03"]
    let widths = ["8", "16", "32", "4"]
    for _ in 0..<200 {
      var combos: [[String]] = []
      for rate in rates { for width in widths { combos.append([rate, width]) } }
      let count = 2 + Int(rng.next() % UInt64(combos.count - 1))
      combos = Array(combos.shuffled(using: &rng).prefix(count))
      let values = combos.map { _ in [0.5, 0.75, 0.9][Int(rng.next() % 3)] }
      func ranked(ids: [String], order: [Int]) -> [[String]] {
        let entries = order.map {
          Candidate(id: ids[$0], failed: false, value: values[$0], swept: combos[$0])
        }
        return TrialRanking.rank(entries, by: Objective(metric: "dev_accuracy")).map(\.swept)
      }
      let ids = combos.indices.map { _ in String(rng.next() % 1_000_000, radix: 16) }
      let otherIDs = combos.indices.map { _ in String(rng.next() % 1_000_000, radix: 16) }
      let order = Array(combos.indices)
      let first = ranked(ids: ids, order: order)
      #expect(first == ranked(ids: otherIDs, order: order.shuffled(using: &rng)))
      // Best first; among equal figures, rising swept values (rate, then width) as numbers.
      let byCombo = Dictionary(
        uniqueKeysWithValues: zip(combos.map { $0.joined(separator: ",") }, values))
      let figures = first.map { byCombo[$0.joined(separator: ",")]! }
      for (a, b) in zip(zip(first, figures), zip(first, figures).dropFirst()) {
        #expect(a.1 >= b.1)
        guard a.1 == b.1 else { continue }
        let (x, y) = (a.0.map { Double($0)! }, b.0.map { Double($0)! })
        #expect(x[0] < y[0] || (x[0] == y[0] && x[1] < y[1]))
      }
    }
  }

  /// A key that does not apply (empty) goes first, text after numbers compares as text, and
  /// trials with the same swept values go by ID.
  @Test func emptyFirstTextAsTextSameValuesByID() {
    func order(_ a: [String], _ b: [String], ids: (String, String) = ("b", "a")) -> Bool {
      TrialRanking.tieOrder(
        Candidate(id: ids.0, failed: false, value: 1, swept: a),
        Candidate(id: ids.1, failed: false, value: 1, swept: b))
    }
    #expect(order(["sgd", ""], ["momentum", "0.9"]) == false)
    #expect(order(["adam", ""], ["adam", "0.9"]))
    #expect(order(["adam"], ["sgd"]))
    #expect(order(["1e-3"], ["0.01"]))
    #expect(order(["0.010"], ["0.01"]) == false)
    #expect(order(["0.01"], ["0.01"]) == false)
    #expect(order(["0.01"], ["0.01"], ids: ("a", "b")))
  }

  static func spec(epochs: Int, name: String, method: String = "successive_halving") -> String {
    """
    name: \(name)
    seed: 4
    dataset:
      generator: {type: moons, samples: 120, noise: 0.2}
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model:
      type: mlp
      layers:
        - {units: 8, activation: relu}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.01, batch_size: 16, epochs: \(epochs)}
    metrics: [accuracy]
    sweep:
      method: \(method)
      budget: {min: 4, max: 36}
      parameters:
        optimizer.learning_rate: [0.001, 0.01, 0.1]
        model.layers[0].units: {range: [8, 32], step: 8}
    """
  }

  /// The spec's own epochs, which the rungs replace, changes no trial ID or seed; the IDs are
  /// a grid's at `budget.max`; a rename changes the IDs but no seed.
  @Test func halvingTrialsAreTheTrialsAtTheFullBudget() throws {
    func trials(_ text: String) throws -> [String: (id: String, seed: UInt64)] {
      let plan = try SweepPlanner.plan(text: text, file: "h.yaml")
      return Dictionary(
        uniqueKeysWithValues: plan.trials.map {
          ($0.assignments.map(\.value.description).joined(separator: ","), ($0.id, $0.spec.seed))
        })
    }
    let base = try trials(Self.spec(epochs: 100, name: "h"))
    let five = try trials(Self.spec(epochs: 5, name: "h"))
    #expect(base.count == 12)
    #expect(base.mapValues(\.id) == five.mapValues(\.id))
    #expect(base.mapValues(\.seed) == five.mapValues(\.seed))
    let grid = try trials(
      Self.spec(epochs: 36, name: "h").replacingOccurrences(
        of: "  method: successive_halving\n  budget: {min: 4, max: 36}\n", with: ""))
    #expect(base.mapValues(\.id) == grid.mapValues(\.id))
    let renamed = try trials(Self.spec(epochs: 100, name: "other"))
    #expect(base.mapValues(\.seed) == renamed.mapValues(\.seed))
    #expect(Set(base.values.map(\.id)).isDisjoint(with: renamed.values.map(\.id)))
  }

  /// Hyperband draws the same configurations into each bracket whatever the spec's epochs or
  /// name (the tester's dry runs drew (0.1, 32) with epochs 5 but not with 100).
  @Test func hyperbandDrawsDependOnTrainingAlone() throws {
    func drawn(epochs: Int, name: String) throws -> [[String]] {
      let root = SweepFixture.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: root) }
      let file = root.appendingPathComponent("hb.yaml")
      try Self.spec(epochs: epochs, name: name, method: "hyperband")
        .write(to: file, atomically: true, encoding: .utf8)
      let prepared = try PreparedSweep(
        specPath: file.path, options: SweepFixture.options(root: root.appendingPathComponent("r")))
      let values = Dictionary(
        uniqueKeysWithValues: prepared.plan.trials.map {
          ($0.id, $0.assignments.map(\.value.description).joined(separator: ","))
        })
      return HyperbandRunner.brackets(prepared).map { $0.ids.map { values[$0]! }.sorted() }
    }
    let base = try drawn(epochs: 100, name: "hb")
    #expect(base.count == 3)
    #expect(try drawn(epochs: 5, name: "hb") == base)
    #expect(try drawn(epochs: 100, name: "renamed") == base)
  }
}
