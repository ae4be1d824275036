/// A run named after a file whose name has no ASCII letters (`第一课.yaml`): its name keeps
/// only `_` and a hash (`___-47676b40`), which says nothing in `runner ls`; a note says so.
extension SpecLoader {
  /// The note for a spec without `name:` whose file `file` has no ASCII letter in its name but
  /// other letters, so its run is named `name` (only `_` and a hash); nil otherwise.
  static func unreadableNameNote(_ file: String, _ name: String) -> Diagnostic? {
    let stem = fileStem(file)
    guard !stem.unicodeScalars.allSatisfy(\.isASCII),
      !stem.unicodeScalars.contains(where: { $0.isASCII && $0.properties.isAlphabetic })
    else { return nil }
    return Diagnostic(
      .note, at: SourceLocation(source: .file(file), line: 1, column: 1),
      "the file name \(stem) has no ASCII letters: the run is named \(name)",
      note: "write `name: lesson1` (or any ASCII name) in the spec to choose one")
  }
}
