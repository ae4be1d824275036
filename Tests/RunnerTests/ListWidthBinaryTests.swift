import Foundation
import Testing

/// `runner ls` prints a table for reading: it fits the terminal, and in a pipe `COLUMNS` or 80
/// characters, as `dvc exp show` does; `--wide` prints every column.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ListWidthBinaryTests {
  @Test func aPipedTableFitsEightyCharactersAndWidePrintsEveryColumn() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let results = root.appendingPathComponent("results").path
    for rate in ["0.1", "0.05"] {
      let run = try SweepBinary.run([
        "run", spec, "--results-dir", results, "--set", "optimizer.learning_rate=\(rate)",
      ])
      #expect(run.status == 0, "\(run.error)")
    }
    let piped = try SweepBinary.run(["ls", results])
    #expect(piped.status == 0, "\(piped.error)")
    let lines = piped.output.split(separator: "\n")
    // The header, two runs, and the note on the columns left out, wrapped to 80 characters.
    #expect(lines.count >= 4, "\(piped.output)")
    #expect(lines.allSatisfy { $0.count <= 80 }, "\(piped.output)")
    let note = lines.dropFirst(3).joined(separator: "\n")
    #expect(note.hasPrefix("(") && lines.dropFirst(4).allSatisfy { $0.hasPrefix(" ") }, "\(note)")
    #expect(!note.contains("past 80 characters: \n"))
    #expect(
      note.replacingOccurrences(of: "\n ", with: " ").hasSuffix(
        "; choose them with --columns, or --wide for all)"), "\(note)")
    // --wide: every column, as a wide COLUMNS gives; CSV is unchanged by either.
    let wide = try SweepBinary.run(["ls", results, "--wide"])
    #expect(wide.status == 0, "\(wide.error)")
    let header = try #require(wide.output.split(separator: "\n").first)
    #expect(header.count > 80)
    for column in ["name", "when", "train_loss", "stop_reason", "optimizer.learning_rate"] {
      #expect(header.split(separator: " ").contains(Substring(column)), "\(header)")
    }
    #expect(wide.output.split(separator: "\n").count == 3)
    let columns = try SweepBinary.run(["ls", results], environment: ["COLUMNS": "1000"])
    #expect(columns.output == wide.output)
    let csv = try SweepBinary.run(["ls", results, "--format", "csv"])
    let csvWide = try SweepBinary.run(["ls", results, "--format", "csv", "--wide"])
    #expect(csv.output == csvWide.output && csv.output.hasPrefix("name,when,"))
    #expect(csv.output.contains("optimizer.learning_rate"))
  }
}
