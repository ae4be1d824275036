import Foundation
import Testing

@testable import Specs

@Suite struct SafetyTests {
  /// A billion-laughs document must be refused quickly, without expanding it.
  @Test func aliasBombIsRefusedQuickly() {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...12 {
      text +=
        "a\(level): &a\(level) ["
        + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let start = Date()
    let message = failure(text)
    // A debug build on a shared machine; about 0.1 s in release.
    #expect(Date().timeIntervalSince(start) < 3)
    #expect(message.contains("error: the spec expands to more than 100000 values"))
  }

  /// Issue 13 case 8: one long string aliased many times stays under the size and value limits
  /// but would expand to gigabytes; its expanded text is counted and refused quickly.
  @Test func aliasesOfALongStringAreRefusedByExpandedBytes() {
    let text =
      "description: &s \"" + String(repeating: "x", count: 500_000) + "\"\nname: bomb\nextra: ["
      + Array(repeating: "*s", count: 90_000).joined(separator: ", ") + "]\n"
    #expect(text.utf8.count < 1 << 20)
    let start = Date()
    #expect(
      failure(text).hasPrefix(
        "spec.yaml:3:1: error: the spec expands to more than 4194304 bytes of text (aliases of "
          + "long strings, or a huge document)"))
    #expect(Date().timeIntervalSince(start) < 3)
  }

  /// A long line of aliases (not keys) is scanned in linear time.
  @Test func longLinesOfAliasesAreScannedQuickly() throws {
    let text =
      minimalSpec + "\ndescription: &d \"x\"\nextra: ["
      + Array(repeating: "*d", count: 30_000).joined(separator: ", ") + "]\n"
    let start = Date()
    #expect(failure(text).contains("unknown key 'extra'"))
    #expect(Date().timeIntervalSince(start) < 3)
  }

  @Test func hugeDocumentIsRefusedBeforeParsing() {
    let text = "description: \"" + String(repeating: "x", count: 2 << 20) + "\"\n"
    let start = Date()
    #expect(
      failure(text).hasPrefix(
        "spec.yaml:1:1: error: the spec is too large (2097168 bytes; the limit is 1048576 bytes)"))
    #expect(Date().timeIntervalSince(start) < 1)
  }

  @Test func deepNestingIsRefused() {
    let depth = 500
    let text =
      "description: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
      + "\n"
    #expect(failure(text).contains("error: the spec is nested more than 64 levels deep"))
    // Past libyaml's own limit (1000), in the same words, not its C API's (tester V5).
    let deeper = "description: " + String(repeating: "[", count: 5000) + "\n"
    #expect(
      failure(deeper).hasPrefix(
        "spec.yaml:1:15: error: the spec is nested more than 64 levels deep\n"))
  }

  @Test func resultsPathsStayInsideUnlessAllowed() throws {
    for (key, value) in [
      ("name", "../x"), ("output", "../../x"), ("output", "/etc"),
      ("output", "a/../../b"),
    ] {
      let text = minimalSpec + "\n\(key): \(value)"
      #expect(
        failure(text).contains("would write outside the results directory"), "\(key): \(value)")
      let allowed = try SpecLoader.load(
        text: text, file: "spec.yaml", options: SpecOptions(allowOutsideResults: true))
      #expect(key == "name" ? allowed.spec.name == value : allowed.spec.output == value)
    }
    // A nested name stays inside: it is said to hold a separator, with `output` as the way.
    let slash = failure(minimalSpec + "\nname: a/b")
    #expect(slash.contains("name 'a/b' holds a folder separator"), "\(slash)")
    #expect(slash.contains("use `output` for a nested folder"), "\(slash)")
    let nested = try load(minimalSpec + "\noutput: runs/iris-1").get()
    #expect(nested.spec.output == "runs/iris-1")
  }

  /// The first byte that is not UTF-8 is located: a bad byte, and the sequences a check of
  /// lengths alone would pass (overlong, a surrogate, past U+10FFFF), which Foundation refuses.
  @Test(arguments: [[0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]])
  func invalidUTF8IsLocated(_ invalid: [UInt8]) throws {
    let bytes: [UInt8] =
      Array("seed: 1\nname: ".utf8) + invalid + Array("\ndescription: a long line after it\n".utf8)
    let path = NSTemporaryDirectory() + "specs-invalid-utf8-\(getpid())-\(invalid[0]).yaml"
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try SpecLoader.load(file: path)
      Issue.record("loaded")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.description.hasPrefix("\(path):2:7: error: the spec is not valid UTF-8 (byte 14)"))
    }
  }

  /// A latin-1 byte is located at its line and column (counted in characters, as the spec's
  /// other locations are), with the conversion that fixes it (tester V5).
  @Test func aLatin1ByteIsLocatedWithItsConversion() throws {
    let bytes: [UInt8] = Array("seed: 1\nname: caf".utf8) + [0xE9] + Array("\n".utf8)
    let path = NSTemporaryDirectory() + "specs-latin1-\(getpid()).yaml"
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      _ = try SpecLoader.load(file: path)
    } throws: { error in
      let diagnostics = (error as? SpecError)?.diagnostics
      return diagnostics?.map(\.location?.description) == ["\(path):2:10"]
        && diagnostics?.map(\.message) == ["the spec is not valid UTF-8 (byte 17)"]
        && diagnostics?.map(\.note) == [
          "a latin-1 or Windows file converts with `iconv -f cp1252 -t utf-8 "
            + "specs-latin1-\(getpid()).yaml > specs-latin1-\(getpid())-utf8.yaml`"
        ]
    }
  }

  /// A spec in Chinese saved as GBK (Chinese Windows' "ANSI") is told to convert from GBK:
  /// converting it from cp1252, as the note said before, succeeds and makes mojibake of every
  /// Chinese word (tester BH).
  @Test func aGBKSpecIsToldToConvertFromGBK() throws {
    // 逻辑回归 in GBK.
    let bytes =
      Array("seed: 1\ndescription: ".utf8) + [0xC2, 0xDF, 0xBC, 0xAD, 0xBB, 0xD8, 0xB9, 0xE9]
    let path = NSTemporaryDirectory() + "specs-gbk-\(getpid()).yaml"
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes + [0x0A])))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      _ = try SpecLoader.load(file: path)
    } throws: { error in
      (error as? SpecError)?.diagnostics.map(\.note) == [
        "Chinese text saved as GBK (Chinese Windows' \"ANSI\") converts with `iconv -f gb18030 "
          + "-t utf-8 specs-gbk-\(getpid()).yaml > specs-gbk-\(getpid())-utf8.yaml`"
      ]
    }
  }

  /// A UTF-16 or UTF-32 spec (Notepad's "Unicode") is named by its byte-order mark, with the
  /// `iconv` line that converts it, as the CSV reader does (tester V5).
  @Test(arguments: [
    ([0xFF, 0xFE] as [UInt8], "UTF-16"), ([0xFE, 0xFF], "UTF-16"), ([0xFF, 0xFE, 0, 0], "UTF-32"),
  ])
  func aByteOrderMarkNamesTheEncoding(_ mark: [UInt8], _ encoding: String) throws {
    let bytes = mark + Array("s\0e\0e\0d\0".utf8)
    let path = NSTemporaryDirectory() + "specs-bom-\(getpid())-\(mark[1]).yaml"
    try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect {
      _ = try SpecLoader.load(file: path)
    } throws: { error in
      let diagnostics = (error as? SpecError)?.diagnostics
      return diagnostics?.map(\.message) == [
        "the spec is \(encoding) text (it starts with a \(encoding) byte-order mark; Windows "
          + "Notepad's \"Unicode\" writes it), not UTF-8"
      ]
        && diagnostics?.map(\.note) == [
          "convert it with `iconv -f \(encoding.lowercased()) -t utf-8 "
            + "specs-bom-\(getpid())-\(mark[1]).yaml > specs-bom-\(getpid())-\(mark[1])-utf8.yaml`"
        ]
    }
  }

  @Test func warningsPassUnlessStrict() throws {
    let text =
      "dataset: {name: breast_cancer}\nmodel: {type: logreg}\noptimizer: {iterations: 50}\n"
      + "record_every: 100\n"
    let loaded = try load(text).get()
    #expect(loaded.warnings.map(\.severity) == [.warning])
    #expect(loaded.warnings[0].location?.line == 4)
    #expect(
      failure(text, strict: true).contains("4:15: error: record_every (100) is larger than"))
  }
}
