import Conventions
import Foundation

/// How a swept parameter is laid along a plot axis: log for log-uniform axes and for positive
/// values spanning 10× or more, categories for text and for values that include 0 (a 0 has no
/// place on a log axis, and an L2 of 0 is a different kind of model from 1e-4), else linear.
struct ParameterScale {
  /// The kind of axis.
  enum ScaleKind: Equatable {
    /// Evenly spaced numbers.
    case linear
    /// Base-10 logarithmic.
    case log
    /// One evenly spaced slot per distinct value, in numeric (else text) order.
    case categories([String])
  }

  /// The swept key path.
  let name: String
  /// The axis kind.
  let kind: ScaleKind
  /// The numeric axis (linear or log); nil for categories.
  private let axis: Axis?
  /// The distinct values as printed, in increasing order.
  private let distinct: [String]

  /// Up to this many distinct numbers (a grid) are ticked at their own values.
  static let maxValueTicks = 8

  /// The scale for `values` (the cells of the trials drawn) of key `name`. An empty cell, a
  /// value the trial's others make not apply (`momentum` beside `type: adam`), makes the axis
  /// categories with a last `n/a` slot.
  init(name: String, values: [String], logUniform: Bool = false) {
    self.name = name
    distinct = Self.ordered(values)
    let numbers = values.map { CSVCell.number(from: $0) }
    if numbers.contains(where: { $0 == nil || !$0!.isFinite }) || numbers.contains(0) {
      kind = .categories(distinct)
      axis = nil
      return
    }
    let positive = numbers.map { $0! }
    let spans = (positive.min() ?? 0) > 0 && positive.max()! / positive.min()! >= 10
    kind = (positive.allSatisfy { $0 > 0 } && (logUniform || spans)) ? .log : .linear
    axis = Axis(covering: positive, logarithmic: kind == .log)
  }

  /// Distinct values: numbers in increasing order when all are numbers, else text order; an
  /// empty value (`n/a`) last.
  static func ordered(_ values: [String]) -> [String] {
    var seen = Set<String>()
    let distinct = values.filter { !$0.isEmpty && seen.insert($0).inserted }
    let empty = values.contains("") ? [""] : []
    if distinct.allSatisfy({ CSVCell.number(from: $0) != nil }) {
      return distinct.sorted { CSVCell.number(from: $0)! < CSVCell.number(from: $1)! } + empty
    }
    return distinct.sorted() + empty
  }

  /// A value as a tick or cell label: an empty one, which does not apply, is `n/a`.
  static func label(_ value: String) -> String { value.isEmpty ? "n/a" : value }

  /// The position of `value` along the axis, 0 to 1 (categories: evenly spaced, a single one
  /// in the middle); nil when it cannot be drawn.
  func fraction(_ value: String) -> Double? {
    switch kind {
    case .categories(let labels):
      guard let index = labels.firstIndex(of: value) else { return nil }
      return labels.count == 1 ? 0.5 : Double(index) / Double(labels.count - 1)
    case .linear, .log:
      guard let axis, let x = CSVCell.number(from: value), axis.accepts(x) else { return nil }
      // A grid spans the plot from its smallest to its largest value.
      guard distinct.count <= Self.maxValueTicks, let low = distinct.first,
        let high = distinct.last,
        let a = CSVCell.number(from: low), let b = CSVCell.number(from: high), a < b
      else { return axis.fraction(x) }
      return axis.logarithmic ? log10(x / a) / log10(b / a) : (x - a) / (b - a)
    }
  }

  /// Tick positions (0 to 1) and labels.
  var ticks: [(fraction: Double, label: String)] {
    switch kind {
    case .categories(let labels):
      return labels.map { (fraction($0)!, Self.label($0)) }
    case .linear, .log:
      if distinct.count <= Self.maxValueTicks {
        return distinct.compactMap { value in fraction(value).map { ($0, value) } }
      }
      return axis!.ticks.map { (axis!.fraction($0), Axis.label($0)) }
    }
  }

  /// `log`, `linear` or `categories`, for the plot's data attributes.
  var kindName: String {
    switch kind {
    case .linear: "linear"
    case .log: "log"
    case .categories: "categories"
    }
  }

  /// The cells of a heatmap along this axis: each distinct value when there are at most
  /// `maxCells`, else `maxCells` equal bins of the (log or linear) axis; each with its label
  /// and a test for membership.
  func cells(_ values: [String], maxCells: Int = 10) -> [(label: String, holds: (String) -> Bool)] {
    let distinct = Self.ordered(values)
    if distinct.count <= maxCells || axis == nil {
      return distinct.map { value in (Self.label(value), { $0 == value }) }
    }
    let fractions = values.compactMap(fraction)
    let (low, high) = (fractions.min() ?? 0, fractions.max() ?? 1)
    let width = max(high - low, 1e-12) / Double(maxCells)
    return (0..<maxCells).map { bin in
      let (a, b) = (low + Double(bin) * width, low + Double(bin + 1) * width)
      let label = "\(Self.short(value(at: a)))–\(Self.short(value(at: b)))"
      let last = bin == maxCells - 1
      return (
        label,
        { text in
          guard let f = fraction(text) else { return false }
          return f >= a && (f < b || last && f <= b)
        }
      )
    }
  }

  /// A bin edge with 2 significant digits: `2.2e-05` → `2.2e-5`, `0.0014`, `35`.
  static func short(_ value: Double) -> String {
    String(format: "%.2g", value).replacingOccurrences(of: "e-0", with: "e-")
      .replacingOccurrences(of: "e+0", with: "e").replacingOccurrences(of: "e+", with: "e")
  }

  /// The number at fraction `f` of a numeric axis.
  private func value(at f: Double) -> Double {
    guard let axis else { return f }
    if axis.logarithmic {
      return pow(10, log10(axis.lower) + f * (log10(axis.upper) - log10(axis.lower)))
    }
    return axis.lower + f * (axis.upper - axis.lower)
  }
}
