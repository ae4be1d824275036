import Foundation
import Pipeline
import Reports
import Testing

/// Real runs the basic recipe judges: an unstable run is training that did not converge, with
/// the advice that makes it go down.
@Suite struct RecipeRunTests {
  @Test func theCatAtLearningRate10IsToldToLowerItNamingTheRise() throws {
    // The loss goes 0.693 → 127 → 2224 (3200× its start, under the divergence factor) and
    // falls back to ~0; it was "high variance" with "try next: add regularization".
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try TestProject.run(
      TestProject.experiment("cat.yaml"), resultsRoot: directory,
      overrides: ["optimizer.learning_rate=10"])
    #expect(
      outcome.verdict?.hasPrefix("training did not converge: the training loss rose to ") == true,
      "\(String(describing: outcome.verdict))")
    let first = try #require(outcome.nextSteps.first)
    #expect(
      first.hasPrefix("a lower learning rate (the training loss rose to 2.22e+03, "), "\(first)")
    #expect(
      first.hasSuffix("× its start): lower `optimizer.learning_rate` from 10.0 to 1.0"), "\(first)")
  }
}
