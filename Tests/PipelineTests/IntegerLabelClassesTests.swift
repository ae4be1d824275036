import Testing

@testable import Pipeline

/// Tester BH F6: a one-unit output fitting small integer labels 0…k with a regression loss is
/// told how to judge them as classes; which label columns count.
@Suite struct IntegerLabelClassesTests {
  @Test func labelsZeroToKAreClasses() {
    #expect(RunResultsWriter<Double>.integerLabelClasses([0, 1, 2, 1, 0, 2]) == 3)
    #expect(RunResultsWriter<Double>.integerLabelClasses([0, 1, 0]) == nil)  // 0/1: own hint
    #expect(RunResultsWriter<Double>.integerLabelClasses([0, 1, 3]) == nil)  // 2 missing
    #expect(RunResultsWriter<Double>.integerLabelClasses([0, 1, 2.5]) == nil)
    #expect(RunResultsWriter<Double>.integerLabelClasses((0..<12).map(Double.init)) == nil)
  }
}
