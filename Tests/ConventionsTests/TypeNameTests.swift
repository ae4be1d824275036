import Foundation
import Testing

/// No type name is declared in two modules: two `ConfusionMatrix` or `CSVTable` types that
/// drift apart are how one concept ends up with two behaviours.
@Suite struct TypeNameTests {
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

  /// Spec types that mirror an engine or data type of the same name, until spec and engine
  /// share one vocabulary for them too (`Sources/Vocabulary`): each is to go, none may be added.
  static let mirrorsToRemove: Set<String> = []

  /// The names of the types (also nested ones) declared in each module's sources.
  static func declarations() throws -> [String: Set<String>] {
    let kinds = ["struct", "enum", "class", "protocol", "actor"]
    var names: [String: Set<String>] = [:]
    let modules = try FileManager.default.contentsOfDirectory(atPath: sources.path)
    for module in modules {
      let directory = sources.appendingPathComponent(module)
      guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
      for case let file as String in files where file.hasSuffix(".swift") {
        let text = try String(
          contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") {
          let words = line.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "<" })
          guard let k = words.firstIndex(where: { kinds.contains(String($0)) }),
            words[..<k].allSatisfy({
              [
                "public", "private", "fileprivate", "internal", "package",
                "final", "indirect",
              ].contains(String($0))
            }),
            k + 1 < words.count, let first = words[k + 1].first, first.isUppercase
          else { continue }
          names[module, default: []].insert(String(words[k + 1]))
        }
      }
    }
    return names
  }

  @Test func noTypeNameIsDeclaredInTwoModules() throws {
    let declarations = try Self.declarations()
    #expect(declarations.count >= 6, "found modules: \(declarations.keys.sorted())")
    var modulesByName: [String: [String]] = [:]
    for (module, names) in declarations {
      for name in names { modulesByName[name, default: []].append(module) }
    }
    let reused = modulesByName.filter {
      $0.value.count > 1 && !Self.mirrorsToRemove.contains($0.key)
    }
    #expect(
      reused.isEmpty,
      "declared in several modules: \(reused.mapValues { $0.sorted() }.sorted { $0.key < $1.key })"
    )
  }

  /// Every listed mirror is still declared twice (a removed one leaves the list).
  @Test func listedMirrorsStillExist() throws {
    var count: [String: Int] = [:]
    for names in try Self.declarations().values {
      for name in names { count[name, default: 0] += 1 }
    }
    #expect(Self.mirrorsToRemove.filter { (count[$0] ?? 0) < 2 }.sorted() == [])
  }
}
