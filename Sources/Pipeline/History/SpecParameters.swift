import Conventions
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
  /// and the gate); nil when it cannot be read as a spec.
  static let reader: SpecChange.Reader = { url in
    var problems: [String] = []
    guard let spec = RunFolderReader.readSpec(url, problems: &problems) else { return nil }
    return flatten(spec).map { (key: $0.name, value: $0.text) }
  }
}
