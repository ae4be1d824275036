import Foundation
import Testing

/// The `runner sweep` command `runner report` prints for a shard's stopped sweep folder, run
/// as printed from the folder the user is in, resumes that folder with that shard (brief s42):
/// it named the folder's parent as `--results-dir`, which for a nested `output` (`group/grid`)
/// is not the results folder, left out a `runner.yaml` `results_dir` the folder was not in, and
/// dropped the `--set` overrides a folder's name carries.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ShardResumeCommandBinaryTests {
  /// `text` split into words as a POSIX shell reads the runner's commands (words plain or in
  /// single quotes, `'\''` for a quote).
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var word: String?
    var quoted = false
    for character in text {
      if quoted {
        if character == "'" { quoted = false } else { word!.append(character) }
      } else if character == "'" {
        quoted = true
        word = word ?? ""
      } else if character == " " {
        if let done = word { words.append(done) }
        word = nil
      } else if character != "\\" {
        word = (word ?? "") + String(character)
      }
    }
    return words + (word.map { [$0] } ?? [])
  }

  /// Runs `sweep arguments` in project `project`, removes what a stop before the summary
  /// lacks, and returns the command `runner report FOLDER` prints to resume `folder` (a path
  /// relative to the project), from `sweep` on.
  static func printedCommand(
    _ arguments: [String], folder: String, in project: URL
  ) throws -> String {
    let run = try SweepBinary.run(["sweep", "experiments/grid.yaml"] + arguments, in: project)
    #expect(run.status == 0, "\(run.error)")
    let url = project.appendingPathComponent(folder)
    #expect(FileManager.default.fileExists(atPath: url.appendingPathComponent("plan.csv").path))
    for name in ["summary.csv", "report.md", "report.html", "plots"] {
      try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }
    let report = try SweepBinary.run(["report", folder], in: project)
    #expect(report.status == 66, "\(report.error)")
    let start = try #require(report.error.range(of: "run the same `"), "\(report.error)")
    let end = try #require(
      report.error.range(of: "` command again", range: start.upperBound..<report.error.endIndex))
    let command = String(report.error[start.upperBound..<end.lowerBound])
    // The spec its trials record, as typed from the project (tester AX F6: it said `SPEC`).
    let sweep = try #require(command.range(of: " sweep experiments/grid.yaml"), "\(command)")
    return String(command[sweep.lowerBound...].dropFirst())
  }

  /// Runs `command` (from `sweep` on) as printed, in `project`.
  static func runAsPrinted(_ command: String, in project: URL) throws -> SweepBinary.Result {
    try SweepBinary.run(Self.words(command), in: project)
  }

  @Test func aPrintedResumeCommandResumesThatShardsFolder() throws {
    let project = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: project) }
    let fm = FileManager.default
    try fm.createDirectory(
      at: project.appendingPathComponent("experiments"), withIntermediateDirectories: true)
    try "results_dir: out\n".write(
      to: project.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let grid = try String(
      contentsOfFile: SweepBinary.fixture("kill-grid.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "seed: 5\n", with: "seed: 5\noutput: group/grid\n")
    try grid.write(
      to: project.appendingPathComponent("experiments/grid.yaml"), atomically: true,
      encoding: .utf8)
    let real = project.standardizedFileURL.path
    let cases: [(arguments: [String], folder: String, expected: String)] = [
      // In runner.yaml's results folder: the command needs no --results-dir.
      (["--shard", "0/2"], "out/group/grid", "sweep experiments/grid.yaml --shard 0/2"),
      // In results/, which runner.yaml does not name: without --results-dir it wrote out/.
      (
        ["--shard", "1/2", "--results-dir", "results"], "results/group/grid",
        "sweep experiments/grid.yaml --shard 1/2 --results-dir \(real)/results"
      ),
      // A `--set` run's folder: without its override it resumed another folder.
      (
        ["--shard", "1/2", "--set", "seed=6"], "out/group/grid@seed=6",
        "sweep experiments/grid.yaml --shard 1/2 --set seed=6"
      ),
    ]
    for (arguments, folder, expected) in cases {
      let command = try Self.printedCommand(arguments, folder: folder, in: project)
      #expect(command == expected, "\(folder)")
      let resumed = try Self.runAsPrinted(command, in: project)
      #expect(resumed.status == 0, "\(command): \(resumed.error)")
      // That shard's trials were all complete: it wrote the summary, in that folder.
      #expect(
        resumed.error.contains("skipped 6 already complete")
          || resumed.output.contains(
            "skipped 6 already complete"),
        "\(resumed.output)\(resumed.error)")
      let summary = project.appendingPathComponent(folder).appendingPathComponent("summary.csv")
      #expect(fm.fileExists(atPath: summary.path), "\(command)")
    }
    let made = try fm.subpathsOfDirectory(atPath: project.path).filter {
      !$0.contains("/grid/") && !$0.contains("/grid@seed=6/") && !$0.hasPrefix("experiments")
    }
    // Nothing written beside those folders (`out/group/group/grid`, `out/grid`, …).
    #expect(
      Set(made.filter { $0.hasSuffix("grid") || $0.hasSuffix("grid@seed=6") })
        == ["out/group/grid", "results/group/grid", "out/group/grid@seed=6"], "\(made)")
  }
}
