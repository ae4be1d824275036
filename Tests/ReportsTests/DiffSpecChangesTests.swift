import Conventions
import Foundation
import Testing

@testable import Reports

/// `runner diff` compares the resolved specs key by key and names a changed spec or changed
/// data first (tester AB2).
@Suite("runner diff: changed specs and data named first")
struct DiffSpecChangesTests {
  /// Reads `key: value` lines: enough for these tests (module Pipeline reads YAML).
  static let reader: SpecChange.Reader = { url throws(SpecChange.Unreadable) in
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw SpecChange.Unreadable("not UTF-8 text")
    }
    return text.split(separator: "\n").map { line in
      let parts = line.split(separator: ":", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      return (key: parts[0], value: parts.count > 1 ? parts[1] : "")
    }
  }

  func folders(_ specA: String, _ specB: String) throws -> (URL, URL) {
    let root = try temporaryDirectory()
    let (a, b) = (root.appendingPathComponent("A/one"), root.appendingPathComponent("B/one"))
    for (side, spec) in [(a, specA), (b, specB)] {
      try AtomicFile.write("epoch,loss\n0,0.5\n", to: side.appendingPathComponent("metrics.csv"))
      try AtomicFile.write(spec, to: side.appendingPathComponent("spec.resolved.yaml"))
    }
    return (a, b)
  }

  @Test("a changed key is listed first and differs whatever the tolerance")
  func changedKeyDiffers() throws {
    let (a, b) = try folders(
      "name: one\noutput: x\neps: 1e-08\nepochs: 10\n", "name: one\noutput: y\neps: 1e-07\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    let diff = try ResultsDiff(
      a, b, options: DiffOptions(relativeTolerance: 1e-4), specReader: Self.reader)
    #expect(diff.differs)
    #expect(
      diff.specChanges == [
        SpecChange(key: "eps", old: "1e-08", new: "1e-07", files: ["spec.resolved.yaml"]),
        SpecChange(key: "epochs", old: "10", new: nil, files: ["spec.resolved.yaml"]),
      ])
    #expect(
      diff.rendered == """
        spec differs: 2 keys of spec.resolved.yaml (the runs were made from different specs)
          eps 1e-08 -> 1e-07
          epochs 10 -> (absent)
        metrics.csv: same (1 row, key: epoch)
        different: the specs differ in 2 keys, 0 of 1 files differ (atol 0.0, rtol 0.0001)

        """)
    // --ignore leaves a key out; --only compares only the keys (and columns) it names.
    var options = DiffOptions(ignoredColumns: ["epochs"])
    #expect(
      try ResultsDiff(a, b, options: options, specReader: Self.reader).specChanges.map(\.key) == [
        "eps"
      ])
    options = DiffOptions()
    options.onlyColumns = ["loss"]
    #expect(try !ResultsDiff(a, b, options: options, specReader: Self.reader).differs)
    // Without a reader (or with equal specs) the figures decide.
    #expect(try !ResultsDiff(a, b, options: DiffOptions()).differs)
    // The spec beside a file given is compared too.
    let file = try ResultsDiff(
      a.appendingPathComponent("metrics.csv"), b.appendingPathComponent("metrics.csv"),
      specReader: Self.reader)
    #expect(file.specChanges.map(\.key) == ["eps", "epochs"])
    let result = DiffCommandResult.run(
      a: a.path, b: b.path, options: DiffOptions(), specReader: Self.reader)
    #expect(result.status == DiffCommandResult.different)
    #expect(
      result.json.rendered.contains(
        #""spec_changes":[{"key":"eps","old":"1e-08","new":"1e-07","files":["spec.resolved.yaml"]},"#
          + #"{"key":"epochs","old":"10","new":null,"files":["spec.resolved.yaml"]}],"#
          + #""data_changes":[],"#))
  }

  /// `--only` took only a column compared in both files, `--ignore` a column of either or a
  /// resolved spec's key: a gate on `--only optimizer.learning_rate` was refused (tester, session
  /// 36). Both now name one set of keys, and a key neither knows is the same trouble.
  @Test("--only and --ignore take the same keys: a column or a resolved spec's key")
  func onlyAndIgnoreTakeOneKeySet() throws {
    let (a, b) = try folders(
      "name: one\neps: 1e-08\nepochs: 10\n", "name: one\neps: 1e-07\nepochs: 10\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    func run(only: Set<String> = [], ignore: Set<String> = []) -> DiffCommandResult {
      var options = DiffOptions(ignoredColumns: ignore)
      options.onlyColumns = only
      return DiffCommandResult.run(a: a.path, b: b.path, options: options, specReader: Self.reader)
    }
    // A key of the resolved specs: --only compares just it, --ignore leaves it out.
    let onlyKey = run(only: ["eps"])
    #expect(onlyKey.status == DiffCommandResult.different, "\(onlyKey.error)")
    #expect(onlyKey.diff?.specChanges.map(\.key) == ["eps"])
    #expect(run(only: ["epochs"]).status == DiffCommandResult.same)
    #expect(run(ignore: ["eps"]).status == DiffCommandResult.same)
    // A column: the same both ways.
    #expect(run(only: ["loss"]).status == DiffCommandResult.same)
    #expect(run(ignore: ["loss", "eps"]).status == DiffCommandResult.same)
    // A key neither knows: one trouble, naming the option, with a did-you-mean.
    let (typoOnly, typoIgnore) = (run(only: ["los"]), run(ignore: ["los"]))
    #expect(typoOnly.status == DiffCommandResult.trouble)
    #expect(typoIgnore.status == DiffCommandResult.trouble)
    #expect(typoOnly.error.contains("did you mean 'loss'?"), "\(typoOnly.error)")
    #expect(
      typoOnly.error == typoIgnore.error.replacingOccurrences(of: "--ignore", with: "--only"))
    #expect(run(only: ["esp"]).error.contains("did you mean 'eps'?"))
  }

  /// `--only X --ignore X`, `--only epoch` and `--better higher:X --only Y` were all "no
  /// compared file has column X" (tester AL8, session 37): each now says the real conflict.
  @Test("a column --only or --ignore leaves out, or a key column, is named as such")
  func conflictingColumnOptions() throws {
    let (a, b) = try folders("name: one\n", "name: one\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    func run(only: Set<String> = [], ignore: Set<String> = [], better: [String] = [])
      -> DiffCommandResult
    {
      var options = DiffOptions(ignoredColumns: ignore)
      options.onlyColumns = only
      return DiffCommandResult.run(
        a: a.path, b: b.path, options: options, better: better, specReader: Self.reader)
    }
    let both = run(only: ["loss"], ignore: ["loss"])
    #expect(both.status == DiffCommandResult.trouble)
    #expect(both.error.hasPrefix("--only and --ignore both name 'loss'"), "\(both.error)")
    let key = run(only: ["epoch"])
    #expect(key.status == DiffCommandResult.trouble)
    #expect(key.error.hasPrefix("--only 'epoch': it is a key column"), "\(key.error)")
    #expect(run(only: ["epoch", "loss"]).status == DiffCommandResult.same)
    let leftOut = run(only: ["name"], better: ["lower:loss"])
    #expect(
      leftOut.error == "--better names 'loss', which --only leaves out (only name compared); "
        + "add --only loss", "\(leftOut.error)")
    let ignored = run(ignore: ["loss"], better: ["lower:loss"])
    #expect(ignored.error == "--better names 'loss', which --ignore leaves out; keep one of them")
    let keyBetter = run(better: ["lower:epoch"])
    #expect(keyBetter.error.hasPrefix("--better names 'epoch', a key column"), "\(keyBetter.error)")
    #expect(run(better: ["lower:los"]).error.hasPrefix("no compared file has a column 'los'"))
  }

  /// A CI `runner diff` passed when one side's resolved spec was missing or damaged (tester
  /// AK5, session 37).
  @Test("a resolved spec only one side has is only in A or B; one not read is trouble")
  func specOnOneSide() throws {
    let (a, b) = try folders("name: one\n", "name: one\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    let specB = b.appendingPathComponent("spec.resolved.yaml")
    try FileManager.default.removeItem(at: specB)
    let missing = try ResultsDiff(a, b, specReader: Self.reader)
    #expect(missing.onlyInA == ["spec.resolved.yaml"] && missing.differs)
    #expect(try ResultsDiff(b, a, specReader: Self.reader).onlyInB == ["spec.resolved.yaml"])
    // Without a reader the specs are not compared.
    #expect(try !ResultsDiff(a, b).differs)
    try Data([0xff, 0xfe]).write(to: specB)
    #expect(
      throws: DiffError.unreadable(path: specB.path, reason: "not UTF-8 text")
    ) { try ResultsDiff(a, b, specReader: Self.reader) }
  }

  @Test("equal specs but for output are the same")
  func outputIsNotAChange() throws {
    let (a, b) = try folders("name: one\noutput: x\n", "name: one\noutput: y\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    let diff = try ResultsDiff(a, b, specReader: Self.reader)
    #expect(!diff.differs)
    #expect(diff.comparedSpecs == 1)
  }

  @Test("a data record that differs is named before the files")
  func dataNamedFirst() throws {
    let (a, b) = try folders("name: one\n", "name: one\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    try AtomicFile.write("key,sha256\nfile,aa\n", to: a.appendingPathComponent("data_files.csv"))
    try AtomicFile.write("key,sha256\nfile,bb\n", to: b.appendingPathComponent("data_files.csv"))
    let diff = try ResultsDiff(a, b, specReader: Self.reader)
    #expect(diff.dataChanges == ["data_files.csv"])
    #expect(
      diff.rendered.hasPrefix(
        "data differs: data_files.csv records other data files or digests (the runs read "
          + "different data; below)\ndata_files.csv: 1 difference"))
    // Two files given: the data_files.csv beside them is compared too, as the spec beside them
    // is (tester BL-5: a summary.csv diff within tolerance passed a run on edited data).
    let (metricsA, metricsB) = (
      a.appendingPathComponent("metrics.csv"), b.appendingPathComponent("metrics.csv")
    )
    for (first, second) in [(metricsA, metricsB), (metricsA, b), (a, metricsB)] {
      let files = try ResultsDiff(
        first, second, options: DiffOptions(relativeTolerance: 1e-4), specReader: Self.reader)
      #expect(files.differs && files.dataChanges == ["data_files.csv"], "\(files.rendered)")
    }
    // Not when one side has none, nor when the file given is data_files.csv itself.
    let dataFile = a.appendingPathComponent("data_files.csv")
    #expect(try ResultsDiff(dataFile, dataFile).files.map(\.name) == ["data_files.csv"])
    try FileManager.default.removeItem(at: dataFile)
    #expect(try !ResultsDiff(metricsA, metricsB, specReader: Self.reader).differs)
  }

  /// The same bytes read under another name (a copy of the data file) are no other data
  /// (tester BF F2: "the runs read different data"); a digest that differs still is.
  @Test("a data record that differs only in the file's name is a rename, not other data")
  func renamedDataIsNotOtherData() throws {
    let (a, b) = try folders("name: one\n", "name: one\n")
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    let header = "key,file,bytes,sha256\n"
    try AtomicFile.write(
      header + "dataset.file,iris.csv,10,aa\n", to: a.appendingPathComponent("data_files.csv"))
    try AtomicFile.write(
      header + "dataset.file,copy.csv,10,aa\n", to: b.appendingPathComponent("data_files.csv"))
    let diff = try ResultsDiff(a, b, specReader: Self.reader)
    #expect(diff.differs)
    #expect(diff.dataChanges.isEmpty)
    #expect(diff.renamedData == ["data_files.csv"])
    #expect(
      diff.rendered.hasPrefix(
        "data renamed: data_files.csv records the same content under another file name (the "
          + "SHA-256 digests agree: the runs read the same data; below)\n"), "\(diff.rendered)")
    #expect(!diff.rendered.contains("different data"))
    // Not when the digests are left out of the comparison, nor when one differs too.
    let blind = try ResultsDiff(
      a, b, options: DiffOptions(ignoredColumns: ["sha256"]), specReader: Self.reader)
    #expect(blind.renamedData.isEmpty && blind.dataChanges == ["data_files.csv"])
    try AtomicFile.write(
      header + "dataset.file,copy.csv,10,bb\n", to: b.appendingPathComponent("data_files.csv"))
    let other = try ResultsDiff(a, b, specReader: Self.reader)
    #expect(other.renamedData.isEmpty && other.dataChanges == ["data_files.csv"])
  }
}
