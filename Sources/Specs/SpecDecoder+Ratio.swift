/// Numbers that may be written as a quotient of two numbers (`1/255`): `scale`'s factor and
/// `normalize`'s mean and std (torchvision's `mean=1/2` style), read by one reader.
extension SpecDecoder {
  /// What such a key must be, as its refusals say it.
  static let ratioExpected = "a number or a quotient like 1/255"
  /// What the key reference adds to such a key's type (`number or a/b`).
  static let ratioType = " or a/b"

  /// A finite number meeting `check`, written as a number (read as `double` reads it) or as a
  /// plain quotient of two numbers (`1/255`, its value checked).
  mutating func ratio(_ node: SpecNode, _ path: SpecPath, _ check: NumberCheck = .any)
    -> Double?
  {
    guard let s = plainScalar(node, path, expected: Self.ratioExpected) else { return nil }
    if s.isPlain, ScalarSyntax.double(s.text) != nil || ScalarSyntax.isNonFinite(s.text) {
      return double(node, path, check)
    }
    // A quoted number is a string, as for every number key (strict scalars).
    if !s.isPlain, ScalarSyntax.quotient(s.text) != nil {
      return fail(
        s.location, "\(path) must be \(Self.ratioExpected) (got \(node.kindDescription))",
        note: "remove the quotes", fixIt: Self.fixIt(path, s.text))
    }
    guard s.isPlain, let value = ScalarSyntax.quotient(s.text) else {
      let zero = s.isPlain && ScalarSyntax.operands(s.text)?.1 == 0
      return fail(
        s.location,
        zero
          ? "\(path) divides by zero (got '\(s.text)')"
          : "\(path) must be \(Self.ratioExpected) (got '\(s.text)')")
    }
    if let failure = check.failure(value) {
      return fail(s.location, "\(path) \(failure) (got \(s.text))")
    }
    reals.append((path, value, s.text, s.location))
    return value
  }
}

extension SpecDecoder {
  /// Refuses a `normalize` std so small that dividing by it overflows `dtype` (1/std is
  /// infinite: `1e-320` in float64): every feature a unit from the mean would become infinite,
  /// and the data would be blamed for the std's slip (tester BI-11). Nil for any other value.
  static func divisorOverflow(
    _ real: (path: SpecPath, value: Double, text: String, location: SourceLocation),
    in dtype: DType
  ) -> (message: String, note: String)? {
    let held = dtype.held(real.value)
    guard real.path.schemaPattern == Schema.normalizePrefix + FixedNormalization.divisorKey,
      held > 0,
      dtype.held(1 / held).isInfinite
    else { return nil }
    return (
      "is too small to divide by in \(dtype.rawValue) (got \(real.text)): 1/std is infinite, "
        + "so every feature a unit or more from the mean would be too",
      "normalize divides every feature by it: give the standard deviation of your data's "
        + "training features (numpy's x.std())"
    )
  }
}
