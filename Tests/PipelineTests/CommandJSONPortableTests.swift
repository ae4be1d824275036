import Conventions
import Foundation
import Testing

@testable import Pipeline

/// `JSONValue.portable`, which every `--json` object passes through: nothing a JSON reader
/// holding numbers as IEEE doubles (jq, JavaScript) would round.
@Suite("JSON that scripts read exactly")
struct CommandJSONPortableTests {
  @Test("integers past 2^53 − 1 and every seed become text; the rest is kept")
  func portable() throws {
    let value = JSONValue.object([
      ("safe", .integer(9_007_199_254_740_991)), ("past", .integer(9_007_199_254_740_992)),
      ("negative", .integer(-9_007_199_254_740_992)), ("big", .bigInteger("16423837535081239908")),
      ("seed", .integer(0)), ("dataset.split.seed", .integer(21)), ("random_seed", .integer(7)),
      ("seeds", .integer(3)), ("text_seed", .string("auto")), ("no_seed", .null),
      ("rate", .number(0.1)), ("large", .number(1e20)),
      (
        "changes",
        .array([
          .object([
            ("column", .string("seed")), ("old", .integer(1)),
            ("new", .bigInteger("16423837535081239908")), ("delta", .number(1.6e19)),
          ]),
          .object([
            ("column", .string("iterations")), ("old", .integer(1)), ("new", .integer(2)),
            ("delta", .number(1)),
          ]),
        ])
      ),
    ])
    let text = value.portable.rendered
    #expect(
      text
        == #"{"safe":9007199254740991,"past":"9007199254740992","negative":"-9007199254740992","#
        + #""big":"16423837535081239908","seed":"0","dataset.split.seed":"21","random_seed":"7","#
        + #""seeds":3,"text_seed":"auto","no_seed":null,"rate":0.1,"large":1e+20,"#
        + #""changes":[{"column":"seed","old":"1","new":"16423837535081239908","delta":null},"#
        + #"{"column":"iterations","old":1,"new":2,"delta":1.0}]}"#)
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(parsed["big"] as? String == "16423837535081239908")
    #expect(parsed["safe"] as? Int == 9_007_199_254_740_991)
    #expect(parsed["seed"] as? String == "0")
  }
}
