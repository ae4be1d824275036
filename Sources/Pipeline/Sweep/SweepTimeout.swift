import Foundation

/// `runner sweep --timeout`: a time budget as Optuna's `study.optimize(timeout=…)`, written with
/// units (`45s`, `90m`, `2h`, `1h30m`, `1.5d`) as every `--timeout` (`TimeoutOption`).
public enum SweepTimeout {
  /// The seconds `text` stands for, or a usage error saying how to write it.
  public static func seconds(_ text: String) throws(SweepError) -> Double {
    do {
      return try TimeoutOption.seconds(text, for: .budget)
    } catch {
      throw .usage(error.message)
    }
  }

  /// A budget of `seconds` as the progress line shows it (`TimeoutOption.text`).
  public static func text(_ seconds: Double) -> String { TimeoutOption.text(seconds) }
}
