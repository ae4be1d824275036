import Foundation
import Testing

@testable import Conventions

@Suite("JSON output")
struct JSONValueTests {
  /// Tester BR-5: `run --json`, `ls --format json` and DVC's summary.json wrote a `nan` figure
  /// as `null` (an empty cell), while `diff --json` and the docs say `"nan"`.
  @Test("a non-finite figure is the string the CSV files write, not null")
  func nonFiniteFigures() {
    let value = JSONValue.array([
      .number(.nan), .field("nan"), .number(.infinity), .field("-inf"), .field(""),
    ])
    #expect(value.rendered == #"["nan","nan","inf","-inf",null]"#)
  }

  @Test("keys keep their order; numbers print exactly; strings are escaped")
  func rendering() {
    let value = JSONValue.object([
      ("b", .integer(2)), ("a", .number(0.1)), ("nan", .number(.nan)),
      ("s", .string("q\"\\\n\u{1}")), ("list", .array([.bool(true), .null])),
      ("seed", .field("9365514472884010311")), ("empty", .field("")), ("x", .field("1e-05")),
    ])
    #expect(
      value.rendered
        == #"{"b":2,"a":0.1,"nan":"nan","s":"q\"\\\n\u0001","list":[true,null],"seed":9365514472884010311,"empty":null,"x":1e-05}"#
    )
    let parsed = try? JSONSerialization.jsonObject(with: Data(value.rendered.utf8))
    #expect(parsed != nil)
  }

  @Test("identifier and word columns stay strings, whatever their characters (tester G1)")
  func textColumns() {
    #expect(JSONValue.field("048101224034", column: "trial") == .string("048101224034"))
    #expect(JSONValue.field("1234567890e1", column: "trial") == .string("1234567890e1"))
    #expect(JSONValue.field("0123", column: "git_commit") == .string("0123"))
    #expect(JSONValue.field("1", column: "model.type") == .string("1"))
    #expect(JSONValue.field("", column: "trial") == .null)
    #expect(JSONValue.field("0.5", column: "dev_loss") == .number(0.5))
    #expect(JSONValue.field("12", column: "iterations") == .integer(12))
  }
}
