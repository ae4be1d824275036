/// Text compared, hashed and ordered by its UTF-8 bytes, as pandas and scikit-learn compare
/// labels: `é` (U+00E9) and `e` + U+0301 are two classes, where Swift's `String` equality
/// (canonical equivalence) would merge them.
public struct ExactText: Hashable, Comparable, Sendable {
  /// The text.
  public let text: String

  /// `text`, compared by its bytes.
  public init(_ text: String) { self.text = text }

  /// Equal bytes.
  public static func == (a: Self, b: Self) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

  /// The bytes' hash.
  public func hash(into hasher: inout Hasher) {
    for byte in text.utf8 { hasher.combine(byte) }
  }

  /// Byte order, which is code-point order.
  public static func < (a: Self, b: Self) -> Bool {
    a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
  }
}
