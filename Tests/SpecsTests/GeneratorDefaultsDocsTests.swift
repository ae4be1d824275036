import Testing

@testable import Specs

/// The key reference's generator defaults are each kind's own (`GeneratorSpec(kind:)`), not one
/// kind's: it said `samples` defaults to 100 where gates draws 4 (tester Q1).
@Suite struct GeneratorDefaultsDocsTests {
  static func documented(_ key: String) throws -> String {
    try #require(Schema.keys.first { $0.path == "dataset.generator." + key }).defaultValue
  }

  @Test func samplesNamesTheKindThatDrawsAnotherCount() throws {
    let most = GeneratorSpec(kind: .linear).samples
    let gates = GeneratorSpec(kind: .gates).samples
    #expect(gates != most)
    #expect(try Self.documented("samples") == "\(most) (gates: \(gates))")
  }

  /// Each kind's default as the text gives it: `V (k: v; k2, k3: w)`, `k: v; k2: w`, or `V`.
  static func perKind(_ text: String, _ kind: GeneratorSpec.Kind) -> String? {
    var (rest, body): (String?, String) = (text, "")
    if let open = text.range(of: " ("), text.hasSuffix(")") {
      (rest, body) = (String(text[..<open.lowerBound]), String(text[open.upperBound...].dropLast()))
    } else if text.contains(": ") {
      (rest, body) = (nil, text)
    }
    for group in body.components(separatedBy: "; ") where !body.isEmpty {
      guard let colon = group.range(of: ": ") else { return nil }
      let kinds = group[..<colon.lowerBound].components(separatedBy: ", ")
      if kinds.contains(kind.rawValue) { return String(group[colon.upperBound...]) }
    }
    return rest
  }

  @Test func everyKindsDefaultIsDocumented() throws {
    #expect(Self.perKind("100 (gates: 4)", .gates) == "4")
    #expect(Self.perKind("100 (gates: 4)", .moons) == "100")
    #expect(
      Self.perKind("linear: [0.0, 1.0]; sine, polynomial: [1.0, 2.0]", .polynomial) == "[1.0, 2.0]")
    for key in GeneratorSpec.keys {
      let text = try Self.documented(key.name)
      for kind in GeneratorSpec.Kind.allCases
      where GeneratorSpec.keys(for: kind).contains(key.name) {
        let own = try #require(key.schema("", GeneratorSpec(kind: kind)).first).defaultValue
        #expect(Self.perKind(text, kind) == own, "\(key.name) of \(kind): \(text)")
      }
    }
  }
}
