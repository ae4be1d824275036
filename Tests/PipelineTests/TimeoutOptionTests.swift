import Foundation
import Pipeline
import Testing

/// Every `--timeout` is read by one parser with one rule (tester AT, F8): finite, longer than 0,
/// units as `runner sweep` has them; for the export at most 365 days, a bare number seconds.
struct TimeoutOptionTests {
  func refusal(_ text: String, _ use: TimeoutOption.Use) -> String? {
    do {
      _ = try TimeoutOption.seconds(text, for: use)
      return nil
    } catch {
      return error.message
    }
  }

  @Test func theExportsTimeoutTakesSecondsAndUnits() throws {
    #expect(try TimeoutOption.seconds("30", for: .request) == 30)
    #expect(try TimeoutOption.seconds("0.5", for: .request) == 0.5)
    #expect(try TimeoutOption.seconds("45s", for: .request) == 45)
    #expect(try TimeoutOption.seconds("1h30m", for: .request) == 5400)
    #expect(try TimeoutOption.seconds("365d", for: .request) == 365 * 86400)
  }

  @Test func whatTheNetworkingLayerCannotTakeIsRefused() {
    let how = "(write seconds or a duration with its unit, e.g. 30, 45s, 2m or 1h30m)"
    for text in ["nan", "inf", "1e19", "1e300", "45 s", "1..5"] {
      #expect(refusal(text, .request) == "--timeout \(text): not a duration \(how)")
    }
    #expect(
      refusal("0", .request) == "--timeout 0: the request timeout must be longer than 0 \(how)")
    #expect(
      refusal("-1", .request) == "--timeout -1: a request timeout cannot be negative \(how)")
    for text in ["366d", "99999999999999999999", "31536001"] {
      #expect(
        refusal(text, .request)
          == "--timeout \(text): the request timeout must be at most 365d \(how)")
    }
    #expect(refusal("90", .budget)?.contains("the number needs a unit; 90s (1m30s)?") == true)
  }

  /// Review B9: the 365-day bound is the networking layer's; a sweep's time budget never
  /// reaches it, and a long budget (`400d`, accepted before it) was refused. Only a number no
  /// clock counts to is.
  @Test func aTimeBudgetIsAsLongAsWished() throws {
    #expect(try TimeoutOption.seconds("400d", for: .budget) == 400 * 86400)
    #expect(try TimeoutOption.seconds("100000d", for: .budget) == 100000 * 86400)
    let huge = String(repeating: "9", count: 400) + "s"
    #expect(refusal(huge, .budget)?.contains(": too large a number for a duration (") == true)
    #expect(refusal(huge, .request)?.contains("the request timeout must be at most 365d") == true)
  }

  /// The transport itself never hands URLSession what crashes it or times out at once: whole
  /// seconds (its timer drops a fraction) within 1 s and 365 days.
  @Test func theTransportKeepsItsTimeoutWithinWhatURLSessionTakes() {
    #expect(URLSessionTransport(timeout: 0.001).timeout == 1)
    #expect(URLSessionTransport(timeout: 1.5).timeout == 2)
    #expect(URLSessionTransport(timeout: 30).timeout == 30)
    #expect(URLSessionTransport(timeout: .nan).timeout == 30)
    #expect(URLSessionTransport(timeout: .infinity).timeout == TimeoutOption.longest)
    #expect(URLSessionTransport(timeout: 1e300).timeout == TimeoutOption.longest)
    #expect(URLSessionTransport(timeout: -5).timeout == 1)
  }
}
