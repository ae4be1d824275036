import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A swept value that applies is recorded as the trial takes it, even the default a resolved
/// spec leaves unwritten (a layer's `dropout: 0`): in `plan.csv`, `summary.csv`, the dry run and
/// `runner ls`, as `regularization.l2: 0` is (tester AA, AA3); a value that does not apply stays
/// empty.
@Suite struct SweepRecordedDefaultTests {
  static let spec = """
    name: recorded-defaults
    seed: 5
    dataset:
      generator: {type: moons, samples: 60, noise: 0.25}
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model:
      type: mlp
      layers:
        - {units: 4, activation: tanh}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.02, batch_size: 16, epochs: 2}
    metrics: [accuracy]
    sweep:
      method: grid
      parameters:
        regularization.l2: [0, 0.1]
        model.layers[0].dropout: [0, 0.2]

    """

  /// The plan of `text`, read as if from a spec file in a fresh folder.
  static func plan(_ text: String) throws -> SweepPlan {
    try SweepPlanner.plan(text: text, file: SweepFixture.temporaryDirectory().path + "/s.yaml")
  }

  /// The values of each row of `table` after `trial`, sorted.
  static func values(_ table: CSVTable) -> [[String]] {
    table.rows.map { Array($0.dropFirst()) }.sorted { $0.lexicographicallyPrecedes($1) }
  }

  @Test func aSweptDropoutOfZeroIsRecordedAsL2OfZeroIs() throws {
    let plan = try Self.plan(Self.spec)
    let table = try SweepPlanFile.table(plan)
    #expect(table.header == ["trial", "regularization.l2", "model.layers[0].dropout"])
    #expect(
      Self.values(table) == [["0.0", "0.0"], ["0.0", "0.2"], ["0.1", "0.0"], ["0.1", "0.2"]])
    // The resolved spec still leaves the default out, so trial IDs are those of before.
    let without = try #require(plan.trials.first { $0.spec.model.layers[0].dropout == 0 })
    #expect(!SpecWriter.canonical(without.spec).contains("dropout"))
    let with = try #require(plan.trials.first { $0.spec.model.layers[0].dropout == 0.2 })
    #expect(SpecWriter.canonical(with.spec).contains("dropout: 0.2"))
  }

  @Test func aSweptNormalizationOfNoneIsRecordedAndAKeyThatDoesNotApplyStaysEmpty() throws {
    let text = Self.spec.replacingOccurrences(
      of: """
            regularization.l2: [0, 0.1]
            model.layers[0].dropout: [0, 0.2]
        """,
      with: """
            model.layers[0].normalization: [none, batch_norm]
            model.layers[0].normalization.momentum: [0.5]
            optimizer.type: [adam, momentum]
            optimizer.momentum: [0.5]
        """)
    let table = try SweepPlanFile.table(try Self.plan(text))
    #expect(
      table.header == [
        "trial", "model.layers[0].normalization", "model.layers[0].normalization.momentum",
        "optimizer.type", "optimizer.momentum",
      ])
    // Batch norm's momentum does not apply under `none`, nor the optimizer's under adam.
    #expect(
      Self.values(table) == [
        ["batch_norm", "0.5", "adam", ""], ["batch_norm", "0.5", "momentum", "0.5"],
        ["none", "", "adam", ""], ["none", "", "momentum", "0.5"],
      ])
  }

  @Test func summaryDryRunAndListingRecordTheDefault() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("recorded-defaults.yaml")
    try Self.spec.write(to: file, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: file.path, options: SweepFixture.options(root: root))
    #expect(
      preview.trials.map { $0.values.map(\.value) }.sorted { $0.lexicographicallyPrecedes($1) }
        == [["0.0", "0.0"], ["0.0", "0.2"], ["0.1", "0.0"], ["0.1", "0.2"]])
    let sweep = try SweepRunner.run(specPath: file.path, options: SweepFixture.options(root: root))
    let summary = try SweepFixture.table(sweep.summary)
    let (l2, dropout) = (
      try #require(summary.column("regularization.l2")),
      try #require(summary.column("model.layers[0].dropout"))
    )
    #expect(
      zip(l2, dropout).map { [$0, $1] }.sorted { $0.lexicographicallyPrecedes($1) }
        == [["0.0", "0.0"], ["0.0", "0.2"], ["0.1", "0.0"], ["0.1", "0.2"]])
    // `runner ls --where 'model.layers[0].dropout=0'` finds the two trials without dropout, and
    // lists the value beside the layer's other keys.
    let runs = ResultsIndex.runs(under: URL(fileURLWithPath: sweep.directory))
    #expect(runs.count == 4)
    let filter = try RunFilter(parsing: "model.layers[0].dropout=0")
    let found = runs.filter(filter.matches)
    #expect(found.count == 2)
    for run in found {
      let names = run.parameters.map(\.name)
      let at = try #require(names.firstIndex(of: "model.layers[0].dropout"))
      #expect(names[at - 1] == "model.layers[0].activation")
      #expect(run.parameters[at].text == "0.0")
    }
    #expect(runs.filter(try RunFilter(parsing: "model.layers[0].dropout=0.2").matches).count == 2)
  }

  @Test func aListedTrialGetsOnlyTheValuesItsSpecLeavesOut() {
    let parameters = [
      ListedRun.NamedValue("model.layers[0].units", "4"),
      ListedRun.NamedValue("model.layers[0].activation", "tanh"),
      ListedRun.NamedValue("model.layers[1].units", "1"),
      ListedRun.NamedValue("regularization.l2", "0.0"),
    ]
    // Its resolved spec's unwritten defaults: a swept one goes among the parameters.
    let defaults = [
      ListedRun.NamedValue("model.layers[0].dropout", "0.0"),
      ListedRun.NamedValue("model.layers[0].normalization", "none"),
    ]
    let listed = ResultsIndex.withSwept(
      parameters, keys: ["regularization.l2", "model.layers[0].dropout", "optimizer.momentum"],
      defaults: defaults)
    #expect(
      listed.map { "\($0.name)=\($0.text)" } == [
        "model.layers[0].units=4", "model.layers[0].activation=tanh",
        "model.layers[0].dropout=0.0", "model.layers[1].units=1", "regularization.l2=0.0",
      ])
  }
}
