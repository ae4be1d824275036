import Conventions

extension JSONValue {
  /// The largest integer every JSON reader holds exactly: 2^53 − 1 (JavaScript's
  /// `Number.MAX_SAFE_INTEGER`); jq and JavaScript read numbers as IEEE doubles.
  public static let largestExactInteger = 9_007_199_254_740_991

  /// The value as scripts read it without loss (what every `--json` and `--format json` prints):
  /// an integer beyond ±(2^53 − 1) becomes a string of its digits, as Twitter's APIs send 64-bit
  /// IDs, and so does every seed, whatever its size, so that a seed field has one type (a key
  /// named `seed`, `….seed` or `…_seed`, and a diff change's `old` and `new` in a seed column, whose `delta`, meaningless, is null).
  /// Smaller integers and every other value are kept.
  public var portable: JSONValue {
    switch self {
    case .integer(let value) where value.magnitude > UInt(Self.largestExactInteger):
      .string(String(value))
    case .bigInteger(let digits): .string(digits)
    case .array(let items): .array(items.map(\.portable))
    case .object(let entries):
      .object(
        entries.map { key, value in
          if isSeedChange && key == "delta" { return (key, .null) }
          return (
            key,
            Self.isSeed(key) || isSeedChange && ["old", "new"].contains(key)
              ? value.asText : value.portable
          )
        })
    default: self
    }
  }

  /// A diff change (`{"row", "column", "old", "new", …}`) in a seed column.
  private var isSeedChange: Bool {
    guard case .object(let entries) = self,
      case .string(let column)? = entries.first(where: { $0.0 == "column" })?.1
    else { return false }
    return Self.isSeed(column)
  }

  /// An integer as the string of its digits; any other value as `portable` makes it.
  private var asText: JSONValue {
    switch self {
    case .integer(let value): .string(String(value))
    case .bigInteger(let digits): .string(digits)
    default: portable
    }
  }
}
