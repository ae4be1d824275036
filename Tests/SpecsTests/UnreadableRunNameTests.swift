import Testing

@testable import Specs

/// A spec without `name:` is named after its file; a file name without ASCII letters
/// (`第一课.yaml`) gives a name of `_` and a hash, which a note explains, saying how to choose one.
@Suite struct UnreadableRunNameTests {
  static let text = "dataset: {name: iris}\nmodel: logreg\nloss: cross_entropy\n"

  @Test func fileNameWithoutASCIILettersGetsANote() throws {
    let loaded = try SpecLoader.load(text: Self.text, file: "课程/第一课.yaml")
    #expect(loaded.spec.name == "___-47676b40")
    let notes = loaded.warnings.filter { $0.severity == .note }
    #expect(notes.count == 1)
    #expect(
      notes.first?.message
        == "the file name 第一课 has no ASCII letters: the run is named ___-47676b40")
    #expect(notes.first?.note?.contains("`name: lesson1`") == true)
    #expect(notes.first?.location?.description == "课程/第一课.yaml:1:1")
  }

  @Test func anASCIIOrNamedSpecGetsNone() throws {
    for (text, file) in [
      (Self.text, "lesson1.yaml"), (Self.text, "lesson第一课.yaml"), (Self.text, "001.yaml"),
      ("name: lesson1\n" + Self.text, "第一课.yaml"),
    ] {
      let loaded = try SpecLoader.load(text: text, file: file)
      #expect(loaded.warnings.allSatisfy { $0.severity != .note }, "\(file)")
    }
  }
}
