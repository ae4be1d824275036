import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// `runner ls --where` on a key with a default matches the runs whose resolved value equals it,
/// written or not: a layer's `dropout: 0`, which the resolved spec leaves unwritten, in plain runs
/// as in sweep trials (tester AF, AF14; AA3 for swept trials); a key that does not apply, or has
/// no default, matches no run that lacks it.
@Suite struct ListedDefaultTests {
  static let baseline = TestProject.root.appendingPathComponent("results/baseline")

  /// A results folder holding cat (logreg), xor-mlp-sigmoid (an MLP without dropout), a copy of
  /// it whose resolved spec gives its first layer `dropout: 0.1`, and the baseline's grid sweep
  /// (MLP trials without dropout).
  static func results() throws -> URL {
    let root = TestProject.temporaryDirectory()
    let fm = FileManager.default
    for name in ["cat", "xor-mlp-sigmoid", "moons-mlp-grid-sweep"] {
      try fm.copyItem(
        at: baseline.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
    let dropout = root.appendingPathComponent("xor-dropout")
    try fm.copyItem(at: baseline.appendingPathComponent("xor-mlp-sigmoid"), to: dropout)
    let spec = dropout.appendingPathComponent(ResultsFile.resolvedSpec)
    let text = try String(contentsOf: spec, encoding: .utf8)
    let layer = "    - units: 4\n      activation: sigmoid\n"
    #expect(text.contains(layer))
    try text.replacingOccurrences(of: layer, with: layer + "      dropout: 0.1\n")
      .write(to: spec, atomically: true, encoding: .utf8)
    return root
  }

  /// The names of the runs under `root` matching `condition`, sorted.
  static func matching(_ condition: String, under root: URL) throws -> [String] {
    let listing = RunListing(runs: ResultsIndex.runs(under: root))
    return try listing.filtered([RunFilter(parsing: condition)]).runs.map(\.name).sorted()
  }

  @Test func anUnwrittenDropoutMatchesItsDefaultInRunsAndTrials() throws {
    let root = try Self.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let runs = ResultsIndex.runs(under: root)
    let trials = runs.filter { $0.kind == .trial }.map(\.name).sorted()
    #expect(trials.count == 12)
    // The plain MLP run and every trial (none sweeps dropout); not the logreg, nor the run
    // whose layer has dropout 0.1.
    #expect(
      try Self.matching("model.layers[0].dropout=0", under: root) == trials + ["xor-mlp-sigmoid"])
    #expect(try Self.matching("model.layers[0].dropout=0.1", under: root) == ["xor-dropout"])
    #expect(
      try Self.matching("model.layers[0].dropout!=0", under: root) == ["cat", "xor-dropout"])
    #expect(
      try Self.matching("model.layers[0].normalization=none", under: root)
        == (trials + ["xor-dropout", "xor-mlp-sigmoid"]).sorted())
    // The output layer's own default answers too.
    #expect(try Self.matching("model.layers[1].dropout=0", under: root).count == 14)
  }

  @Test func aKeyThatDoesNotApplyOrHasNoDefaultMatchesNoRunLackingIt() throws {
    let root = try Self.results()
    defer { try? FileManager.default.removeItem(at: root) }
    // No run has a third layer, so none has its dropout to default: no such column.
    #expect(throws: ListingError.self) {
      try Self.matching("model.layers[2].dropout=0", under: root)
    }
    // `seed` has no default: cat, where nothing is random, writes none.
    #expect(!(try Self.matching("seed=0", under: root)).contains("cat"))
  }

  /// Reading a run's unwritten defaults loads its spec a second time (`runner ls` on the
  /// baseline went from 0.27 to 0.35 s): `ls` reads them only for a run lacking a value it asks
  /// for (a `--where`, `--sort` or `--columns` key, a trial's swept keys), and finds the same
  /// runs as when every run's are read.
  @Test func theDefaultsAreReadOnlyForARunLackingAValueAsked() throws {
    let root = try Self.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let every = ResultsIndex.runs(under: root)
    let plain = ResultsIndex.runs(under: root, answering: ["name", "train_loss"])
    #expect(plain.allSatisfy { $0.defaults.isEmpty })
    #expect(plain.map(\.parameters) == every.map(\.parameters))
    #expect(every.contains { !$0.defaults.isEmpty })
    let key = "model.layers[0].dropout"
    let asked = ResultsIndex.runs(under: root, answering: [key])
    // Not xor-dropout, which writes it; cat (a logreg) is read but has none.
    let trials = every.filter { $0.kind == .trial }.map(\.name)
    #expect(
      asked.filter { !$0.defaults.isEmpty }.map(\.name).sorted()
        == (trials + ["xor-mlp-sigmoid"]).sorted())
    for condition in ["\(key)=0", "\(key)!=0", "\(key)=0.1"] {
      let filter = try RunFilter(parsing: condition)
      #expect(
        try RunListing(runs: asked).filtered([filter]).runs.map(\.name)
          == RunListing(runs: every).filtered([filter]).runs.map(\.name), "\(condition)")
    }
  }

  @Test func theDefaultIsShownInItsColumnNotAmongTheWrittenParameters() throws {
    let root = try Self.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let runs = ResultsIndex.runs(under: root).filter { !$0.name.hasPrefix("moons") }
    let listing = RunListing(runs: runs)
    let (_, rows) = try listing.cells(columns: ["name", "model.layers[0].dropout"])
    #expect(rows == [["cat", ""], ["xor-dropout", "0.1"], ["xor-mlp-sigmoid", "0.0"]])
    let xor = try #require(runs.first { $0.name == "xor-mlp-sigmoid" })
    #expect(!xor.parameters.contains { $0.name.hasSuffix("dropout") })
  }
}
