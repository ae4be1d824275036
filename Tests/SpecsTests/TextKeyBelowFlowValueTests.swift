import Foundation
import Testing

@testable import Specs

/// A text key written `{}` or `[]` with its text on the line below (tester BO-14): the fix-it
/// is the text after the key, quoted when YAML needs it and with its comment kept, and loads;
/// `name` is a text as `description` is; the note names a fix-it only when one is printed.
@Suite struct TextKeyBelowFlowValueTests {
  typealias Base = PastedListSlipTests

  /// `Base.spec` with `seed: 12` followed by `lines`.
  static func spec(_ lines: String) throws -> String {
    try Base.spec("seed: 12\n", "seed: 12\n" + lines)
  }

  /// The one error of `text`, whose fix-it pasted over its key's line, the text's line
  /// deleted, makes the spec load.
  static func fixItLoads(_ text: String, keyLine: Int) throws -> Diagnostic {
    let errors = Base.errors(text)
    #expect(errors.count == 1, "\(errors)")
    let error = try #require(errors.first)
    var lines = text.components(separatedBy: "\n")
    lines[keyLine - 1] = try #require(error.fixIt, "\(error.message)")
    lines.remove(at: keyLine)
    let fixed = lines.joined(separator: "\n")
    #expect(Base.errors(fixed).isEmpty, "\(fixed)\n\(Base.errors(fixed))")
    return error
  }

  @Test func theTextIsQuotedWhenYAMLNeedsItAndKeepsItsComment() throws {
    for (below, fixIt) in [
      ("  text: it's: fine", "description: \"it's: fine\""),
      ("  text: a # c", "description: a # c"),
      ("  text: \"a: b # c\"", "description: \"a: b # c\""),
      ("  - a: b", "description: \"a: b\""),
    ] {
      let braces = below.hasPrefix("  -") ? "[]" : "{}"
      let error = try Self.fixItLoads(
        Self.spec("description: \(braces)\n\(below)\n"), keyLine: 3)
      #expect(error.fixIt == fixIt)
      #expect(error.message.hasSuffix("but description is a text"), "\(error.message)")
      #expect(error.note?.contains("the fix-it replaces line 3") == true)
    }
  }

  @Test func aNameIsATextAsADescriptionIs() throws {
    let text = try Base.spec("name: base\n", "name: {}\n  text: a\n")
    let error = try Self.fixItLoads(text, keyLine: 1)
    #expect(error.fixIt == "name: a")
    #expect(error.message.hasSuffix("but name is a text"))
  }

  @Test func aNoteNamesAFixItOnlyWhenOneIsPrinted() throws {
    let text = try Self.spec("description: {}\n  text: a\n  more: b\n")
    let error = try #require(Base.errors(text).first)
    #expect(error.fixIt == nil)
    #expect(error.note?.contains("fix-it") == false, "\(error.note ?? "")")
    // Several lines of text below a text key: a text still, not keys to move into its braces.
    #expect(error.message.hasSuffix("but description is a text"), "\(error.message)")
    #expect(error.note?.hasSuffix("and delete lines 4-5") == true, "\(error.note ?? "")")
  }

  @Test func aFlowListsItemsBelowItAreMovedIntoIt() throws {
    let text = try Base.spec("metrics:\n  - accuracy\n  - f1", "metrics: []\n  - accuracy\n  - f1")
    let error = try #require(Base.errors(text).first)
    #expect(error.message.contains("whose value is the flow list `[]` on that line"))
    #expect(error.fixIt == "metrics: [accuracy, f1]")
    let fixed = try Base.spec("metrics:\n  - accuracy\n  - f1", "metrics: [accuracy, f1]")
    #expect(Base.errors(fixed).isEmpty)
  }

  @Test func aKeyBelowAFlowListIsNoItemOfIt() throws {
    let text = try Base.spec(
      "  split: {train: 0.7, dev: 0.3}\n",
      "  split: {train: 0.7, dev: 0.3}\n  features: [x0, x1]\n    target: y\n")
    let error = try #require(Base.errors(text).first)
    #expect(error.message.hasSuffix("on that line, and a list holds no key"), "\(error.message)")
    #expect(error.fixIt == "  target: y")
  }
}
