/// A constraint on a number: the check, its message and the type text the docs show.
public enum NumberCheck: Sendable, Equatable {
  /// Any finite number.
  case any
  case positive
  case nonNegative
  case atLeast(Double)
  /// Closed interval.
  case within(Double, Double)
  /// Half-open [low, high).
  case fromUpTo(Double, Double)
  /// Open interval.
  case between(Double, Double)
  /// 0 (a feature turned off) or a number above the bound.
  case zeroOrAbove(Double)

  /// Why `v` fails the constraint, or nil when it holds.
  public func failure(_ v: Double) -> String? {
    switch self {
    case .any: nil
    case .positive: v > 0 ? nil : "must be > 0"
    case .nonNegative: v >= 0 ? nil : "must be ≥ 0"
    case .atLeast(let low): v >= low ? nil : "must be ≥ \(Self.text(low))"
    case .within(let a, let b) where b - a >= 10_000:
      // Wide ranges are sanity limits: name only the side that failed.
      v < a ? Self.atLeast(a).failure(v) : v <= b ? nil : "must be ≤ \(Self.text(b))"
    case .within(let a, let b):
      (a...b).contains(v) ? nil : "must be between \(Self.text(a)) and \(Self.text(b))"
    case .fromUpTo(let a, let b):
      v >= a && v < b ? nil : "must be ≥ \(Self.text(a)) and < \(Self.text(b))"
    case .between(let a, let b):
      v > a && v < b ? nil : "must be > \(Self.text(a)) and < \(Self.text(b))"
    case .zeroOrAbove(let a): v == 0 || v > a ? nil : "must be 0 (off) or > \(Self.text(a))"
    }
  }

  /// The type as the key reference shows it (`number > 0`, `integer ≥ 1`, `number in [0, 1)`).
  public func typeText(integer: Bool) -> String {
    let kind = integer ? "integer" : "number"
    let t = Self.text
    switch self {
    case .any: return kind
    case .positive: return "\(kind) > 0"
    case .nonNegative: return "\(kind) ≥ 0"
    case .atLeast(let a): return "\(kind) ≥ \(t(a))"
    case .within(let a, let b):
      return integer ? "integer \(t(a))...\(t(b))" : "number in [\(t(a)), \(t(b))]"
    case .fromUpTo(let a, let b): return "\(kind) in [\(t(a)), \(t(b)))"
    case .between(let a, let b): return "\(kind) in (\(t(a)), \(t(b)))"
    case .zeroOrAbove(let a): return "0 (off) or \(kind) > \(t(a))"
    }
  }

  /// The least and the greatest value the check accepts (nil: unbounded on that side; an
  /// open bound is given as it is).
  public var bounds: (low: Double?, high: Double?) {
    switch self {
    case .any: (nil, nil)
    case .positive, .nonNegative: (0, nil)
    case .atLeast(let a): (a, nil)
    case .zeroOrAbove: (0, nil)
    case .within(let a, let b), .fromUpTo(let a, let b), .between(let a, let b): (a, b)
    }
  }

  /// Whole numbers without a decimal point, others as Swift prints them.
  public static func text(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
  }
}
