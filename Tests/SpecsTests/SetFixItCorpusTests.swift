import Conventions
import Foundation
import Testing

@testable import Specs

/// Every error of the bad-spec corpus that has a fix-it, brought about by a `--set` instead of
/// the file (tester BA F-F, F-J): a one-line key of the file is given on the command line
/// instead, the file then loading alone. The error then has a fix-it that is a `--set`, which
/// does not remove the user's own `--set`, and which, added to the command line as printed,
/// clears the error.
@Suite struct SetFixItCorpusTests {
  /// A key written on one line of the file (`  loss: mse`): its path, line and value as written.
  struct Entry {
    var path: SpecPath
    var line: Int
    var value: String
  }

  /// The one-line `key: value` entries of block mappings in `node` (`lines` the file's text),
  /// those whose value continues on no later line.
  static func entries(_ node: SpecNode, under path: SpecPath = .root, lines: [Substring])
    -> [Entry]
  {
    switch node {
    case .scalar: return []
    case .sequence(let s):
      return s.items.enumerated().flatMap { i, item in
        entries(item, under: path.appending(index: i), lines: lines)
      }
    case .mapping(let m):
      return m.entries.flatMap { pair -> [Entry] in
        let here = path.appending(pair.key)
        let row = pair.keyLocation.line - 1
        guard case .file = pair.keyLocation.source, lines.indices.contains(row) else { return [] }
        let line = lines[row]
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        let next = lines[(row + 1)...].first { !$0.trimmingSpaces.isEmpty }
        guard rest.hasPrefix("\(pair.key): "), !rest.contains(" #"),
          (next?.prefix { $0 == " " }.count ?? 0) <= indent
        else { return entries(pair.value, under: here, lines: lines) }
        let value = String(rest.dropFirst(pair.key.count + 2).trimmingSpaces)
        return [Entry(path: here, line: pair.keyLocation.line, value: value)]
      }
    }
  }

  /// The errors of `text` under `overrides`; nil when it loads.
  static func errors(_ text: String, _ overrides: [String]) -> [Diagnostic]? {
    var options = SpecOptions()
    options.overrides = overrides
    do {
      _ = try SpecLoader.load(text: text, file: "spec.yaml", options: options)
      return nil
    } catch {
      return error.diagnostics.filter { $0.severity == .error }
    }
  }

  /// What is wrong with the fix-its of `name`'s errors when one of its keys comes from --set;
  /// and how many errors were checked.
  static func problems(_ name: String) throws -> (problems: [String], checked: Int) {
    let path = "\(BadSpecCorpusTests.directory)/\(name).yaml"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard !text.hasPrefix("# args:"), let refused = errors(text, []),
      case .success(let tree) = YAMLReader(file: "spec.yaml", text: text).read()
    else { return ([], 0) }
    let fixed = refused.filter { $0.fixIt != nil }
    guard !fixed.isEmpty else { return ([], 0) }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var problems: [String] = []
    var checked = 0
    for entry in entries(tree, lines: lines) {
      var without = lines
      without.remove(at: entry.line - 1)
      let alone = without.joined(separator: "\n")
      // The file without the key loads: the --set alone brings the errors about.
      guard errors(alone, []) == nil else { continue }
      let set = "\(entry.path)=\(entry.value)"
      let given = errors(alone, [set]) ?? []
      for d in fixed {
        guard let error = given.first(where: { $0.message == d.message }) else { continue }
        checked += 1
        let said = "\(name) --set \(set.singleQuoted): \(d.message)"
        guard let fixIt = error.commandLineFixIt.fixIt else {
          problems.append("\(said): no fix-it (the file's is \(d.fixIt ?? ""))")
          continue
        }
        guard fixIt.hasPrefix("--set ") else {
          problems.append("\(said): fix-it '\(fixIt)' is not a --set")
          continue
        }
        let added = BadSpecCorpusTests.words(fixIt[...]).filter { $0 != "--set" }
        let undone = added.compactMap { try? Override(parsing: $0) }.contains {
          $0.removes && entry.path.isWithin($0.path)
        }
        if undone {
          problems.append("\(said): fix-it '\(fixIt)' undoes the --set")
        }
        let after = errors(alone, [set] + added) ?? []
        if after.contains(where: { $0.message == error.message }) {
          problems.append("\(said): following '\(fixIt)' leaves the error")
        }
      }
    }
    return (problems, checked)
  }

  @Test func everyFixItOfAnErrorASetBringsAboutIsASetThatClearsIt() async throws {
    let results = try await withThrowingTaskGroup(of: ([String], Int).self) { group in
      for name in BadSpecCorpusTests.cases {
        group.addTask { try Self.problems(name) }
      }
      return try await group.reduce(into: [([String], Int)]()) { $0.append($1) }
    }
    let problems = results.flatMap(\.0).sorted()
    #expect(problems.isEmpty, "\(problems.count):\n\(problems.joined(separator: "\n"))")
    // The walk reaches a good part of the corpus (it checks what it claims to).
    #expect(results.map(\.1).reduce(0, +) >= 100)
  }
}
