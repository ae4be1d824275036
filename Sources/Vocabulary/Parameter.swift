/// One numeric hyperparameter of a declared concept (an optimizer, a schedule): its spec key,
/// constraint, default, a non-default example, its meaning, and the settings field it sets.
/// The schema, decoder, canonical writer, docs and the engine's settings all come from it.
public struct Parameter<Settings>: @unchecked Sendable {
  /// Where the value lives in the settings the engine reads.
  public enum SettingsField {
    case number(WritableKeyPath<Settings, Double>)
    case integer(WritableKeyPath<Settings, Int>)
    /// A number, also written as a quotient of two numbers (`1/255`), as `scale` takes it.
    case ratio(WritableKeyPath<Settings, Double>)
  }

  /// The spec key, e.g. `weight_decay`, as written in YAML (snake_case).
  public let key: String
  /// The settings field the value is stored in, as a number or an integer.
  public let field: SettingsField
  /// The constraint a spec value must meet (e.g. positive, in [0, 1)); the decoder reports a
  /// located error otherwise.
  public let check: NumberCheck
  /// The value used when the spec leaves the key out (torch's default where there is one).
  public let defaultValue: Double
  /// A valid value other than the default (shown in the docs; tests run it).
  public let example: Double
  /// What the value does, in a short phrase with the formula where it helps (the docs show it).
  public let meaning: String
  /// The docs' default when the decoder computes it (e.g. from the run's length).
  public let defaultText: String?

  /// A parameter whose spec `key` sets `field`, checked by `check`, with its default, an
  /// example value and its `meaning`; `defaultText` describes a computed default.
  public init(
    _ key: String, _ field: SettingsField, _ check: NumberCheck, default defaultValue: Double,
    defaultText: String? = nil, example: Double, _ meaning: String
  ) {
    self.key = key
    self.defaultText = defaultText
    self.field = field
    self.check = check
    self.defaultValue = defaultValue
    self.example = example
    self.meaning = meaning
  }

  /// True when the value is a whole number (stored in an `Int` field, e.g. `history_size`).
  public var isInteger: Bool { if case .integer = field { true } else { false } }

  /// True when the value may be written as a quotient (`1/255`).
  public var isRatio: Bool { if case .ratio = field { true } else { false } }

  /// Stores `value` into `settings`.
  public func set(_ value: Double, in settings: inout Settings) {
    switch field {
    case .number(let path), .ratio(let path): settings[keyPath: path] = value
    case .integer(let path): settings[keyPath: path] = Int(value)
    }
  }
}

/// A closed set of named variants (optimizers, schedules), each declaring its parameters.
public protocol Declared: CaseIterable, Sendable, RawRepresentable where RawValue == String {
  associatedtype Settings
  /// One line on what the variant is (the docs list it).
  var summary: String { get }
  /// The keys the variant takes, in the order the canonical spec writes them.
  var parameters: [Parameter<Settings>] { get }
}

extension Declared {
  /// The settings with every declared default of this variant.
  public func defaults(from base: Settings) -> Settings {
    parameters.reduce(into: base) { settings, p in p.set(p.defaultValue, in: &settings) }
  }

  /// The names of the variants that declare the key `key` (`adam, adamw`; empty when none does).
  public static func owners(of key: String) -> String {
    allCases.filter { $0.parameters.contains { $0.key == key } }.map(\.rawValue)
      .joined(separator: ", ")
  }
}
