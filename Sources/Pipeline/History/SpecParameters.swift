import Conventions
import Foundation
import Reports
import Specs

/// A resolved spec as flat parameters, keyed by the key paths `--set` and sweeps use
/// (`optimizer.learning_rate`, `model.layers[0].units`); a list of plain values stays one
/// parameter (`metrics` = `[accuracy, f1]`).
enum SpecParameters {
  /// Every leaf of `value`, in the spec's order.
  static func flatten(_ value: SpecValue, path: String = "") -> [ListedRun.NamedValue] {
    switch value {
    case .mapping(let pairs):
      return pairs.flatMap { flatten($0.value, path: path.isEmpty ? $0.key : path + "." + $0.key) }
    case .list(let items) where items.contains(where: \.isCollection):
      return items.enumerated().flatMap { flatten($1, path: path + "[\($0)]") }
    default:
      return [ListedRun.NamedValue(path, text(value), typed: typed(value))]
    }
  }

  /// A leaf's JSON type where its text alone would lose it (a boolean is no string); nil
  /// for the rest.
  static func typed(_ value: SpecValue) -> JSONValue? {
    if case .bool(let flag) = value { .bool(flag) } else { nil }
  }

  /// A leaf's text as the resolved spec writes it; a list of plain values as `[a, b]`.
  static func text(_ value: SpecValue) -> String {
    switch value {
    case .null: ""
    case .bool(let flag): flag ? "true" : "false"
    case .integer(let number): String(number)
    case .unsigned(let number): String(number)
    case .number(let number): CSVCell.format(number)
    case .string(let string): string
    case .list(let items): "[" + items.map(text).joined(separator: ", ") + "]"
    case .mapping: value.description
    }
  }
}

extension SpecParameters {
  /// `parameters` with each of `values` they lack inserted after the other keys of its parent
  /// (`model.layers[0].…`).
  static func inserting(
    _ values: [ListedRun.NamedValue], into parameters: [ListedRun.NamedValue]
  ) -> [ListedRun.NamedValue] {
    var parameters = parameters
    for value in values where !parameters.contains(where: { $0.name == value.name }) {
      let key = value.name
      let parent = key.lastIndex(of: ".").map { String(key[...$0]) } ?? ""
      let at =
        parameters.lastIndex { !parent.isEmpty && $0.name.hasPrefix(parent) }.map { $0 + 1 }
        ?? parameters.count
      parameters.insert(value, at: at)
    }
    return parameters
  }

  /// The defaults the resolved spec `text` applies but leaves unwritten (a layer's `dropout:
  /// 0`), by key path, each as the spec would write it (`0.0`, `none`), so a listing answers
  /// for them as for a written value; none when the text no longer loads as a spec (a run of
  /// an older runner).
  static func unwrittenDefaults(ofResolved text: String, file: String) -> [ListedRun.NamedValue] {
    guard
      let loaded = try? SpecLoader.load(
        text: text, file: file, options: .init(allowOutsideResults: true))
    else { return [] }
    return SpecWriter.unwrittenDefaults(loaded.spec).map { path, text in
      let value = SpecValue(flowText: text)
      return ListedRun.NamedValue(
        path.description, value.map(Self.text) ?? text, typed: value.flatMap(typed))
    }
  }
}

extension SpecValue {
  fileprivate var isCollection: Bool {
    switch self {
    case .list, .mapping: true
    default: false
    }
  }
}

extension SpecParameters {
  /// The resolved spec at `url` as key paths and values (`SpecChange.Reader`, for `runner diff`
  /// and the gate); throws why it cannot be read as a spec (`not UTF-8 text`, `invalid YAML at
  /// line N, column M: …`, not a mapping of keys).
  static let reader: SpecChange.Reader = { url throws(SpecChange.Unreadable) in
    let text: String
    do throws(ResultsFileError) { text = try AtomicFile.read(url) } catch {
      switch error {
      case .cannotRead(_, let reason): throw SpecChange.Unreadable(reason)
      case .missing: throw SpecChange.Unreadable("no such file")
      default: throw SpecChange.Unreadable(error.description)
      }
    }
    guard let spec = SpecValue(yamlText: text) else {
      throw SpecChange.Unreadable(yamlTrouble(text, url))
    }
    guard case .mapping = spec else {
      throw SpecChange.Unreadable("not a spec (a YAML mapping of keys)")
    }
    return flatten(spec).map { (key: $0.name, value: $0.text) }
  }

  /// Why `text` (not valid YAML) is not, located as the spec reader locates it:
  /// `invalid YAML at line 1, column 7: did not find expected ',' or ']'`.
  private static func yamlTrouble(_ text: String, _ url: URL) -> String {
    let options = SpecOptions(allowOutsideResults: true)
    let diagnostics: [Diagnostic]
    do throws(SpecError) {
      _ = try SpecLoader.load(text: text, file: url.path, options: options)
      diagnostics = []
    } catch {
      diagnostics = error.diagnostics
    }
    guard let first = diagnostics.first(where: { $0.severity == .error }) else {
      return "not valid YAML"
    }
    let message =
      first.message.hasPrefix("invalid YAML: ")
      ? String(first.message.dropFirst("invalid YAML: ".count)) : first.message
    guard let location = first.location else { return "invalid YAML: \(message)" }
    return "invalid YAML at line \(location.line), column \(location.column): \(message)"
  }
}
