import Conventions
import Foundation
import Testing

@testable import Specs

/// Thousands of seeded random mutations of the specs in experiments/ (deleted lines and keys,
/// swapped value types, random bytes, deep nesting, bad indentation): none may crash, and each
/// ends either in a valid spec (whose canonical form round-trips) or in located diagnostics.
@Suite struct MutationFuzzTests {
  static let mutationsPerSpec = 100

  @Test(arguments: experimentSpecs())
  func mutationsEndInASpecOrLocatedDiagnostics(_ path: String) throws {
    let original = try String(contentsOfFile: path.relativeToRoot, encoding: .utf8)
    var rng = SplitMix64(seed: StableHash.fnv1a(path))
    var outcomes = (valid: 0, invalid: 0)
    for round in 0..<Self.mutationsPerSpec {
      var text = original
      for _ in 0..<(1 + Int(rng.next() % 3)) { text = Self.mutate(text, &rng) }
      let lineCount = text.utf8.split(
        separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false
      ).count
      do {
        let loaded = try SpecLoader.load(text: text, file: "fuzz.yaml")
        outcomes.valid += 1
        let canonical = SpecWriter.canonical(loaded.spec)
        let again = try SpecLoader.load(text: canonical, file: "fuzz.yaml")
        #expect(
          again.spec == loaded.spec,
          "round \(round): canonical form does not round-trip:\n\(canonical)")
      } catch {
        outcomes.invalid += 1
        #expect(error.exitCode == 65, "round \(round)")
        #expect(!error.diagnostics.isEmpty)
        for d in error.diagnostics {
          guard let location = d.location else {
            Issue.record("round \(round): unlocated diagnostic \(d.message)\n--- input:\n\(text)")
            continue
          }
          #expect(
            (1...max(1, lineCount)).contains(location.line),
            "round \(round): line \(location.line) of \(lineCount)")
          #expect(location.column >= 1)
          #expect(!d.message.isEmpty)
        }
      }
    }
    #expect(outcomes.invalid > 0)
  }

  static let replacements = [
    "[]", "{}", "[1, 2]", "{a: 1}", "\"text\"", "-1", "0", "1e308", "1e-320", ".inf", ".nan", "~",
    "null", "yes",
    "9999999999999999999999", "-0", "0x10", "'0.5'", "&anchor 3", "*missing", "!!binary AAAA",
    "|\n  block",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "true", "1/0",
    "relu", "..",
    "/etc/passwd", "é", "\u{0}", "\t", "{units: 0}", "- x",
  ]

  /// One random edit of the text.
  static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { return "x" }
    let i = Int(rng.next() % UInt64(lines.count))
    func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
    switch rng.next() % 9 {
    case 0:  // delete a line (a key, or part of a block)
      lines.remove(at: i)
    case 1:  // replace a value with another type
      if let colon = lines[i].firstIndex(of: ":") {
        lines[i] = String(lines[i][...colon]) + " " + pick(replacements)
      }
    case 2:  // random bytes somewhere in the line
      var scalars = Array(lines[i].unicodeScalars)
      let at = scalars.isEmpty ? 0 : Int(rng.next() % UInt64(scalars.count + 1))
      let inserted = (0..<(1 + Int(rng.next() % 4))).map { _ in
        Unicode.Scalar(UInt8(truncatingIfNeeded: rng.next() % 128))
      }
      scalars.insert(contentsOf: inserted, at: at)
      lines[i] = String(String.UnicodeScalarView(scalars))
    case 3:  // deep nesting
      let depth = Int(rng.next() % 2000)
      lines[i] +=
        String(repeating: "[", count: depth)
        + String(repeating: "]", count: Int(rng.next() % 2) == 0 ? depth : 0)
    case 4:  // duplicate a line
      lines.insert(lines[i], at: i)
    case 5:  // shift indentation
      lines[i] =
        Int(rng.next() % 2) == 0 ? "   " + lines[i] : String(lines[i].drop(while: { $0 == " " }))
    case 6:  // rename a key
      if let colon = lines[i].firstIndex(of: ":") {
        let indent = lines[i].prefix(while: { $0 == " " || $0 == "-" })
        lines[i] =
          indent
          + pick(["typo", "type", "units", "learning_rate", "seed", "name", "layers", "x.y"])
          + lines[i][colon...]
      }
    case 7:  // truncate the document
      lines = Array(lines.prefix(i))
    default:  // swap two lines
      let j = Int(rng.next() % UInt64(lines.count))
      lines.swapAt(i, j)
    }
    return lines.joined(separator: "\n")
  }
}

/// Raw byte mutations (invalid UTF-8, NUL, control bytes) through the file-reading path.
@Suite struct ByteFuzzTests {
  @Test func randomBytesNeverCrashTheFileLoader() throws {
    let original = Array(
      try String(contentsOfFile: "experiments/cat.yaml".relativeToRoot, encoding: .utf8).utf8)
    let path = NSTemporaryDirectory() + "specs-byte-fuzz-\(getpid()).yaml"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var rng = SplitMix64(seed: 2026)
    for round in 0..<300 {
      var bytes = original
      for _ in 0..<(1 + Int(rng.next() % 8)) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        case 1: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
        default: bytes.remove(at: at)
        }
      }
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      do {
        _ = try SpecLoader.load(file: path)
      } catch {
        #expect(error.exitCode == 65, "round \(round)")
        #expect(error.diagnostics.allSatisfy { $0.location != nil }, "round \(round): \(error)")
      }
    }
  }
}
