import Testing

@testable import Specs

/// A `%YAML 1.1` directive asks for readings the runner does not give (it reads YAML 1.2's core
/// schema): a value that reads otherwise in 1.1 is refused at the value, any other is accepted.
@Suite struct YAMLVersionTests {
  /// YAML 1.1's readings as PyYAML 6 gives them (`yaml.safe_load`), where they differ from 1.2.
  @Test(arguments: [
    ("010", "8 (octal)"), ("-010", "-8 (octal)"), ("08", "the string '08'"),
    ("1e-3", "the string '1e-3'"), ("1.0e3", "the string '1.0e3'"), ("0o17", "the string '0o17'"),
    ("1_000", "the number 1000"), ("1:20", "80 (a base-60 number)"),
    ("1:20.5", "80.5 (a base-60 number)"), ("0b101", "5 (binary)"), ("0x1_F", "31 (hexadecimal)"),
    ("yes", "the boolean true"), ("Off", "the boolean false"),
  ])
  func readingsThatDiffer(text: String, reading: String) {
    #expect(YAMLReader.yaml11Reading(text) == reading)
  }

  /// Values both versions read alike (PyYAML gives the same number or string).
  @Test(arguments: ["07", "0", "10", "0.5", ".5", "1.", "1.0e-3", "1.5e+3", "0x1F", "y", "adam"])
  func readingsThatAgree(text: String) {
    #expect(YAMLReader.yaml11Reading(text) == nil)
  }

  @Test func aValueReadOtherwiseIn11IsRefusedAtTheValue() {
    let text = "%YAML 1.1\n---\n" + minimalSpec + "\noptimizer: {type: gd, iterations: 010}\n"
    #expect(
      failure(text).hasPrefix(
        "spec.yaml:8:35: error: '010' is 8 (octal) in YAML 1.1, which the %YAML 1.1 directive on "
          + "line 1 asks for; the runner reads specs as YAML 1.2, where it is 10"))
  }

  @Test func aDocumentThatReadsAlikeIsAccepted() throws {
    let text = "# exported\n%YAML 1.1\n---\n" + minimalSpec + "\noptimizer: {iterations: 20}\n"
    let spec = try load(text).get()
    #expect(spec.spec.optimizer.budget == .iterations(20))
  }

  /// Quoted and tagged values are strings or their tag's type in both versions.
  @Test func quotedAndTaggedValuesAreNotQuestioned() throws {
    let text = "%YAML 1.1\n---\n" + minimalSpec + "\ndescription: 'yes'\nname: !!str 010\n"
    _ = try load(text).get()
  }

  /// `!!float 20` is the float 20.0, refused where a count is asked as `20.0` is.
  @Test func aFloatTaggedWholeNumberIsNoCount() {
    let text = minimalSpec + "\noptimizer: {type: gd, iterations: !!float 20}\n"
    #expect(
      failure(text).hasPrefix(
        "spec.yaml:6:35: error: optimizer.iterations must be a whole number without a decimal "
          + "point (got 20.0)"))
  }
}
