import Conventions
import Foundation
import Testing

@testable import Reports

/// `runner diff` tells a real change from noise: whole numbers and seeds compared exactly,
/// non-finite cells kept apart from empty ones in JSON, changed values shown with their digits
/// (tester AB17, AB15, AB7).
@Suite("runner diff: exact integers, non-finite JSON cells, every digit of a change")
struct DiffExactnessTests {
  func diff(_ old: String, _ new: String, _ options: DiffOptions = DiffOptions()) throws
    -> TableDiff
  {
    try TableDiff(
      name: "summary.csv", old: CSVTable(parsing: old), new: CSVTable(parsing: new),
      options: options)
  }

  /// Whole numbers further apart than Int's range are judged, not a trap (their distance
  /// overflowed `Int`): they differ, or agree within a relative tolerance.
  @Test("whole numbers beyond Int's range apart are compared")
  func wholeNumbersFarApart() throws {
    #expect(try diff("n\n0\n", "n\n18446744073709551615\n").differs)
    let huge = "n\n-170141183460469231731687303715884105728\n"
    #expect(try diff(huge, "n\n170141183460469231731687303715884105727\n").differs)
    let (a, b) = ("n\n18446744073709551615\n", "n\n18446744073709551614\n")
    #expect(try !diff(a, b, DiffOptions(relativeTolerance: 1e-9)).differs)
  }

  /// A tolerance the values are apart by, as printed, passes them: 1.1 − 1.0 rounds to
  /// 0.10000000000000009, which --atol 0.1 failed while printing delta 0.1 (tester BG). Without
  /// a tolerance, values one ulp apart still differ.
  @Test("a gap equal to the tolerance but for the subtraction's rounding agrees")
  func aGapAtTheToleranceAgrees() throws {
    #expect(try !diff("x\n1.0\n", "x\n1.1\n", DiffOptions(absoluteTolerance: 0.1)).differs)
    #expect(try !diff("x\n1.0\n", "x\n1.1\n", DiffOptions(relativeTolerance: 0.1)).differs)
    #expect(try diff("x\n1.0\n", "x\n1.1\n", DiffOptions(absoluteTolerance: 0.0999)).differs)
    #expect(try diff("x\n1.0\n", "x\n1.0000000000000002\n").differs)
  }

  @Test("64-bit seeds one apart differ, even with a tolerance or --tol seed=0")
  func seedsPastTwoToTheFiftyThree() throws {
    let (a, b) = ("seed\n9688954508269481049\n", "seed\n9688954508269481050\n")
    // As doubles these are one number.
    #expect(Double("9688954508269481049") == Double("9688954508269481050"))
    let seed = try diff(a, b).changes
    #expect(seed.map(\.new) == ["9688954508269481050"])
    // A seed's difference means nothing; a count's is exact.
    #expect(seed.map(\.delta) == ["-"] && seed.map(\.relativeDelta) == ["-"])
    let count = try diff("n\n9688954508269481049\n", "n\n9688954508269481050\n").changes
    #expect(count.map(\.delta) == ["1"] && count.map(\.relativeDelta) == ["1.032e-19"])
    #expect(
      count.map(\.json.rendered) == [
        #"{"row":"row 1","column":"n","old":9688954508269481049,"new":9688954508269481050,"delta":1}"#
      ])
    #expect(try diff(a, b, DiffOptions(relativeTolerance: 0.1)).differs)
    let columns = "seed,dataset.split.seed,model.init_seed,loss"
    let old = "\(columns)\n9688954508269481049,9688954508269481049,123456789012,0.5\n"
    let new = "\(columns)\n9688954508269481000,9688954508269481000,123456789013,0.5\n"
    let result = try diff(
      old, new, DiffOptions(relativeTolerance: 1e-7, columnTolerances: ["seed": 0]))
    #expect(result.changes.map(\.column) == ["seed", "dataset.split.seed", "model.init_seed"])
    // A seed is not a measurement: 12 and 13 are not "within 10%".
    #expect(try diff("seed\n12\n", "seed\n13\n", DiffOptions(relativeTolerance: 0.1)).differs)
  }

  @Test("other whole numbers keep their tolerance, computed on the exact difference")
  func countsWithinTolerance() throws {
    let (a, b) = ("rows\n1000\n", "rows\n1001\n")
    #expect(try diff(a, b).differs)
    #expect(try !diff(a, b, DiffOptions(relativeTolerance: 1e-3)).differs)
    #expect(try diff(a, b, DiffOptions(relativeTolerance: 1e-4)).differs)
    let (big, bigger) = ("n\n18446744073709551615\n", "n\n18446744073709551614\n")
    #expect(try diff(big, bigger).differs)
    #expect(try !diff("n\n1\n", "n\n1.0\n").differs)
    #expect(CSVCell.integer(from: "+12") == 12)
    #expect(CSVCell.integer(from: "-18446744073709551615") == -18_446_744_073_709_551_615)
    #expect(["1.0", "1e3", "", "-", "12a", "0x1"].allSatisfy { CSVCell.integer(from: $0) == nil })
  }

  @Test("runner ls --where seed=N matches only seed N")
  func whereMatchesTheSeedItself() throws {
    let filter = try RunFilter(parsing: "seed=15885774865218307722")
    let run = { (seed: String) in
      ListedRun(name: "t", kind: .run, path: "/t", parameters: [.init("seed", seed)])
    }
    #expect(!filter.matches(run("15885774865218307721")))
    #expect(filter.matches(run("15885774865218307722")))
    #expect(
      try RunFilter(parsing: "seed<15885774865218307722").matches(run("15885774865218307721")))
  }

  @Test("--json writes nan, inf and -inf as strings, an empty cell as null")
  func nonFiniteCellsInJSON() throws {
    let json = { (old: String, new: String) in
      try self.diff("a\n\(old)\n", "a\n\(new)\n").changes.map(\.json.rendered)
    }
    #expect(
      try json("1.0", "nan") == [
        #"{"row":"row 1","column":"a","old":1.0,"new":"nan","delta":null}"#
      ])
    #expect(
      try json("1.0", "") == [#"{"row":"row 1","column":"a","old":1.0,"new":null,"delta":null}"#])
    #expect(
      try json("inf", "-inf") == [
        #"{"row":"row 1","column":"a","old":"inf","new":"-inf","delta":null}"#
      ])
    #expect(
      try json("1.0", "1.5") == [#"{"row":"row 1","column":"a","old":1.0,"new":1.5,"delta":0.5}"#])
  }

  @Test("1.0 -> 1.00000001 is shown with every digit, not as 1.0 -> 1")
  func changedValueShowsItsDigits() throws {
    let result = try diff("a,b\n1.0,0.5\n", "a,b\n1.00000001,0.5000000001\n")
    #expect(result.changes.map(\.shown) == [["1.0", "1.00000001"], ["0.5", "0.5000000001"]])
    #expect(result.rendered().contains("row 1  a       1.0  1.00000001    1e-08  1e-08"))
    // A change the short form shows is still shown short.
    #expect(
      try diff("a\n0.123456789\n", "a\n0.223456789\n").changes[0].shown == ["0.12346", "0.22346"])
  }
}
