import Testing

@testable import Specs

/// Tester BI-11: `normalize`'s values are read as `scale`'s factor is (a quotient like 1/255
/// accepted by one reader), a bare `normalize` asks for the data's own values instead of
/// offering another data set's, and a std too small to divide by is refused at the std.
@Suite struct NormalizeValueTests {
  /// `spec` with these preprocessing steps, in `dtype`.
  static func spec(_ steps: String, dtype: String = "float64") -> String {
    "dataset:\n  name: iris\n  preprocessing: \(steps)\nmodel: logreg\nloss: cross_entropy\n"
      + "dtype: \(dtype)\n"
  }

  /// The diagnostics of `text` once it is refused (none when it loads).
  static func errors(_ text: String) -> [Diagnostic] {
    do {
      _ = try SpecLoader.load(text: text, file: "n.yaml")
      return []
    } catch { return error.diagnostics.filter { $0.severity == .error } }
  }

  @Test func quotientsAreReadAsScaleReadsThem() throws {
    let text = Self.spec("[{scale: 1/255}, {normalize: {mean: 1/255, std: 1/2}}]")
    let steps = try SpecLoader.load(text: text, file: "n.yaml").spec.dataset.preprocessing
    #expect(
      steps == [.scale(1.0 / 255), .normalize(FixedNormalization(mean: 1.0 / 255, std: 0.5))])
    // Refused alike: a divisor of 0, and a quotient below std's bound, at the value.
    let zero = Self.errors(Self.spec("[{normalize: {mean: 1/0}}]")).map(\.message)
    #expect(zero == ["dataset.preprocessing[0].normalize.mean divides by zero (got '1/0')"])
    let negative = Self.errors(Self.spec("[{normalize: {std: -1/2}}]")).map(\.message)
    #expect(negative == ["dataset.preprocessing[0].normalize.std must be > 0 (got -1/2)"])
  }

  @Test func aBareNormalizeAsksForTheDatasOwnValuesWithNoFixIt() throws {
    let errors = Self.errors(Self.spec("[normalize]"))
    #expect(errors.map(\.message) == ["normalize needs its mean and std"])
    let error = try #require(errors.first)
    #expect(error.fixIt == nil)
    #expect(error.note?.contains("x.std() of the training rows, after any `scale`") == true)
    #expect(error.note?.contains("0.485") == false)
  }

  @Test func aStdTooSmallToDivideByIsRefusedAtTheStd() throws {
    let text = Self.spec("[{normalize: {mean: 0, std: 1e-320}}]")
    let errors = Self.errors(text)
    let error = try #require(errors.first)
    #expect(errors.count == 1)
    #expect(
      error.message
        == "dataset.preprocessing[0].normalize.std is too small to divide by in float64 (got "
        + "1e-320): 1/std is infinite, so every feature a unit or more from the mean would be too"
    )
    #expect(error.location?.line == 3 && error.location?.column == 46)
    // float32 divides by float32's std: 1e-40 is held, but 1/1e-40 is not.
    let narrow = Self.errors(Self.spec("[{normalize: {std: 1e-40}}]", dtype: "float32"))
    #expect(narrow.map(\.message).first?.contains("too small to divide by in float32") == true)
    #expect(Self.errors(Self.spec("[{normalize: {std: 1e-300}}]")).isEmpty)
  }
}
