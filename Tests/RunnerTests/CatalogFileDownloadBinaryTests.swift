import Foundation
import Testing

/// Specs naming a catalog file by its path (`file: catvnoncat/train_catvnoncat.h5`, as
/// experiments/cat.yaml does) on an empty cache, with a mirror that refuses every connection
/// (`http://127.0.0.1:9/`): the commands that inspect data download it first as a run does, and
/// those that download nothing say so.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct CatalogFileDownloadBinaryTests {
  static let mirror = "http://127.0.0.1:9/"

  static let cat = """
    name: catfile
    dataset:
      train: {file: catvnoncat/train_catvnoncat.h5, features: train_set_x, target: train_set_y}
      test: {file: catvnoncat/test_catvnoncat.h5, features: test_set_x, target: test_set_y}
      preprocessing: [flatten, {scale: 1/255}]
    model: {type: logreg, init: zeros}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.005, iterations: 10}

    """

  /// A folder holding `spec.yaml` with `text`, and a clean environment: no data path, an empty
  /// cache, the refusing mirror.
  static func setUp(_ text: String, label: String = #function) throws -> (
    dir: URL, spec: String, environment: [String: String]
  ) {
    let dir = SweepBinary.temporaryDirectory(label)
    let spec = dir.appendingPathComponent("spec.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let environment = [
      "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path,
      "RUNNER_DATASET_MIRRORS": mirror,
    ]
    return (dir, spec.path, environment)
  }

  // Tester AU F2: `data export` and `data split` of experiments/cat.yaml on an empty cache said
  // "the training set has no targets to divide" (exit 65) and tried no download: only `name:`
  // datasets were fetched first, not catalog files named by their path.
  @Test(arguments: [["data", "split"], ["data", "export"]])
  func dataCommandsDownloadACatalogFileNamedByItsPathFirst(_ command: [String]) throws {
    let (dir, spec, environment) = try Self.setUp(Self.cat)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(command + [spec], environment: environment)
    #expect(r.status == 66, "\(r.error)")
    #expect(!r.error.contains("no targets to divide"), "\(r.error)")
    #expect(r.error.contains("could not be downloaded"), "\(r.error)")
    #expect(
      r.error.contains("\(Self.mirror)catvnoncat/train_catvnoncat.h5: "), "\(r.error)")
  }

  // Tester AU F11d and k: the note came once per file with a literal "SPEC" and advised `run`
  // (which refuses a sweep spec); one note per dataset now, naming the command that fits every
  // spec, with the size of what it downloads.
  @Test func validateNotesTheDatasetOnceWithTheFetchCommand() throws {
    let (dir, spec, environment) = try Self.setUp(Self.cat)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(["validate", spec], environment: environment)
    #expect(r.status == 0, "\(r.error)")
    let notes = r.error.split(separator: "\n").filter { $0.contains("not downloaded yet") }
    #expect(notes.count == 1, "\(r.error)")
    #expect(
      notes.first?.hasPrefix(
        "\(spec): note: dataset 'catvnoncat' is not downloaded yet, so its data was not checked; `"
      ) == true, "\(r.error)")
    #expect(
      notes.first?.hasSuffix("runner data fetch catvnoncat` downloads it (3.2 MB)") == true,
      "\(r.error)")
  }

  // Tester AU F7: `sweep --dry-run` ("run nothing") downloaded the data to estimate the cost
  // (here it tried the mirror, failed, and said only "the data did not load").
  @Test func aDryRunDownloadsNothingAndSaysHowToFetchTheData() throws {
    let sweep =
      Self.cat + "sweep:\n  method: grid\n  parameters:\n    regularization.l2: [0.0, 0.1]\n"
    let (dir, spec, environment) = try Self.setUp(sweep)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(
      ["sweep", spec, "--dry-run", "--results-dir", dir.appendingPathComponent("r").path],
      environment: environment)
    #expect(r.status == 0, "\(r.error)")
    let all = r.output + r.error
    #expect(all.contains("estimated cost: unknown (the data is not downloaded yet)"), "\(all)")
    #expect(all.contains("runner data fetch catvnoncat` downloads it (3.2 MB)"), "\(all)")
    // No download was tried: a failed one leaves the cache folder behind.
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cache").path))
  }

  // Tester AU F5: a trial whose dataset could not be downloaded kept only the first line of the
  // error ("… could not be downloaded") in status.csv, summary.csv and on the console: which
  // mirror failed, why, and what to do were lost. (The dtype axis gives each trial its own
  // data, so the trials fail one by one instead of the sweep being refused up front.)
  @Test func aTrialWhoseDownloadFailsRecordsTheMirrorsTriedAndWhatToDo() throws {
    let sweep =
      Self.cat + "sweep:\n  method: grid\n  parameters:\n    dtype: [float64, float32]\n"
    let (dir, spec, environment) = try Self.setUp(sweep)
    defer { try? FileManager.default.removeItem(at: dir) }
    let results = dir.appendingPathComponent("r")
    let r = try SweepBinary.run(
      ["sweep", spec, "--jobs", "1", "--results-dir", results.path], environment: environment)
    #expect(r.status == 1, "\(r.error)")
    let summary = try String(
      contentsOf: results.appendingPathComponent("catfile/summary.csv"), encoding: .utf8)
    for text in [summary, r.error] {
      #expect(
        text.contains(
          "could not be downloaded; tried the mirrors, in order: "
            + "\(Self.mirror)catvnoncat/train_catvnoncat.h5: "), "\(text)")
      #expect(
        text.contains(
          "runner data fetch catvnoncat` downloads it, then re-run the sweep with --retry-failed"),
        "\(text)")
    }
  }
}
