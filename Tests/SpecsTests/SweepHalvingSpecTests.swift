import Testing

@testable import Specs

/// `method: successive_halving` and its keys: decoded, written back, and bad values located.
@Suite struct SweepHalvingSpecTests {
  let halving =
    minimalSpec + """

      sweep:
        method: successive_halving
        budget: {min: 2, max: 18}
        eta: 3
        parameters:
          optimizer.learning_rate: [0.1, 0.01]
      """

  @Test func keysAreDecodedAndWrittenBack() throws {
    let loaded = try SpecLoader.load(text: halving, file: "h.yaml")
    let sweep = try #require(loaded.spec.sweep)
    #expect(sweep.method == .successiveHalving)
    #expect(sweep.budget == 2...18)
    #expect(sweep.eta == 3)
    #expect(sweep.axes.map(\.count) == [2])  // the grid's trials
    let text = SpecWriter.canonical(loaded.spec)
    #expect(text.contains("method: successive_halving"))
    #expect(text.contains("eta: 3"))
  }

  @Test func badValuesAreLocated() {
    let noBudget = halving.replacingOccurrences(of: "  budget: {min: 2, max: 18}\n", with: "")
    #expect(
      failure(noBudget, file: "h.yaml").contains(
        "h.yaml:7:3: error: method: successive_halving needs 'budget'"))
    let reversed = halving.replacingOccurrences(of: "min: 2, max: 18", with: "min: 9, max: 3")
    #expect(
      failure(reversed, file: "h.yaml").contains(
        "h.yaml:8:11: error: sweep.budget needs min < max (got min 9, max 3)"))
    let smallEta = halving.replacingOccurrences(of: "eta: 3", with: "eta: 1")
    #expect(
      failure(smallEta, file: "h.yaml").contains(
        "h.yaml:9:8: error: sweep.eta must be between 2 and 100"))
    let onGrid = halving.replacingOccurrences(of: "successive_halving", with: "grid")
    #expect(
      failure(onGrid, file: "h.yaml").contains(
        "h.yaml:8:3: error: sweep.budget applies only to successive_halving and hyperband"))
    let sweptBudget = halving + "\n    optimizer.epochs: [1, 2]"
    #expect(
      failure(sweptBudget, file: "h.yaml").contains(
        "h.yaml:12:5: error: successive_halving sets 'optimizer.epochs' itself"))
  }
}
