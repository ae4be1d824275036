import Foundation
import Testing

/// A trial marked ok whose files the runner wrote are damaged or missing (a truncated artifact,
/// a bad copy, a file deleted by hand) is never ranked as an ok trial: the resume runs it again
/// naming the file and ends byte-identical to the clean sweep, a merge neither copies nor counts
/// it, and `runner report` refuses the sweep naming the trial's folder and the command that
/// runs it again (tester B's B1, tester AK's AK8).
@Suite(.serialized)
struct DamagedTrialBinaryTests {
  /// Ways a trial's file arrives damaged: the file (inside the trial's folder) and, given its
  /// whole text, the damaged bytes (nil: deleted).
  static let damages: [(name: String, file: String, damage: @Sendable (Data) -> Data?)] = [
    ("summary header cut, no row", "summary.csv", { $0.prefix(40) }),
    ("summary header only", "summary.csv", { line(0, of: $0) }),
    ("summary row cut", "summary.csv", { $0.dropLast(12) }),
    (
      "summary figure not a number", "summary.csv",
      { data in
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n").map {
          $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let column = lines[0].firstIndex(of: "test_loss")!
        var row = lines[1]
        row[column] = "abc"
        return Data(
          (lines[0].joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n").utf8)
      }
    ),
    ("summary random bytes", "summary.csv", { _ in randomBytes }),
    ("summary deleted", "summary.csv", { _ in nil }),
    (
      "summary header with NUL bytes", "summary.csv",
      { data in
        var bytes = [UInt8](data)
        bytes.replaceSubrange(2..<4, with: [0, 0, 0, 0])
        return Data(bytes)
      }
    ),
    ("metrics cut short", "metrics.csv", { $0.dropLast(40) }),
    ("metrics deleted", "metrics.csv", { _ in nil }),
    ("spec random bytes", "spec.resolved.yaml", { _ in randomBytes }),
    ("spec deleted", "spec.resolved.yaml", { _ in nil }),
    ("weights deleted", "params/layer1_weights.npy", { _ in nil }),
    ("bias cut short", "params/layer1_bias.npy", { $0.dropLast(8) }),
  ]

  /// 300 bytes that are not UTF-8 text.
  static let randomBytes = Data((0..<300).map { UInt8(($0 * 73 + 11) % 256) })

  /// Line `index` of `data`, with its line end.
  static func line(_ index: Int, of data: Data) -> Data {
    Data((String(decoding: data, as: UTF8.self).split(separator: "\n")[index] + "\n").utf8)
  }

  @Test(arguments: damages.indices)
  func aDamagedTrialFileIsRunAgainNotRanked(_ index: Int) throws {
    let (name, path, damage) = Self.damages[index]
    let root = SweepBinary.temporaryDirectory("damaged\(index)")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: sweep)
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let trial = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    let folder = sweep.appendingPathComponent(trial)
    let file = folder.appendingPathComponent(path)
    if let bytes = damage(try Data(contentsOf: file)) {
      try bytes.write(to: file)
    } else {
      try FileManager.default.removeItem(at: file)
    }
    // runner report of the sweep: refused, naming the file, the trial's folder and the command
    // that runs it again; nothing rewritten.
    let report = try SweepBinary.run(["report", sweep.path])
    #expect(report.status == 65, "\(name): \(report.error)")
    #expect(report.error.contains(file.path), "\(name): \(report.error)")
    #expect(
      report.error.contains("the same `runner sweep` command runs \(folder.path) again"),
      "\(name): \(report.error)")
    // A merge of it: the trial is missing (exit 1), said why, and not copied.
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run(["merge", sweep.path, "--into", merged.path])
    #expect(merge.status == 1, "\(name): \(merge.output) \(merge.error)")
    #expect(
      merge.error.contains("trial \(trial) is marked ok but \(file.path)"),
      "\(name): \(merge.error)")
    #expect(
      !FileManager.default.fileExists(atPath: merged.appendingPathComponent(trial).path), "\(name)")
    // The resume runs it again, saying why, and the folder is the whole sweep again.
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(name): \(resumed.error)")
    #expect(
      resumed.error.contains("note: trial \(trial) is marked ok but \(file.path)")
        && resumed.error.contains("running it again"), "\(name): \(resumed.error)")
    #expect(resumed.output.contains("ran 1 trial"), "\(name): \(resumed.output)")
    #expect(SweepBinary.contents(of: sweep) == reference, "\(name)")
  }

  /// A successive-halving trial whose `params/` was deleted (its folder under `rung-N/`) is
  /// refused by the sweep folder's report as by its rung folder's; the sweep folder's report
  /// ranked it best, exit 0 (tester AX F5).
  @Test func aDamagedTrialInARungFolderIsRefusedByTheSweepsReport() throws {
    let root = SweepBinary.temporaryDirectory("damagedRung")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let spec = SweepBinary.fixture("halving-moons.yaml")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-halving-moons")
    let rung = sweep.appendingPathComponent("rung-1")
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: rung.path).sorted().first {
        FileManager.default.fileExists(atPath: rung.appendingPathComponent("\($0)/params").path)
      })
    try FileManager.default.removeItem(at: rung.appendingPathComponent("\(trial)/params"))
    let report = try SweepBinary.run(["report", sweep.path])
    #expect(report.status == 65, "\(report.error)")
    #expect(
      report.error.contains("trial \(trial) is marked ok but ")
        && report.error.contains(rung.appendingPathComponent(trial).path), "\(report.error)")
  }

  /// An ok trial of a batch-normalized network missing one of its layer's arrays is said as any
  /// other damaged file is (tester AM's AM6: it read as an `init.from` refusal, with its advice),
  /// and run again; the folder ends as the clean sweep's.
  @Test func aBatchNormTrialMissingAnArrayIsNamedAsDamage() throws {
    let root = SweepBinary.temporaryDirectory("damagedBatchNorm")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("bn.yaml")
    try """
    name: bn
    seed: 1
    dataset:
      generator: {type: moons, samples: 80, noise: 0.2}
      split: {train: 0.8, test: 0.2}
    model:
      type: mlp
      layers:
        - {units: 4, activation: relu, normalization: batch_norm}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.01, batch_size: 16, epochs: 2}
    metrics: [accuracy]
    sweep:
      method: grid
      parameters:
        optimizer.learning_rate: [0.01, 0.02]

    """.write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec.path, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("bn")
    let reference = SweepBinary.contents(of: sweep)
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let trial = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    let file = sweep.appendingPathComponent(trial).appendingPathComponent(
      "params/layer1_bn_running_var.npy")
    try FileManager.default.removeItem(at: file)
    let resumed = try SweepBinary.run(["sweep", spec.path, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(
      resumed.error.contains(
        "note: trial \(trial) is marked ok but missing array \(file.path): the spec's layer 1 "
          + "is batch-normalized, and a run of it saves its γ, β, running mean and variance: it "
          + "is not counted as complete; running it again\n"), "\(resumed.error)")
    #expect(!resumed.error.contains("help:"), "\(resumed.error)")
    #expect(resumed.output.contains("ran 1 trial"), "\(resumed.output)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }
}
