extension CSVCell {
  /// The exact value of a field written as a whole number (an optional sign, then digits only:
  /// `12`, `-3`, `15885774865218307721`), nil for anything else (`1.0`, `1e3`, text) or past
  /// ±2^127. A 64-bit seed does not fit a `Double` (2^53), so whole numbers are compared as this.
  public static func integer(from text: String) -> Int128? {
    let trimmed = text.trimmingSpaces
    var digits = Substring(trimmed)
    if let sign = digits.first, sign == "-" || sign == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
    return Int128(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed)
  }
}
