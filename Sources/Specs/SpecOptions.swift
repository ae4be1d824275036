/// Options for loading a spec.
public struct SpecOptions: Sendable {
  /// `--set key.path=value` arguments, applied in order after the file.
  public var overrides: [String] = []
  /// Treat warnings as errors.
  public var strict = false
  /// Allow `name`/`output` to point outside the results directory.
  public var allowOutsideResults = false
  /// Caps on the spec's size and nesting, so a huge or hostile file fails cleanly.
  public var limits = ReadLimits()
  /// A variant of a valid spec (a sweep trial, a curve point): a key its values make change
  /// nothing or not apply is a warning and left out of its canonical spec, not an error.
  public var variant = false
  /// In a variant, where the key it varies is written (a validation curve's `parameter`): that
  /// key not applying is refused as if written directly, since every point sets it.
  var variedKey: SourceLocation?
  /// Whether this is a validation-curve point's spec: only a point varies a key written in the
  /// file (`variedKey`).
  var isCurvePoint: Bool { variedKey != nil }
  /// Whether an error in the file that only the overrides bring about names them
  /// (`SpecLoader.followingOverrides`); off for the loads that tell which.
  var blamesOverrides = true

  /// These options for a variant of the spec (a sweep trial, a curve point).
  var asVariant: SpecOptions {
    var options = self
    options.variant = true
    return options
  }

  /// Options with `overrides` applied in order, strictness and results-directory permission.
  public init(overrides: [String] = [], strict: Bool = false, allowOutsideResults: Bool = false) {
    self.overrides = overrides
    self.strict = strict
    self.allowOutsideResults = allowOutsideResults
  }
}
