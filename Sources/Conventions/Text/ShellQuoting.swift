extension String {
  /// This word as a POSIX shell reads it back: as it is when it has only characters no shell
  /// treats specially (letters, digits, `@%+=:,./_-`), else in single quotes (`'my dir'`,
  /// `'it'\''s'`).
  public var shellQuoted: String {
    let plain = !isEmpty && unicodeScalars.allSatisfy { Self.shellPlain.contains($0) }
    return plain ? self : singleQuoted
  }

  /// This word in single quotes, plain or not, as a POSIX shell reads it back (`'it'\''s'`):
  /// the form of a `--set 'key=value'` fix-it, quoted whatever the value.
  public var singleQuoted: String {
    "'" + split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
  }

  private static let shellPlain = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-".unicodeScalars)
}
