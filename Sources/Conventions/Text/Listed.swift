/// The word a list in prose puts before its last item.
public enum Conjunction: String, Sendable {
  /// `a, b and c`.
  case and
  /// `a, b or c`.
  case or
}

extension Array where Element == String {
  /// The items in prose, with no comma before the conjunction: nothing for none, `a`,
  /// `a and b`, `a, b and c` (`a, b or c` with `.or`).
  public func listed(_ conjunction: Conjunction = .and) -> String {
    guard let last else { return "" }
    guard count > 1 else { return last }
    return dropLast().joined(separator: ", ") + " \(conjunction.rawValue) " + last
  }
}
