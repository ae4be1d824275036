import Foundation
import Testing

/// The progress lines tell the truth: a loss is shown with the step it was measured at, and it
/// is the figure `metrics.csv` holds for that step.
@Suite struct ProgressLineTests {
  @Test(.enabled(if: CourseDataSupport.cat, CourseDataSupport.missing("catvnoncat")))
  func pipedCatRunShowsEachLossAtItsOwnIteration() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.root.appendingPathComponent("experiments/cat.yaml").path
    let result = try SweepBinary.run(["run", spec, "--results-dir", root.path])
    #expect(result.status == 0, "\(result.error)")
    // The course prints 0.466949 as the cost after 200 iterations.
    #expect(
      result.error.contains("cat: train_loss 0.466949, train_accuracy 0.832536 at iteration 200"))

    let metrics = try String(
      contentsOf: root.appendingPathComponent("cat/metrics.csv"), encoding: .utf8)
    let rows = metrics.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let header = try #require(rows.first)
    let lossColumn = try #require(header.firstIndex(of: "train_loss"))
    var byIteration: [String: Double] = [:]
    for row in rows.dropFirst() { byIteration[row[0]] = Double(row[lossColumn]) }

    let shown = result.error.split(separator: "\n").filter { $0.contains("train_loss") }
    #expect(shown.count >= 10)
    for line in shown {
      let words = line.split(separator: " ").map(String.init)
      let loss = try #require(
        words.firstIndex(of: "train_loss").flatMap {
          Double(words[$0 + 1].trimmingCharacters(in: [","]))
        })
      let at = try #require(words.firstIndex(of: "iteration").map { words[$0 + 1] })
      let recorded = try #require(byIteration[at], "\(line): no metrics.csv row at iteration \(at)")
      #expect(abs(loss - recorded) <= 5e-6 * abs(recorded), "\(line) vs metrics.csv \(recorded)")
    }
    // Step lines carry no loss.
    for line in result.error.split(separator: "\n") where line.contains("/2000") {
      #expect(!line.contains("loss"), "\(line)")
    }
  }

  /// A one-epoch Fashion-MNIST run (938 mini-batches): the step lines carry no loss, and the
  /// last progress line shows the epoch's final `train_loss`, the last row of `metrics.csv`.
  @Test(.enabled(if: CourseDataSupport.fashion, CourseDataSupport.missing("fashion-mnist")))
  func pipedEpochRunEndsOnTheLastRecordedLoss() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.root.appendingPathComponent("experiments/fashion-mnist-mlp-sgd.yaml")
    let result = try SweepBinary.run(["run", spec.path, "--results-dir", root.path])
    #expect(result.status == 0, "\(result.error)")
    let metrics = try String(
      contentsOf: root.appendingPathComponent("fashion-mnist-mlp-sgd/metrics.csv"),
      encoding: .utf8)
    let rows = metrics.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let lossColumn = try #require(rows.first?.firstIndex(of: "train_loss"))
    let last = try #require(rows.last)
    #expect(last.first == "1")
    let lossLines = result.error.split(separator: "\n").filter { $0.contains("loss") }
    let final = try #require(lossLines.last)
    let words = final.split(separator: " ").map(String.init)
    let shown = try #require(
      words.firstIndex(of: "train_loss").flatMap {
        Double(words[$0 + 1].trimmingCharacters(in: [","]))
      })
    let recorded = try #require(Double(last[lossColumn]))
    #expect(final.contains("at epoch 1"), "\(final)")
    #expect(abs(shown - recorded) <= 5e-6 * abs(recorded), "\(final) vs metrics.csv \(recorded)")
    for line in result.error.split(separator: "\n") where line.contains("/938") {
      #expect(!line.contains("loss"), "\(line)")
    }
  }
}

/// `TERM=dumb` (Emacs's shell, some CI consoles) takes no escape codes: progress comes as the
/// plain lines of a log, with no colour, even on a terminal (`script` gives the run one).
@Suite struct DumbTerminalTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func aDumbTerminalGetsNoEscapeCodes() throws {
    let dir = SweepBinary.temporaryDirectory()
    let spec = dir.appendingPathComponent("t.yaml")
    try "name: t\ndataset: {generator: {type: moons, samples: 40}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let runner = try #require(SweepBinary.executable).path
    let command = [runner, "run", spec.path, "--results-dir", dir.appendingPathComponent("r").path]
      .map(\.shellQuoted).joined(separator: " ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", "TERM=dumb \(command) > /dev/null", "/dev/null"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.contains("t: training for"), "\(output)")
    #expect(!output.contains("\u{1B}"), "\(output.debugDescription)")
  }
}
