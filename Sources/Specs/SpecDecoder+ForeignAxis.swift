import Foundation

/// Sweep axes written in another tool's form: W&B's `{min, max, distribution}`, Optuna's
/// `{low, high, log}`, Ray Tune's `{lower, upper}`, hyperopt's and Ray Tune's `{choice: […]}`,
/// `{categorical: […]}`, `{grid_search: […]}`, each told in the runner's form.
extension SpecDecoder {
  /// The runner's axis forms, as the notes name them.
  static let axisForms =
    "a list [a, b, …] or a mapping with one of values, range, uniform, log_uniform, "
    + "one_minus_log_uniform"

  /// The keys another tool's axis is written with; a mapping of these alone is one.
  private static let foreignBounds = [("min", "max"), ("low", "high"), ("lower", "upper")]
  private static let foreignLists = ["choice", "choices", "categorical", "grid_search"]
  private static let foreignModifiers = ["distribution", "log", "type", "step", "q"]

  /// The error for axis `m` over `axisPath` when it is another tool's form (its keys are bounds,
  /// a list of choices and their modifiers, none a key the axis's value takes), with a fix-it in
  /// the runner's form when one maps to it one to one; nil for any other mapping.
  func foreignAxis(
    _ m: SpecNode.Mapping, _ axisPath: SpecPath, method: SweepSpec.Method
  ) -> Diagnostic? {
    let keys = m.entries.map(\.key)
    let known =
      Self.foreignBounds.flatMap { [$0.0, $0.1] } + Self.foreignLists
      + Self.foreignModifiers
    let triggers = Self.foreignBounds.flatMap { [$0.0, $0.1] } + Self.foreignLists
    guard keys.allSatisfy(known.contains), keys.contains(where: triggers.contains) else {
      return nil
    }
    let valueKeys = Schema.children(of: axisPath.schemaPattern)
    guard !keys.contains(where: valueKeys.contains) else { return nil }
    let written = "{\(keys.joined(separator: ", "))}"
    let message =
      "the sweep axis '\(axisPath)' is written in another tool's form (\(written)); "
      + "the runner's axes are \(Self.axisForms)"
    if let listKey = Self.foreignLists.first(where: { m[$0] != nil }), let list = m[listKey],
      case .sequence = list, keys.allSatisfy({ $0 == listKey || $0 == "type" })
    {
      return Diagnostic(
        .error, at: m.location, message,
        note: "{\(listKey): […]} lists the values to try: write the list itself",
        fixIt: "\(axisPath): \(YAMLText.flow(list.value))")
    }
    guard let (lowKey, highKey) = Self.foreignBounds.first(where: { m[$0.0] != nil }),
      let low = m[lowKey]?.value.doubleValue, let high = m[highKey]?.value.doubleValue
    else { return Diagnostic(.error, at: m.location, message) }
    return boundsAxis(m, axisPath, method: method, (lowKey, highKey), (low, high), message)
  }

  /// `{min, max}` (or low/high, lower/upper) with its modifiers in the runner's form: a range
  /// for whole numbers or a step, log_uniform for a log scale, else uniform (a grid's with `num`).
  private func boundsAxis(
    _ m: SpecNode.Mapping, _ axisPath: SpecPath, method: SweepSpec.Method,
    _ names: (String, String), _ bounds: (Double, Double), _ message: String
  ) -> Diagnostic {
    let (low, high) = bounds
    let distribution = (m["distribution"] ?? m["type"]).map { YAMLText.flow($0.value) } ?? "uniform"
    let log =
      m["log"]?.value == .bool(true) || distribution.hasPrefix("log_uniform")
      || distribution.hasPrefix("q_log_uniform") || distribution == "loguniform"
    let integer =
      Schema.isIntegerKey(axisPath) || ["int_uniform", "int", "randint"].contains(distribution)
    let step = (m["step"] ?? m["q"])?.value.doubleValue
    let known = [
      "uniform", "log_uniform", "log_uniform_values", "q_uniform", "q_log_uniform_values",
      "int_uniform", "int", "float", "loguniform", "randint",
    ]
    let number = YAMLText.clean
    var note = "{\(names.0): a, \(names.1): b} spans the values from a to b"
    guard known.contains(distribution) else {
      return Diagnostic(.error, at: m.location, message, note: note)
    }
    // Reversed bounds are read in order: the runner's forms take [low, high].
    let (lower, upper) = (min(low, high), max(low, high))
    if low > high {
      note +=
        "; \(names.0) \(number(low)) is above \(names.1) \(number(high)), read here as [\(number(lower)), \(number(upper))]"
    }
    if lower == upper {
      return Diagnostic(
        .error, at: m.location, message,
        note: note + "; both bounds are \(number(lower)): an axis of that one value",
        fixIt: "\(axisPath): [\(number(lower))]")
    }
    // W&B's log_uniform (not _values) takes the natural logarithms of the bounds; bounds
    // both in (0, 1) would span less than a factor of e near 1, so they are the values
    // themselves, written as log_uniform_values takes them.
    let valuesMeant = distribution == "log_uniform" && lower > 0 && upper < 1
    let exponents = distribution == "log_uniform" && !valuesMeant
    let (a, b) = exponents ? (Foundation.exp(lower), Foundation.exp(upper)) : (lower, upper)
    let pair = "[\(number(a)), \(number(b))]"
    let grid = method.isDrawn ? "" : "; a grid tries num evenly spaced values of it"
    let num = method.isDrawn ? "" : ", num: 5"
    if log && a <= 0 {
      return Diagnostic(
        .error, at: m.location, message,
        note: note + "; on a log scale both bounds must be > 0 (got \(number(a)))")
    }
    let form: String
    if log {
      let whole = step == 1 && !Schema.isIntegerKey(axisPath)
      form = "{log_uniform: \(pair)\(num)\(whole ? ", integer: true" : "")}"
      note += quantized(step, axisPath)
    } else if integer || step != nil {
      form = "{range: \(pair)\(step.map { ", step: \(number($0))" } ?? "")}"
    } else {
      form = "{uniform: \(pair)\(num)}"
    }
    let valuesForm = "\(axisPath): {log_uniform: [\(number(lower)), \(number(upper))]\(num)}"
    let how =
      exponents
      ? "; W&B's log_uniform takes the logarithms of the bounds, so the runner's bounds are e^a "
        + "and e^b"
        + (lower > 0
          ? " (if a and b are the values themselves, W&B's log_uniform_values, write "
            + "`\(valuesForm)`)" : "")
      : valuesMeant
        ? "; W&B's log_uniform takes the logarithms of the bounds, which would give values "
          + "between e^\(number(lower)) and e^\(number(upper)), all near 1: these bounds are "
          + "the values themselves, as W&B's log_uniform_values takes them"
        : ""
    return Diagnostic(
      .error, at: m.location, message,
      note: note + how + (form.contains("num:") ? grid : ""), fixIt: "\(axisPath): \(form)")
  }

  /// What becomes of W&B's `q` on a log scale (`q_log_uniform_values`): the runner's
  /// log_uniform has no step, so `q: 1` is its `integer: true` (an integer key's values are
  /// whole already) and another `q` is dropped; nothing without a `q`.
  private func quantized(_ step: Double?, _ axisPath: SpecPath) -> String {
    guard let step else { return "" }
    let q = YAMLText.clean(step)
    if step == 1 {
      return Schema.isIntegerKey(axisPath)
        ? "; q: 1 draws whole numbers, as the runner does for this integer key"
        : "; q: 1 draws whole numbers: integer: true"
    }
    return "; the runner's log_uniform has no step: q \(q) is dropped (values anywhere "
      + "between the bounds, not multiples of \(q))"
  }
}
