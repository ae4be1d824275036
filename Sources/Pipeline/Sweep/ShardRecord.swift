import Conventions
import Foundation
import Reports

/// The shard that ran a sweep's trial (`--shard i/n`, `RUNNER_SHARD`, a Slurm array or a
/// Kubernetes Indexed Job), recorded as the `shard` row of the trial's `environment.csv`
/// (outside the byte-identity promise, as the rest of that file), so that a command naming the
/// sweep's own command for a shard's folder gives the `--shard i/n` that folder was made with.
public enum ShardRecord {
  /// The key of the record in `environment.csv`.
  public static let key = "shard"

  /// Adds shard `shard` (of more than one) to the `environment.csv` of trial folder `folder`;
  /// nothing for the whole sweep, or when the folder has no such file (nothing was written).
  static func write(_ shard: Shard, in folder: URL) throws(ResultsFileError) {
    guard shard.count > 1, var environment = RunEnvironment.read(from: folder) else { return }
    environment.fields.removeAll { $0.key == key }
    environment.fields.append((key, "\(shard.index)/\(shard.count)"))
    try AtomicFile.write(
      environment.table.rendered, to: folder.appendingPathComponent(ResultsFile.environment))
  }

  /// The shard every complete trial below sweep folder `folder` records, when they all record
  /// the same (`1/4`); nil for an unsharded sweep's folder, a merged one, or one without a
  /// complete trial.
  public static func recorded(in folder: URL) -> String? {
    let files = (try? RegressionGate.environmentFiles(in: folder)) ?? []
    var shards = Set<String>()
    for file in files {
      let trial = folder.appendingPathComponent(file).deletingLastPathComponent()
      guard
        FileManager.default.fileExists(
          atPath: trial.appendingPathComponent(ResultsFile.status).path)
      else { continue }
      shards.insert(RunEnvironment.read(from: trial)?[key] ?? "")
    }
    guard shards.count == 1, let shard = shards.first, !shard.isEmpty else { return nil }
    return shard
  }

  /// The sweep's own command for sweep folder `folder`: `runner sweep SPEC`, with the
  /// `--shard i/n` its trials record when it is one shard's folder.
  public static func sweepCommand(for folder: URL) -> String {
    Invocation.commandLine(
      ["sweep", "SPEC"] + (recorded(in: folder).map { ["--shard", $0] } ?? []))
  }
}
