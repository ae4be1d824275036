import Foundation
import Testing

/// The Slurm batch script of docs/sweeps.md, run as written with the variables Slurm sets.
@Suite struct SlurmScriptTests {
  /// The first ```bash block after `### Slurm array` in docs/sweeps.md.
  static func documentedScript() throws -> String {
    let docs = try String(
      contentsOf: SweepBinary.root.appendingPathComponent("docs/sweeps.md"), encoding: .utf8)
    let section = try #require(docs.range(of: "### Slurm array"))
    let rest = docs[section.upperBound...]
    let open = try #require(rest.range(of: "```bash\n"))
    let close = try #require(rest[open.upperBound...].range(of: "```"))
    return String(rest[open.upperBound..<close.lowerBound])
  }

  @Test func resubmittingIndexFiveRunsExactlyShardFiveOfEight() throws {
    let script = try Self.documentedScript()
    #expect(script.contains("#SBATCH --array=0-7"))
    let project = SweepBinary.temporaryDirectory()
    let experiments = project.appendingPathComponent("experiments")
    try FileManager.default.createDirectory(at: experiments, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: SweepBinary.root.appendingPathComponent("experiments/sweep_moons_grid.yaml"),
      to: experiments.appendingPathComponent("sweep_moons_grid.yaml"))
    let scriptFile = project.appendingPathComponent("sweep.sbatch")
    try script.write(to: scriptFile, atomically: true, encoding: .utf8)
    let runner = try #require(SweepBinary.executable)

    // What `sbatch --array=5 sweep.sbatch` sets for its one task.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [scriptFile.path]
    var environment = ProcessInfo.processInfo.environment
    environment.merge([
      "SLURM_SUBMIT_DIR": project.path, "RUNNER": runner.path, "SLURM_CPUS_PER_TASK": "2",
      "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "5",
      "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_STEP": "1", "NO_COLOR": "1",
    ]) { $1 }
    environment["RUNNER_SHARD"] = nil
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(message)")
    #expect(message.contains("shard 5/8"), "\(message)")

    // Shard 5 of 8 holds the trials at positions 5, 13 and 21 of the plan's trial-ID order.
    let folder = project.appendingPathComponent("shards/5/sweep_moons_grid")
    let plan = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
    let ids = plan.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
    #expect(ids.count == 24)
    let expected = ids.enumerated().filter { $0.offset % 8 == 5 }.map(\.element)
    let done = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { ids.contains($0) }
    #expect(Set(done) == Set(expected))
  }
}
