import Foundation
import Testing

@testable import Conventions

@Suite("JSON output")
struct JSONValueTests {
  @Test("keys keep their order; numbers print exactly; strings are escaped")
  func rendering() {
    let value = JSONValue.object([
      ("b", .integer(2)), ("a", .number(0.1)), ("nan", .number(.nan)),
      ("s", .string("q\"\\\n\u{1}")), ("list", .array([.bool(true), .null])),
      ("seed", .field("9365514472884010311")), ("empty", .field("")), ("x", .field("1e-05")),
    ])
    #expect(
      value.rendered
        == #"{"b":2,"a":0.1,"nan":null,"s":"q\"\\\n\u0001","list":[true,null],"seed":9365514472884010311,"empty":null,"x":1e-05}"#
    )
    let parsed = try? JSONSerialization.jsonObject(with: Data(value.rendered.utf8))
    #expect(parsed != nil)
  }
}
