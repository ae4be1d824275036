import Conventions
import Foundation
import Testing

@testable import Reports

@Suite("runner diff: comparing results tables")
struct ResultsDiffTests {
  let base = "iteration,train_loss,test_accuracy,note\n0,0.693147,0.5,start\n100,0.584508,0.6,\n"

  func diff(_ old: String, _ new: String, _ options: DiffOptions = DiffOptions()) throws
    -> TableDiff
  {
    try TableDiff(
      name: "metrics.csv", old: CSVTable(parsing: old), new: CSVTable(parsing: new),
      options: options)
  }

  @Test("preprocessing.csv's rows are keyed by step, statistic and feature together")
  func preprocessingRowsKeyedByWhatTheyAre() throws {
    let old = "step,name,statistic,feature,value\n1,standardize,mean,x,0.5\n1,standardize,std,x,2\n"
    let new = "step,name,statistic,feature,value\n1,standardize,mean,x,0.5\n1,standardize,std,x,3\n"
    let result = try diff(old, new)
    #expect(result.keyColumns == ["step", "statistic", "feature"])
    #expect(result.changes.map(\.row) == ["step=1, statistic=std, feature=x"])
  }

  @Test("equal files are the same; 1.0 equals 1")
  func equal() throws {
    let result = try diff(base, base)
    #expect(!result.differs)
    #expect(result.matchedRows == 2)
    #expect(result.keyColumns == ["iteration"])
    #expect(!(try diff("a\n1.0\n", "a\n1\n").differs))
    #expect(result.rendered() == "metrics.csv: same (2 rows, key: iteration)")
  }

  @Test("a change within tolerance passes, beyond it fails; --tol overrides per column")
  func tolerance() throws {
    let changed = base.replacingOccurrences(of: "0.584508", with: "0.5845085")
    #expect(try diff(base, changed).differs)
    #expect(!(try diff(base, changed, DiffOptions(relativeTolerance: 1e-6)).differs))
    #expect(!(try diff(base, changed, DiffOptions(absoluteTolerance: 1e-6)).differs))
    let result = try diff(
      base, changed, DiffOptions(relativeTolerance: 1e-6, columnTolerances: ["train_loss": 1e-8]))
    #expect(
      result.changes == [
        .init(row: "iteration=100", column: "train_loss", old: "0.584508", new: "0.5845085")
      ])
    #expect(result.changes[0].delta == "5e-07")
    #expect(result.changes[0].relativeDelta == "8.554e-07")
    #expect(
      result.rendered().contains("iteration=100  train_loss  0.584508  0.5845085  5e-07  8.554e-07")
    )
  }

  @Test("missing and new rows are found by key, whatever the row order")
  func rows() throws {
    let reordered = "iteration,train_loss,test_accuracy,note\n200,0.4,0.7,\n0,0.693147,0.5,start\n"
    let result = try diff(base, reordered)
    #expect(result.missingRows == ["iteration=100"])
    #expect(result.newRows == ["iteration=200"])
    #expect(result.changes.isEmpty)
    #expect(result.rendered().contains("missing row: iteration=100 (only in A)"))
  }

  @Test("a new column and a removed column are differences")
  func columns() throws {
    let result = try diff("iteration,a\n0,1\n", "iteration,b,a\n0,2,1\n")
    #expect(result.addedColumns == ["b"])
    #expect(result.differs)
    #expect(try diff("iteration,a,b\n0,1,2\n", "iteration,a\n0,1\n").removedColumns == ["b"])
  }

  @Test(
    "NaN agrees only with NaN, on either side",
    arguments: [
      ("nan", "nan", false), ("nan", "0.5", true), ("0.5", "nan", true), ("inf", "inf", false),
      ("inf", "-inf", true),
    ])
  func nan(old: String, new: String, differs: Bool) throws {
    let result = try diff(
      "step,x\n1,\(old)\n", "step,x\n1,\(new)\n",
      DiffOptions(absoluteTolerance: 1, relativeTolerance: 1))
    #expect(result.differs == differs)
  }

  @Test("non-numeric cells compare as text; a number turning into text differs")
  func text() throws {
    #expect(try diff("step,v\n1,high variance\n", "step,v\n1,high variance\n").differs == false)
    let changed = try diff(
      "step,v\n1,high variance\n", "step,v\n1,fine\n", DiffOptions(relativeTolerance: 1))
    #expect(changed.changes.first?.delta == "-")
    #expect(try diff("step,v\n1,0.5\n", "step,v\n1,\n", DiffOptions(relativeTolerance: 1)).differs)
  }

  @Test("timing columns are ignored unless asked")
  func timings() throws {
    let old = "trial,test_loss,train_seconds\na,0.1,3.5\n"
    let new = "trial,test_loss,train_seconds\na,0.1,9.25\n"
    #expect(!(try diff(old, new).differs))
    #expect(try diff(old, new, DiffOptions(includeTimings: true)).differs)
  }

  @Test("without a key column rows match by position; a missing --key column is trouble")
  func positions() throws {
    let result = try diff("a,b\n1,2\n", "a,b\n1,3\n4,5\n")
    #expect(result.changes.map(\.row) == ["row 1"])
    #expect(result.newRows == ["row 2"])
    #expect(throws: DiffError.missingKeyColumn(file: "metrics.csv", column: "trial", side: "B")) {
      try diff("trial,a\nx,1\n", "a\n1\n", DiffOptions(keyColumns: ["trial"]))
    }
  }

  @Test("--tol parsing")
  func tolParsing() throws {
    #expect(try DiffOptions.columnTolerance("test_loss=1e-6") == ("test_loss", 1e-6))
    #expect(throws: DiffError.self) { try DiffOptions.columnTolerance("test_loss") }
    #expect(throws: DiffError.self) { try DiffOptions.columnTolerance("x=-1") }
  }

  @Test("results directories: files matched by path, timings.csv skipped, missing files reported")
  func directories() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("A"), root.appendingPathComponent("B"))
    for side in [a, b] {
      try AtomicFile.write(base, to: side.appendingPathComponent("metrics.csv"))
      try AtomicFile.write(
        "phase,seconds\ntrain,\(side == a ? 1 : 2)\n",
        to: side.appendingPathComponent("timings.csv"))
      try AtomicFile.write("trial,x\nt1,1\n", to: side.appendingPathComponent("t1/summary.csv"))
    }
    // Hidden entries on one side only are not compared: a temporary, a staging folder and
    // `.history/` (ResultsFile.visibleFiles, the walk the gate, merger and exports share).
    for hidden in [".metrics.csv.tmp-1-x", ".staging-t1-1-2/summary.csv", ".history/t1/s.csv"] {
      try AtomicFile.write("a\n1\n", to: a.appendingPathComponent(hidden))
    }
    try FileManager.default.createDirectory(
      at: a.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
    #expect(ResultsFile.visibleFiles(below: a) == ["metrics.csv", "t1/summary.csv", "timings.csv"])
    var same = try ResultsDiff(a, b)
    #expect(!same.differs)
    #expect(same.files.map(\.name) == ["metrics.csv", "t1/summary.csv"])
    #expect(same.rendered.hasSuffix("same within tolerance: 2 files (atol 0.0, rtol 0.0)\n"))
    try AtomicFile.write("a\n1\n", to: a.appendingPathComponent("bias_variance.csv"))
    same = try ResultsDiff(a, b)
    #expect(same.differs)
    #expect(same.onlyInA == ["bias_variance.csv"])
    // A file on one side only is counted apart: no compared file differs.
    #expect(
      same.rendered.hasSuffix(
        "different: 0 of 2 files in both differ, 1 only in A (atol 0.0, rtol 0.0)\n"))
    try AtomicFile.write("a\n1\n", to: b.appendingPathComponent("new.csv"))
    try AtomicFile.write("step,loss\n0,1\n", to: b.appendingPathComponent("t1/summary.csv"))
    #expect(
      try ResultsDiff(a, b).rendered.hasSuffix(
        "different: 1 of 2 files in both differ, 1 only in A, 1 only in B (atol 0.0, rtol 0.0)\n"))
    try FileManager.default.removeItem(at: b.appendingPathComponent("new.csv"))
    let single = try ResultsDiff(a.appendingPathComponent("metrics.csv"), b)
    #expect(!single.differs)
    #expect(throws: DiffError.missing(path: root.appendingPathComponent("C").path)) {
      try ResultsDiff(a, root.appendingPathComponent("C"))
    }
    try AtomicFile.write("a,b\n1\n", to: b.appendingPathComponent("bad.csv"))
    try AtomicFile.write("a,b\n1,2\n", to: a.appendingPathComponent("bad.csv"))
    #expect(throws: DiffError.self) { try ResultsDiff(a, b) }
  }

  /// A file of A whose path in B holds a directory or a symbolic link loop is trouble naming
  /// it, not "only in A" (tester BF F5: exit 1, a plain difference); a folder of another name
  /// on one side only is no file.
  @Test("a results file that is a directory or a link loop on one side is trouble")
  func unreadableCounterpartIsTrouble() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("A"), root.appendingPathComponent("B"))
    for side in [a, b] {
      try AtomicFile.write(base, to: side.appendingPathComponent("metrics.csv"))
      try AtomicFile.write("x\n1\n", to: side.appendingPathComponent("summary.csv"))
    }
    let summary = b.appendingPathComponent("summary.csv")
    try FileManager.default.removeItem(at: summary)
    try FileManager.default.createDirectory(at: summary, withIntermediateDirectories: false)
    #expect(
      throws: DiffError.unreadable(path: summary.path, reason: "is a directory, not a regular file")
    ) { try ResultsDiff(a, b) }
    // The other way round: the directory is A's.
    #expect(
      throws: DiffError.unreadable(path: summary.path, reason: "is a directory, not a regular file")
    ) { try ResultsDiff(b, a) }
    try FileManager.default.removeItem(at: summary)
    try AtomicFile.write("x\n1\n", to: summary)
    let metrics = b.appendingPathComponent("metrics.csv")
    try FileManager.default.removeItem(at: metrics)
    try FileManager.default.createSymbolicLink(atPath: metrics.path, withDestinationPath: "m2")
    try FileManager.default.createSymbolicLink(
      atPath: b.appendingPathComponent("m2").path, withDestinationPath: "metrics.csv")
    #expect(
      throws: DiffError.unreadable(
        path: metrics.path,
        reason: "is a symbolic link loop (too many levels of links), not a regular file")
    ) { try ResultsDiff(a, b) }
    // A file against a folder whose file of that name is a loop: the same, not "missing".
    #expect(
      throws: DiffError.unreadable(
        path: metrics.path,
        reason: "is a symbolic link loop (too many levels of links), not a regular file")
    ) { try ResultsDiff(a.appendingPathComponent("metrics.csv"), b) }
  }

  /// A results file with a NUL byte is refused at its line, as a data file is (tester BF F5).
  @Test("a NUL byte in a results file is trouble")
  func nulByteIsTrouble() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("a.csv"), root.appendingPathComponent("b.csv"))
    try AtomicFile.write("x,y\n1,ok\n", to: a)
    try AtomicFile.write("x,y\n1,o\u{0}k\n", to: b)
    #expect(
      throws: DiffError.unreadable(
        path: b.path,
        reason: "line 2:4: a NUL byte: binary data, not text (a CSV table is UTF-8 text)")
    ) { try ResultsDiff(a, b) }
  }
}

@Suite("runner diff exit statuses")
struct DiffCommandResultTests {
  @Test("0 same, 1 different, 2 trouble")
  func statuses() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b, bad) = (
      root.appendingPathComponent("a.csv"), root.appendingPathComponent("b.csv"),
      root.appendingPathComponent("bad.csv")
    )
    try AtomicFile.write("step,loss\n0,0.5\n", to: a)
    try AtomicFile.write("step,loss\n0,0.5000001\n", to: b)
    try AtomicFile.write("step,loss\n0\n", to: bad)
    let different = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(different.status == 1)
    #expect(different.output.contains("step=0  loss    0.5  0.5000001  1e-07  2e-07"))
    #expect(
      DiffCommandResult.run(
        a: a.path, b: b.path, options: DiffOptions(), columnTolerances: ["loss=1e-6"]
      ).status == 0)
    #expect(DiffCommandResult.run(a: a.path, b: a.path, options: DiffOptions()).status == 0)
    let missing = DiffCommandResult.run(
      a: a.path, b: root.appendingPathComponent("none.csv").path, options: DiffOptions())
    #expect(missing.status == 2)
    #expect(missing.error.hasSuffix("none.csv: no such file or directory"))
    #expect(DiffCommandResult.run(a: a.path, b: bad.path, options: DiffOptions()).status == 2)
    #expect(
      DiffCommandResult.run(
        a: a.path, b: b.path, options: DiffOptions(), columnTolerances: ["loss"]
      ).status == 2)
    #expect(
      DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions(absoluteTolerance: -1))
        .status == 2)
    #expect(
      DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions(keyColumns: ["trial"]))
        .status == 2)
    // AG10: --ignore of a column no file has is trouble, as a misspelt --only is; a real one
    // leaves the column out.
    let typo = DiffCommandResult.run(
      a: a.path, b: b.path, options: DiffOptions(ignoredColumns: ["los"]))
    #expect(typo.status == 2)
    #expect(typo.error.contains("'los'") && typo.error.contains("check --ignore"), "\(typo.error)")
    #expect(
      DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions(ignoredColumns: ["loss"]))
        .status == 0)
  }
}
