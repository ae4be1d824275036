import Testing

@testable import Conventions

@Suite struct ExitStatusTests {
  @Test func valuesFollowSysexits() {
    #expect(
      [
        ExitStatus.success, .failure, .trouble, .usage, .dataError, .noInput, .osError,
        .interrupted,
      ]
      .map(\.rawValue) == [0, 1, 2, 64, 65, 66, 71, 130])
  }

  @Test func usageBeatsBadInputWhichBeatsAMissingOne() {
    #expect(ExitStatus.worst(.success, .noInput) == .noInput)
    #expect(ExitStatus.worst(.noInput, .dataError) == .dataError)
    #expect(ExitStatus.worst(.dataError, .noInput) == .dataError)
    // Any other failure is no success (validate exited 0 after refusing a results folder, 73).
    #expect(ExitStatus.worst(.success, .cannotCreate) == .cannotCreate)
    #expect(ExitStatus.worst(.cannotCreate, .success) == .cannotCreate)
    #expect(ExitStatus.worst(.cannotCreate, .usage) == .usage)
    #expect(ExitStatus.worst(.usage, .dataError) == .usage)
  }
}

@Suite struct CSVBlankLineTests {
  @Test func blankLinesAreRowsInResultsAndSkippedInData() throws {
    let text = "a\n1\n\n2\n"
    #expect(try CSVTable(parsing: text).rows == [["1"], [""], ["2"]])
    #expect(try CSVTable(parsing: text, blankLines: .skipped).rows == [["1"], ["2"]])
    #expect(try CSVTable(parsing: text, blankLines: .skipped).lines == [2, 4])
  }

  @Test func aOneColumnTableWithAnEmptyValueRoundTrips() throws {
    var table = try CSVTable(header: ["note"])
    try table.append([.empty])
    try table.append(["x"])
    #expect(try CSVTable(parsing: table.rendered) == table)
  }

  @Test func columnsCountUnicodeScalars() {
    #expect(throws: CSVError.strayQuote(line: 2, column: 4)) {
      try CSVTable(parsing: "a,b\né,x\"y\n")
    }
  }
}
