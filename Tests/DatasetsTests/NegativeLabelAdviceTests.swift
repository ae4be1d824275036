import Testing

@testable import Datasets

/// Labels −1 and 1 (scikit-learn's convention for SVMs and perceptrons) are refused with the
/// advice labels 1 and 2 get: name the classes as written (tester AI4).
@Suite struct NegativeLabelAdviceTests {
  @Test func minusOneAndOneAreToldToNameTheClasses() throws {
    let table = try DataTable.parse("x,y\n1,1\n2,-1\n3,1\n4,-1\n", origin: "pm.csv")
    let error = #expect(throws: DataError.self) { try table.categoricalColumn("y") }
    #expect(
      error?.description == """
        pm.csv (line 3, column 'y'): label -1 out of range: class indices start at 0; the labels \
        are -1 and 1: name the classes as written (dataset.classes: ['-1', '1']: label -1 is \
        then class 0), or map -1 to 0
        1 more such label:
          line 5: '-1'
        """)
    // The advice works: named, −1 is class 0.
    let named = try table.categoricalColumn("y", classes: ["-1", "1"])
    #expect(named.indices == [1, 0, 1, 0])
  }

  @Test func manyDistinctNegativeLabelsGetNoList() {
    #expect(LabelChecks.negative(Array(-5...5)) == nil)
    #expect(LabelChecks.negative([0, 1, 2]) == nil)
    #expect(LabelChecks.negative([-3]) != nil)
  }
}
