import Foundation

/// Every `--timeout` of the command line, one syntax and one rule: a duration with its units
/// (`45s`, `90m`, `2h`, `1h30m`, `1.5d`), finite, longer than 0 and at most what its use takes
/// (`Use.longest`); a bare number is seconds only where the option took one before units
/// (`runner export mlflow`).
public enum TimeoutOption {
  /// What a `--timeout` bounds: its name in messages, and whether a bare number is seconds.
  public struct Use: Sendable {
    /// `time budget`, `request timeout`.
    let noun: String
    /// Whether `30` is 30 seconds (else it is refused, naming `30s`).
    let bareSeconds: Bool
    /// The longest value taken, nil for any finite one.
    let longest: Double?

    /// `runner sweep --timeout`: a time budget, always with its unit, as long as wished (a long
    /// sweep's budget only stops starting trials; nothing below counts it in milliseconds).
    public static let budget = Use(noun: "time budget", bareSeconds: false, longest: nil)
    /// `runner export mlflow --timeout`: how long each request may take; `30` is `30s`; at most
    /// `TimeoutOption.longest`, which the networking layer takes.
    public static let request = Use(
      noun: "request timeout", bareSeconds: true, longest: TimeoutOption.longest)

    /// How to write a value, for the messages.
    var how: String {
      bareSeconds
        ? "write seconds or a duration with its unit, e.g. 30, 45s, 2m or 1h30m"
        : "write a duration with its unit, e.g. 45s, 90m, 2h or 1h30m"
    }
  }

  /// The longest request timeout taken, 365 days: far within what the networking layer counts in
  /// milliseconds (a larger one crashed it).
  public static let longest: Double = 365 * 86400

  /// Seconds per unit: seconds, minutes, hours, days.
  private static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]

  /// Why a `--timeout` value was refused: the value, what is wrong and how to write one.
  public struct Refusal: Error, Sendable, Equatable {
    /// The message, starting `--timeout <value>:`.
    public let message: String
  }

  /// The seconds `text` stands for as a `--timeout` of `use`, or why it is refused.
  public static func seconds(_ text: String, for use: Use) throws(Refusal) -> Double {
    func refused(_ why: String) -> Refusal {
      Refusal(message: "--timeout\(text.isEmpty ? "" : " " + text): \(why) (\(use.how))")
    }
    if text.isEmpty { throw refused("an empty value is not a duration") }
    if text.hasPrefix("-") { throw refused("a \(use.noun) cannot be negative") }
    var total = 0.0
    var number = ""
    for character in text {
      if character.isASCII && (character.isNumber || character == ".") {
        number.append(character)
      } else if let unit = units[character], let value = Double(number) {
        total += value * unit
        number = ""
      } else {
        throw refused("not a duration")
      }
    }
    if !number.isEmpty {
      guard let value = Double(number) else { throw refused("not a duration") }
      // A bare number: seconds where the option takes them, else most likely seconds meant.
      let bare = number == text ? value : nil
      if use.bareSeconds, let bare {
        total = bare
      } else {
        throw refused("the number needs a unit" + meant(bare, text, use))
      }
    }
    guard total > 0 else { throw refused("the \(use.noun) must be longer than 0") }
    if let longest = use.longest, !(total <= longest) {
      throw refused("the \(use.noun) must be at most \(Int(longest / 86400))d")
    }
    // Hundreds of digits: a number no clock counts to.
    guard total.isFinite else { throw refused("too large a number for a duration") }
    return total
  }

  /// `; 90s (1m30s)?`: the bare number `text` (`seconds`) read as seconds, shown as the
  /// progress line shows it only when that reads otherwise (not `2.5s (2.5s)?`).
  private static func meant(_ seconds: Double?, _ text: String, _ use: Use) -> String {
    guard let seconds, seconds > 0, seconds <= use.longest ?? .greatestFiniteMagnitude else {
      return ""
    }
    let shown = Self.text(seconds)
    return "; \(text)s" + (shown == "\(text)s" ? "" : " (\(shown))") + "?"
  }

  /// A timeout of `seconds` as the progress line shows durations (`45s`, `1m30s`, `2h00m`)
  /// when that is the value exactly and `--timeout` takes it back, else in seconds as given
  /// (`2.5s`, `0.25s`, `5415s`): the display rounds or uses `ms`, and a timeout must not read
  /// as another one nor as one the option refuses.
  public static func text(_ seconds: Double) -> String {
    let shown = ProgressText.duration(seconds)
    if (try? Self.seconds(shown, for: .budget)) == seconds { return shown }
    let whole = seconds.rounded() == seconds && seconds < 1e15
    return (whole ? String(Int(seconds)) : "\(seconds)") + "s"
  }
}
