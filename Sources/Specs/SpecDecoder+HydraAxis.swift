import Conventions
import Foundation

/// Sweep axes written as Hydra's sweep forms, a scalar the runner reads as text:
/// `choice(0.1, 0.01)`, `range(8, 40, 8)` (its stop left out, as Python's), `interval(0.001,
/// 0.1)`, `tag(log, interval(…))` and the multirun list `0.1,0.01`; and one value written
/// where an axis lists several. Each told in the runner's form, with a fix-it that loads.
extension SpecDecoder {
  /// The error for the scalar axis `text` (`got` in words) over `axisPath` at `location`: Hydra's form named,
  /// or a single value, with the runner's form as a fix-it when one maps to it.
  static func scalarAxis(
    _ text: String, got: String, _ axisPath: SpecPath, method: SweepSpec.Method,
    at location: SourceLocation
  ) -> Diagnostic {
    let generic =
      "the sweep axis '\(axisPath)' must be a list of values or a mapping like "
      + "{range: [1, 5]} (got \(got))"
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let (name, form, note) = Self.hydraForm(trimmed, axisPath, method: method) {
      return Diagnostic(
        .error, at: location,
        "the sweep axis '\(axisPath)' is written in Hydra's form (\(name)(…)); the runner's "
          + "axes are \(Self.axisForms)",
        note: note, fixIt: form.map { "\(axisPath): \($0)" })
    }
    let parts = Self.arguments(trimmed)
    if parts.count > 1, !parts.contains("") {
      return Diagnostic(
        .error, at: location,
        "the sweep axis '\(axisPath)' is written in Hydra's multirun form (a,b); the runner's "
          + "axes are \(Self.axisForms)",
        note: "a,b lists the values to try: write them in [ ]",
        fixIt: "\(axisPath): [\(parts.joined(separator: ", "))]")
    }
    guard !trimmed.isEmpty, !trimmed.contains("(") else {
      return Diagnostic(.error, at: location, generic)
    }
    // Values separated by spaces (`8 16`): a list writes commas between them.
    let words = trimmed.split(separator: " ").map(String.init)
    if words.count > 1, words.allSatisfy({ ScalarSyntax.double($0) != nil }) {
      return Diagnostic(
        .error, at: location, generic,
        note: "a list writes commas between its values: [\(words.joined(separator: ", "))]",
        fixIt: "\(axisPath): [\(words.joined(separator: ", "))]")
    }
    return Diagnostic(
      .error, at: location, generic,
      note: "an axis lists the values its trials try: [\(trimmed)] tries this one alone; add "
        + "the others", fixIt: "\(axisPath): [\(trimmed)]")
  }

  /// `d`, an error at a `--set key=value` outside `sweep` whose value is one of Hydra's sweep
  /// forms (`--set optimizer.learning_rate=0.1,0.01`, `=choice(0.1, 0.01)`: Hydra's multirun),
  /// with the `--set` of the sweep axis that tries those values as its fix-it; `d` otherwise.
  static func multirunOverride(_ d: Diagnostic) -> Diagnostic {
    guard d.severity == .error, d.fixIt == nil, case .override(let text)? = d.location?.source,
      let override = try? Override(parsing: text), !override.removes,
      !override.path.isWithin("sweep"), let eq = text.firstIndex(of: "=")
    else { return d }
    let value = String(text[text.index(after: eq)...])
    let axis = scalarAxis(
      value, got: "'\(value)'", override.path, method: .grid, at: d.location!)
    guard axis.message.contains("Hydra's"), let fixIt = axis.fixIt else { return d }
    let form = String(fixIt.dropFirst("\(override.path): ".count))
    var said = d
    said.addNote(
      "\(override.path)=\(value) is Hydra's multirun form; the runner tries several values "
        + "of a key as a sweep axis: replace this --set with the fix-it's and run the spec "
        + "with `\(Invocation.commandLine(["sweep"]))`, a trial for each value")
    said.fixIt = "--set " + "sweep.parameters.\(override.path)=\(form)".singleQuoted
    return said
  }

  /// Hydra's `name(args)` as its name, the runner's form (nil when none maps to it one to one)
  /// and a note; nil when `text` is not one of Hydra's sweep functions.
  private static func hydraForm(_ text: String, _ axisPath: SpecPath, method: SweepSpec.Method)
    -> (name: String, form: String?, note: String)?
  {
    guard let (name, args) = call(text) else { return nil }
    let number = YAMLText.clean
    let num = method.isDrawn ? "" : ", num: 5"
    let grid = method.isDrawn ? "" : "; a grid tries num evenly spaced values of it"
    switch name {
    case "choice":
      return (
        name, args.isEmpty ? nil : "[\(args.joined(separator: ", "))]",
        "choice(…) lists the values to try: write them in [ ]"
      )
    case "range":
      let bounds = args.compactMap(Double.init)
      guard bounds.count == args.count, (1...3).contains(bounds.count) else {
        return (name, nil, "range(start, stop, step) steps from start up to, not including, stop")
      }
      let (start, stop) = bounds.count == 1 ? (0, bounds[0]) : (bounds[0], bounds[1])
      let step = bounds.count == 3 ? bounds[2] : 1
      let count = step > 0 ? ((stop - start) / step - 1e-9).rounded(.up) : 0
      let note =
        "Hydra's range(start, stop, step) leaves stop out, as Python's does; the runner's "
        + "{range: [start, last], step} includes its last value"
      guard count >= 1, count <= 100_000 else { return (name, nil, note) }
      let last = start + (count - 1) * step
      if count == 1 { return (name, "[\(number(start))]", note) }
      let stepped = step == 1 ? "" : ", step: \(number(step))"
      return (name, "{range: [\(number(start)), \(number(last))]\(stepped)}", note)
    case "interval", "tag":
      var log = false
      var inner = (name, args)
      if name == "tag" {
        // tag(log, interval(a, b)): the tags, then the sweep they mark.
        guard let last = args.last, let tagged = call(last) else {
          return (name, nil, "tag(log, interval(a, b)) spans the values from a to b on a log scale")
        }
        log = args.dropLast().contains("log")
        inner = tagged
      }
      let bounds = inner.1.compactMap(Double.init)
      let note = "interval(a, b) spans the values from a to b" + (log ? " on a log scale" : "")
      guard inner.0 == "interval", bounds.count == 2, inner.1.count == 2 else {
        return (name, nil, note)
      }
      let (low, high) = (min(bounds[0], bounds[1]), max(bounds[0], bounds[1]))
      guard low < high, !log || low > 0 else { return (name, nil, note) }
      let pair = "[\(number(low)), \(number(high))]"
      return (name, log ? "{log_uniform: \(pair)\(num)}" : "{uniform: \(pair)\(num)}", note + grid)
    default: return nil
    }
  }

  /// `name(a, b)` as `name` and its arguments; nil for any other text.
  private static func call(_ text: String) -> (String, [String])? {
    guard text.hasSuffix(")"), let open = text.firstIndex(of: "(") else { return nil }
    let name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
    let inside = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
    return (name, arguments(inside))
  }

  /// `text` split at commas outside parentheses and brackets, each part trimmed; no parts for
  /// blank text.
  private static func arguments(_ text: String) -> [String] {
    let parts = TopLevelCommas.split(text, opening: "([{", closing: ")]}")
    let trimmed = parts.map { $0.trimmingCharacters(in: .whitespaces) }
    return trimmed == [""] ? [] : trimmed
  }
}
