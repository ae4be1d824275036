import Foundation
import Testing

@testable import Specs

/// Every `BadSpecs/*.yaml` is a different mistake; `BadSpecs/*.expected` holds its exact
/// rendered diagnostics. A first-line comment `# args: --set k=v --strict` adds arguments
/// (split as a shell does: `--set 'k={a: 1}'` is one value).
/// Re-record with `RECORD_BAD_SPECS=1 swift test --filter BadSpecCorpus` and review the diff.
@Suite struct BadSpecCorpusTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("BadSpecs").path

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map { String($0.dropLast(5)) }
  }

  static func arguments(_ text: String) -> SpecOptions {
    var options = SpecOptions()
    guard let first = text.split(separator: "\n").first, first.hasPrefix("# args:") else {
      return options
    }
    var words = Self.words(first.dropFirst("# args:".count))[...]
    while let word = words.popFirst() {
      switch word {
      case "--set": if let value = words.popFirst() { options.overrides.append(value) }
      case "--strict": options.strict = true
      default: Issue.record("unknown argument \(word)")
      }
    }
    return options
  }

  /// `text` split at spaces outside single quotes, the quotes removed, as a shell splits it.
  static func words(_ text: Substring) -> [String] {
    var words: [String] = []
    var word: String? = nil
    var quoted = false
    for character in text {
      switch character {
      case "'":
        quoted.toggle()
        word = word ?? ""
      case " " where !quoted:
        if let done = word { words.append(done) }
        word = nil
      default: word = (word ?? "") + String(character)
      }
    }
    if let done = word { words.append(done) }
    return words
  }

  @Test func corpusHasAtLeastFortyMistakes() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases)
  func badSpecGivesExactDiagnostics(_ name: String) throws {
    let text = try String(contentsOfFile: "\(Self.directory)/\(name).yaml", encoding: .utf8)
    let display = "BadSpecs/\(name).yaml"
    var error: SpecError?
    do {
      _ = try SpecLoader.load(text: text, file: display, options: Self.arguments(text))
    } catch let e {
      error = e
    }
    guard let error else {
      Issue.record("\(name) loaded without errors")
      return
    }
    #expect(error.exitCode == 65)
    #expect(error.diagnostics.contains { $0.severity == .error })
    #expect(error.diagnostics.allSatisfy { $0.location != nil }, "every diagnostic is located")
    let rendered = DiagnosticRenderer().render(error.diagnostics)
    let expectedPath = "\(Self.directory)/\(name).expected"
    if ProcessInfo.processInfo.environment["RECORD_BAD_SPECS"] != nil {
      try rendered.write(toFile: expectedPath, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(rendered == expected)
  }
}
