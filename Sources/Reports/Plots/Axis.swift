import Foundation

/// A linear or base-10 logarithmic axis mapping data values onto a pixel range, with ticks
/// at "nice" values (1, 2 or 5 × 10ᵏ; powers of ten on a log axis). A log axis may keep a slot
/// for 0 at its start (`zeroSlot`), as an axis break before its first decade.
struct Axis {
  let lower: Double
  let upper: Double
  let logarithmic: Bool
  let ticks: [Double]
  /// The fraction of a log axis given to a 0 at its start (0 tick, then the break), or 0.
  let zeroSlot: Double

  /// The share of the axis a 0 takes before a log axis's first decade.
  static let zeroSlotFraction = 0.1

  /// An axis covering `values` (finite ones; positive ones when logarithmic, and 0 too when
  /// `zeroBreak`: drawn at the start, an axis break away from the smallest decade).
  init(
    covering values: [Double], logarithmic: Bool, includeZero: Bool = false,
    zeroBreak: Bool = false
  ) {
    var usable = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }
    if includeZero && !logarithmic { usable.append(0) }
    self.logarithmic = logarithmic
    zeroSlot = logarithmic && zeroBreak && values.contains(0) ? Self.zeroSlotFraction : 0
    guard var low = usable.min(), var high = usable.max() else {
      (lower, upper, ticks) = logarithmic ? (1, 10, [1, 10]) : (0, 1, [0, 0.5, 1])
      return
    }
    if logarithmic {
      let (a, b) = (floor(log10(low)), ceil(log10(high)))
      let (first, last) = (a, b == a ? a + 1 : b)
      lower = pow(10, first)
      upper = pow(10, last)
      let stride = max(1, ((last - first) / 6).rounded(.up))
      ticks =
        (zeroSlot > 0 ? [0] : [])
        + Swift.stride(from: first, through: last, by: stride).map { pow(10, $0) }
      return
    }
    if low == high {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      (low, high) = (low - pad, high + pad)
    }
    let step = Axis.niceStep((high - low) / 5)
    let (first, last) = (floor(low / step) * step, ceil(high / step) * step)
    let count = Int(((last - first) / step).rounded())
    (lower, upper) = (first, last)
    ticks = (0...count).map { first + Double($0) * step }
  }

  /// 1, 2 or 5 × 10ᵏ, the smallest such value ≥ `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// The fraction (0 at `lower`, 1 at `upper`) of `value` along the axis.
  func fraction(_ value: Double) -> Double {
    if logarithmic {
      if zeroSlot > 0 && value == 0 { return 0 }
      let decades = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
      return zeroSlot + (1 - zeroSlot) * decades
    }
    return (value - lower) / (upper - lower)
  }

  /// Whether `value` can be drawn on this axis.
  func accepts(_ value: Double) -> Bool {
    value.isFinite && (!logarithmic || value > 0 || (value == 0 && zeroSlot > 0))
  }

  /// Where the axis breaks between its 0 and its first decade (a fraction), if it does.
  var breakFraction: Double? { zeroSlot > 0 ? zeroSlot / 2 : nil }

  /// The tick label of `value`: few digits, trailing zeros dropped, exponent for extremes.
  static func label(_ value: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e5 || magnitude < 1e-3 {
      return String(format: "%g", value).replacingOccurrences(of: "e+0", with: "e")
        .replacingOccurrences(of: "e-0", with: "e-")
        .replacingOccurrences(of: "e+", with: "e")
    }
    var text = String(format: "%.4f", value)
    while text.last == "0" { text.removeLast() }
    if text.last == "." { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
