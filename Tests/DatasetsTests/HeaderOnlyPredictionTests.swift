import Testing

@testable import Datasets

/// Tester AW's F10 a: `runner predict` on a table of a header and no rows (`x1,x2,target`) was
/// told its header was read as one and to add a first line naming the features, which it has;
/// the advice fits a headerless one-line file. A header of names is told to get rows.
@Suite struct HeaderOnlyPredictionTests {
  @Test func aHeaderOfNamesIsToldToAddRows() {
    let named = DataError.noRows(
      file: "q.csv", header: ["x1", "x2", "target"], forPrediction: true, features: ["x1", "x2"])
    #expect(
      named.description
        == "q.csv (line 1): the table has a header and no rows: there is no row to predict "
        + "below it; add a line of values per sample under the header")
    // A line of values read as the header keeps its advice.
    let values = DataError.noRows(
      file: "q.csv", header: ["0.15", "1"], forPrediction: true, features: ["x1", "x2"])
    #expect(values.description.contains("add a first line naming the features, `x1,x2`,"))
  }
}
