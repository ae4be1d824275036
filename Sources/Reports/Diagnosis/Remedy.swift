/// One piece of bias or variance advice: the remedy's short name beside its sentence, so that
/// the advice keeping a value the validation curve chose names what comes first from the names,
/// never from the sentences.
struct Remedy: Sendable, Equatable {
  /// What the advice is to the others.
  enum Role: Sendable, Equatable {
    /// A change to try.
    case change
    /// A note that is no remedy (`varianceAfterBias`): never named as coming first.
    case note
    /// The value the spec's validation curve chose, set: it comes before the other remedies.
    case setsCurveValue
    /// The spec's value, kept by its validation curve: no change, so it goes after the others,
    /// its sentence naming them where `text` ends and `after` begins (`keptLast`).
    case keepsCurveValue(after: String)
  }

  /// The short name the clause gives it: `more data`, `a bigger model`, `train longer`.
  var name: String
  /// The sentence as printed (for a kept value, the part before the clause).
  var text: String
  /// What it is to the others.
  var role: Role = .change

  /// True for the advice that keeps the spec's value.
  var keepsValue: Bool {
    if case .keepsCurveValue = role { return true }
    return false
  }

  /// The sentence, a kept value's saying that `first` (the other remedies' names) come first:
  /// nothing when none does, the remedy by name when one or two do (`more data` is one
  /// whatever `try next` shows: the terminal leaves it off), else the other remedies (then two
  /// or more are changes to the spec, shown above it).
  func sentence(after first: [String]) -> String {
    guard case .keepsCurveValue(let after) = role else { return text }
    let clause =
      switch first.count {
      case 0: ""
      case 1: ", so the other remedy (\(first[0])) comes first"
      case 2: ", so the other two remedies (\(first[0]) and \(first[1])) come first"
      default: ", so the other remedies come first"
      }
    return text + clause + after
  }

  /// This remedy with `suffix` added to its sentence (at its end, after any clause).
  func appending(_ suffix: String) -> Remedy {
    var remedy = self
    if case .keepsCurveValue(let after) = role {
      remedy.role = .keepsCurveValue(after: after + suffix)
    } else {
      remedy.text += suffix
    }
    return remedy
  }
}
