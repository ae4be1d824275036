import Foundation

/// `runner sweep --timeout`: a time budget as Optuna's `study.optimize(timeout=…)`, written with
/// units (`45s`, `90m`, `2h`, `1h30m`, `1.5d`).
public enum SweepTimeout {
  /// Seconds per unit: seconds, minutes, hours, days.
  private static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]

  /// The seconds `text` stands for, or a usage error saying how to write it.
  public static func seconds(_ text: String) throws(SweepError) -> Double {
    let how = "write a duration with its unit, e.g. 45s, 90m, 2h or 1h30m"
    var total = 0.0
    var number = ""
    if text.isEmpty { throw .usage("--timeout: an empty value is not a duration (\(how))") }
    if text.hasPrefix("-") {
      throw .usage("--timeout \(text): a time budget cannot be negative (\(how))")
    }
    for character in text {
      if character.isASCII && (character.isNumber || character == ".") {
        number.append(character)
      } else if let unit = units[character], let value = Double(number) {
        total += value * unit
        number = ""
      } else {
        throw .usage("--timeout \(text): not a duration (\(how))")
      }
    }
    guard number.isEmpty else {
      // Optuna's timeout is in seconds: `3600` is likely `3600s`.
      let seconds = number == text ? Double(text).flatMap { $0 > 0 ? $0 : nil } : nil
      // The budget's display only when it reads otherwise (`90s (1m30s)?`, not `2.5s (2.5s)?`).
      let meant =
        seconds.map { s in
          let shown = Self.text(s)
          return "; \(text)s" + (shown == "\(text)s" ? "" : " (\(shown))") + "?"
        } ?? ""
      throw .usage("--timeout \(text): the number needs a unit\(meant) (\(how))")
    }
    guard total > 0, total.isFinite else {
      throw .usage("--timeout \(text): the time budget must be longer than 0 (\(how))")
    }
    return total
  }

  /// A budget of `seconds` as the progress line shows durations (`45s`, `1m30s`, `2h00m`)
  /// when that is the budget exactly and `--timeout` takes it back, else in seconds as given
  /// (`2.5s`, `0.25s`, `5415s`): the display rounds or uses `ms`, and a budget must not read
  /// as another one nor as one the option refuses.
  public static func text(_ seconds: Double) -> String {
    let shown = ProgressText.duration(seconds)
    if (try? Self.seconds(shown)) == seconds { return shown }
    let whole = seconds.rounded() == seconds && seconds < 1e15
    return (whole ? String(Int(seconds)) : "\(seconds)") + "s"
  }
}
