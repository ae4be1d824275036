import Foundation

extension SweepAxis {
  /// The number of values of a finite axis (nil for a continuous one).
  public var count: Int? {
    switch domain {
    case .values(let v): v.count
    case .range(let start, let stop, let step, _):
      Int(((stop - start) / step + 1e-9).rounded(.down)) + 1
    case .uniform(_, _, let count, _), .logUniform(_, _, let count, _),
      .oneMinusLogUniform(_, _, let count):
      count
    }
  }

  /// A finite axis's values in order; nil for a continuous axis without `num`.
  public var values: [SpecValue]? {
    switch domain {
    case .values(let v): return v
    case .range(let start, _, let step, let integer):
      return (0..<(count ?? 0)).map { k in Self.number(start + Double(k) * step, integer: integer) }
    case .uniform(let low, let high, let count?, let integer),
      .logUniform(let low, let high, let count?, let integer):
      // A log-uniform axis is evenly spaced between the logarithms of its bounds.
      let log = form == "log_uniform"
      let (a, b) = log ? (Foundation.log(low), Foundation.log(high)) : (low, high)
      return (0..<count).map { k in
        let x = a + (b - a) * Double(k) / Double(count - 1)
        return Self.number(log ? Foundation.exp(x) : x, integer: integer)
      }
    case .oneMinusLogUniform(let low, let high, let count?):
      // 1 − value evenly spaced in log: 0.9, 0.99, 0.999 for [0.9, 0.999] and num 3.
      let (a, b) = (Foundation.log(1 - low), Foundation.log(1 - high))
      return (0..<count).map { k in
        Self.number(1 - Foundation.exp(a + (b - a) * Double(k) / Double(count - 1)), integer: false)
      }
    case .uniform, .logUniform, .oneMinusLogUniform: return nil
    }
  }

  /// Values that stand for an axis when validating: its ends, or with `every` (TPE suggests
  /// any value of the axis; the other methods' trials are all checked) every value when there
  /// are at most 1000 (a list, a range, the whole numbers of an integer axis: a rule such as
  /// gates' multiple of 4 may refuse values between valid ends). A list's values are all checked.
  func probeValues(every: Bool) -> [SpecValue] {
    let limit = every ? 1000 : 2
    switch domain {
    case .values(let values): return values
    case .range:
      let all = values ?? []
      return all.count <= limit ? all : [all[0], all[all.count - 1]]
    case .uniform(let low, let high, _, let integer),
      .logUniform(let low, let high, _, let integer):
      if integer, high.rounded() - low.rounded() < Double(limit) {
        return (Int(low.rounded())...Int(high.rounded())).map { .integer($0) }
      }
      return [Self.number(low, integer: integer), Self.number(high, integer: integer)]
    case .oneMinusLogUniform(let low, let high, _):
      return [Self.number(low, integer: false), Self.number(high, integer: false)]
    }
  }

  /// A clean number: 12 significant digits (so 0.1·3 is 0.3), or a rounded integer.
  public static func number(_ value: Double, integer: Bool) -> SpecValue {
    if integer, abs(value) < 9e15 { return .integer(Int(value.rounded())) }
    return .number(Double(String(format: "%.12g", value)) ?? value)
  }
}
