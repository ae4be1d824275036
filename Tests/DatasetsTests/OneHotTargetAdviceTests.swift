import Testing

@testable import Datasets

/// One-hot target columns (the course's and Keras's form) given to a classifier were refused
/// with no way forward (tester AN13): the refusal now says they are one-hot and how to proceed.
@Suite struct OneHotTargetAdviceTests {
  @Test func oneHotColumnsAreNamedWithTheConversion() throws {
    let table = try DataTable.parse(
      "x,y0,y1,y2\n1,1,0,0\n2,0,0,1\n3,0,1,0\n", origin: "onehot.csv")
    #expect(
      DataLoader.oneHotAdvice(table, ["y0", "y1", "y2"])
        == ". These columns are one-hot (each row a single 1): give the class as one column of "
        + "indices in their place (pandas: df['label'] = df[['y0', 'y1', 'y2']].values"
        + ".argmax(axis=1); df = df.drop(columns=['y0', 'y1', 'y2'])) and write `target: label`, "
        + "or keep them with `loss: mse` to fit them as probabilities (one output unit per "
        + "column; accuracy is not scored then)")
  }

  @Test func otherColumnsGetNoOneHotAdvice() throws {
    // Two 1s in a row, a value other than 0 and 1, a row of 0s, a column that is not numeric.
    for csv in [
      "x,a,b\n1,1,1\n2,0,1\n", "x,a,b\n1,0.5,0.5\n2,0,1\n", "x,a,b\n1,0,0\n2,0,1\n",
      "x,a,b\n1,cat,1\n2,0,1\n",
    ] {
      let table = try DataTable.parse(csv, origin: "t.csv")
      #expect(DataLoader.oneHotAdvice(table, ["a", "b"]).isEmpty, "\(csv)")
    }
  }
}
