import Foundation
import Testing

@testable import Datasets

/// Two table shapes spreadsheets write, each refused once with the fix (tester D, session 26):
/// Excel's `sep=,` first line was taken for the header ("expected 2 fields like the header,
/// found 3"), and a comma ending every line gave one "empty cell" error per row.
@Suite struct SpreadsheetTableTests {
  @Test func excelsSeparatorLineIsNamed() throws {
    let error = InputFaultTests.dataError {
      _ = try DataTable.parse("sep=,\na,b,y\n1,2,0\n", origin: "excel.csv")
    }
    #expect(
      error?.description
        == "excel.csv (line 1): 'sep=,' is Excel's separator hint, not a header: delete that line")
    #expect(try DataTable.parse("sep,b\n1,2\n", origin: "t.csv").header == ["sep", "b"])
  }

  @Test func aCommaEndingEveryLineIsOneError() throws {
    let table = try DataTable.parse("a,b,y,\n1,2,0,\n2,3,1,\n3,4,0,\n", origin: "t.csv")
    let error = InputFaultTests.dataError { _ = try table.numericColumns(["a", "b", ""]) }
    #expect(
      error?.description
        == "t.csv: every line ends with a comma (an empty last column with no name): remove the "
        + "trailing commas, or name the columns to read in `features:`")
    #expect(try table.numericColumns(["a", "b"]).shape == [3, 2])
  }

  /// Excel's blank formatted columns (`a,b,y,,`) gave "column '' appears twice in the header",
  /// with no way out (tester H, H1): two or more trailing commas are told and escaped as one is.
  @Test func severalCommasEndingEveryLineAreOneCommasError() throws {
    for commas in [",,", ",,,"] {
      let text = ["a,b,y", "1,2,0", "2,3,1", "3,4,0"].map { $0 + commas }.joined(separator: "\r\n")
      let table = try DataTable.parse(text, origin: "t.csv")
      #expect(table.header == ["a", "b", "y", ""])
      let error = InputFaultTests.dataError { _ = try table.numericColumns(["a", "b", ""]) }
      #expect(
        error?.description
          == "t.csv: every line ends with a comma (an empty last column with no name): remove "
          + "the trailing commas, or name the columns to read in `features:`")
      #expect(try table.numericColumns(["a", "b"]).shape == [3, 2])
      #expect(try table.numericColumns(["y"]).shape == [3, 1])
    }
    // A value in a later unnamed column: two columns '', as before, located as two named
    // columns are (it had no line or columns).
    let noted = InputFaultTests.dataError {
      _ = try DataTable.parse("a,y,,\n1,0,,\n2,1,,note\n", origin: "t.csv")
    }
    #expect(
      noted?.description
        == "t.csv (line 1): column '' appears twice in the header (columns 3 and 4)")
  }
}

/// A CSV file written without a header (`1,2,0` first) said only "no column named 'y';
/// columns: '1', '2', '0'" (tester D, session 26).
@Suite struct HeaderlessTableTests {
  @Test func aHeaderOfNumbersIsNamedAsNoHeader() throws {
    let table = try DataTable.parse("1,2,0\n2,3,1\n", origin: "t.csv")
    #expect(
      InputFaultTests.dataError { _ = try table.columnIndex("y") }?.description
        == "t.csv: no column named 'y'; columns: '1', '2', '0'; its header holds only numbers, "
        + "so the file seems to have no header row: add one naming the columns (pandas: "
        + "df.to_csv(path, header=True))")
  }
}
