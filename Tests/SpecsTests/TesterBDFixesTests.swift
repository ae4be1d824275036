import Testing

@testable import Specs

/// Session 47 tester BD's findings on the spec layer: the exact solver's refusals of optimizer
/// and L1 keys give fix-its that work when applied, and a whole-number key refuses `2e1` as it
/// refuses `20.0`.
@Suite struct TesterBDFixesTests {
  static let exact = """
    dataset: {name: diabetes, split: {test: 0.2}}
    model: {type: linreg, solver: exact}

    """

  /// F-i: `optimizer: {weight_decay: …}` without a type under the exact solver is not told to
  /// write `type: sgd` (which the solver then refuses): it is told the solver's penalty,
  /// `regularization.l2`, and no warning says the penalty is applied twice.
  @Test func anUntypedWeightDecayUnderTheExactSolverIsToldTheL2Penalty() {
    let said = failure(Self.exact + "optimizer:\n  weight_decay: 0.01\n")
    #expect(!said.contains("type: sgd"), "\(said)")
    #expect(said.contains("the exact solver uses no optimizer, so weight_decay cannot apply"))
    #expect(said.contains("fix-it: regularization: {l2: 0.01}"), "\(said)")
    #expect(said.contains("optimizer changes nothing"), "\(said)")
    // With the penalty written already, removing the optimizer is what is left.
    let both = failure(
      Self.exact + "regularization: {l2: 0.1}\n", overrides: ["optimizer.weight_decay=0.01"])
    #expect(!both.contains("type=sgd") && !both.contains("applied twice"), "\(both)")
    #expect(both.contains("weight_decay cannot apply"), "\(both)")
  }

  /// F-i: the fix-its given beside a `--set` (the optimizer's removal as a command, the
  /// penalty as the file's edit), applied, give a spec that loads.
  @Test func theCommandLineFixItsLoadWhenApplied() throws {
    let spec = Self.exact + "optimizer:\n  weight_decay: 0.01\n"
    let said = failure(spec, overrides: ["seed=3"])
    #expect(said.contains("fix-it: --set '~optimizer'"), "\(said)")
    #expect(said.contains("fix-it: regularization: {l2: 0.01}"), "\(said)")
    let fixed = try load(
      spec, overrides: ["seed=3", "~optimizer", "regularization={l2: 0.01}"]
    ).get()
    #expect(fixed.spec.regularization.l2 == 0.01)
  }

  /// m8: L1 under the exact solver, given on the command line, gets the `--set` removing it.
  @Test func l1UnderTheExactSolverGetsAFixIt() throws {
    let said = failure(Self.exact, overrides: ["regularization.l1=0.1"])
    #expect(said.contains("the exact solver cannot use L1"))
    #expect(said.contains("fix-it: --set '~regularization.l1'"), "\(said)")
    _ = try load(Self.exact, overrides: ["regularization.l1=0.1", "~regularization.l1"]).get()
  }

  /// m11: `2e1` where a whole number is expected is refused as `20.0` is (both are floats in
  /// YAML), saying so, with the whole number as the fix-it; `20` and `0x14` are read.
  @Test func aWholeNumberKeyRefusesTheExponentFormAsTheDecimalPoint() throws {
    let spec = minimalSpec + "\noptimizer: {type: gd, iterations: 5}\n"
    for text in ["20.0", "2e1"] {
      let said = failure(spec, overrides: ["optimizer.iterations=\(text)"])
      #expect(said.contains("optimizer.iterations must be a whole number without"), "\(said)")
      #expect(said.contains("fix-it: --set 'optimizer.iterations=20'"), "\(said)")
    }
    #expect(
      failure(spec, overrides: ["optimizer.iterations=2e1"]).contains(
        "(got 2e1, which YAML reads as the float 20.0, not a whole number)"))
    for text in ["20", "0x14"] {
      let loaded = try load(spec, overrides: ["optimizer.iterations=\(text)"]).get()
      #expect(loaded.spec.optimizer.budget == .iterations(20))
    }
  }
}
