import Testing

@testable import Specs

/// `normalize: {mean, std}` (torchvision's `Normalize` of one channel) is read, written back
/// as read, and warned of where it changes nothing, as the other steps are.
@Suite struct NormalizeStepTests {
  static func spec(_ steps: String) -> String {
    "dataset:\n  name: iris\n  preprocessing: \(steps)\nmodel: logreg\nloss: cross_entropy\n"
  }

  @Test func readAndWrittenBack() throws {
    let text = Self.spec("[flatten, {scale: 1/255}, {normalize: {mean: 0.485, std: 0.229}}]")
    let loaded = try SpecLoader.load(text: text, file: "n.yaml")
    #expect(
      loaded.spec.dataset.preprocessing.last
        == .normalize(FixedNormalization(mean: 0.485, std: 0.229)))
    let canonical = SpecWriter.canonical(loaded.spec)
    #expect(canonical.contains("- normalize:\n        mean: 0.485\n        std: 0.229"))
    let again = try SpecLoader.load(text: canonical, file: "n.yaml")
    #expect(again.spec.dataset.preprocessing == loaded.spec.dataset.preprocessing)
  }

  @Test func warnedWhereItChangesNothing() throws {
    let text = Self.spec("[{normalize: {}}, {normalize: {mean: 1, std: 2}}, standardize]")
    let warnings = try SpecLoader.load(text: text, file: "n.yaml").warnings.map(\.message)
    #expect(
      warnings.contains("this normalize step changes nothing: it subtracts 0 and divides by 1"))
    #expect(
      warnings.contains {
        $0.hasPrefix("this normalize step changes nothing (but the last bits): the standardize")
      })
  }
}
