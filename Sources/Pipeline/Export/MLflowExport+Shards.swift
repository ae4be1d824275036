import Conventions
import Foundation

extension MLflowExport {
  /// The tag of a sweep's trial naming the shard that ran it (`1/4`, its `environment.csv`).
  static let shardTag = "runner.shard"
  /// The tag of a sweep's trial naming the data it read: its `data_files.csv` rows as
  /// `key sha256 file`, one a line, sorted.
  static let dataTag = "runner.data"
  /// The longest `dataTag` value sent whole (MLflow 2 keeps tag values up to 5000 characters);
  /// a longer one names each file by a checksum of its path.
  static let dataTagLimit = 5000

  /// The tags tying the trial in `folder` to its run of the sweep: its shard and its data.
  static func trialTags(_ folder: URL) -> [(String, String)] {
    var tags: [(String, String)] = []
    if let shard = RunEnvironment.read(from: folder)?[ShardRecord.key] {
      tags.append((shardTag, shard))
    }
    let rows = RecordedDataFile.recorded(in: folder) ?? []
    if !rows.isEmpty { tags.append((dataTag, dataText(rows))) }
    return tags
  }

  /// `rows` as `dataTag` gives them.
  static func dataText(_ rows: [RecordedDataFile]) -> String {
    let whole = Set(rows.map { "\($0.key) \($0.sha256) \($0.file)" }).sorted()
      .joined(separator: "\n")
    guard whole.count > dataTagLimit else { return whole }
    return Set(rows.map { "\($0.key) \($0.sha256) #\(checksum(of: $0.file))" }).sorted()
      .joined(separator: "\n")
  }

  /// The data a `dataTag` value names: each file's SHA-256 by `key file`.
  static func data(_ text: String?) -> [String: String] {
    var data: [String: String] = [:]
    for line in (text ?? "").split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 2)
      guard parts.count == 3 else { continue }
      data[parts[0] + " " + parts[2]] = String(parts[1])
    }
    return data
  }

  /// The data the trials of a folder read (`data(_:)` of each one's `data_files.csv`).
  static func data(of trials: [URL]) -> [String: String] {
    var data: [String: String] = [:]
    for trial in trials {
      data.merge(Self.data(dataText(RecordedDataFile.recorded(in: trial) ?? []))) { a, _ in a }
    }
    return data
  }

  /// Whether a shard's folder `sweep` may join a parent whose live trials are `live`: the
  /// trials of other shards of the same run of the sweep, as far as they tell: each of a
  /// shard of the same count (its own shard's only trials of the folder, which its export
  /// supersedes: a `--retry-failed` rerun), and none read other content of a data file any
  /// trial of the folder read (another run of the sweep, on other data). A trial exported
  /// without these tags (by an older runner) tells nothing: no shard joins it.
  static func joins(_ sweep: Sweep, live: [MLflowClient.FoundRun]) -> Bool {
    guard let shard = sweep.shard, !live.isEmpty else { return false }
    let count = { (shard: String) in shard.split(separator: "/").last }
    return live.allSatisfy { child in
      guard let other = child.tags[shardTag], count(other) == count(shard) else { return false }
      let ours = sweep.names.contains(child.tags["runner.folder"] ?? "")
      return (other == shard) == ours
        && data(child.tags[dataTag]).allSatisfy { source, sha256 in
          sweep.data[source].map { $0 == sha256 } ?? true
        }
    }
  }

  /// A short checksum of `text` (`crc-length`).
  private static func checksum(of text: String) -> String {
    String(CRC32C.checksum(Array(text.utf8)), radix: 16) + "-\(text.utf8.count)"
  }
}

extension MLflowExport.Sweep {
  /// Where a shard's folder puts its own files on the parent the shards share (`shard-1-of-4/`;
  /// no shard's files replace another's, or the merged folder's): `""` for a whole or merged
  /// sweep's folder.
  var artifactFolder: String {
    shard.map { "shard-" + $0.replacingOccurrences(of: "/", with: "-of-") + "/" } ?? ""
  }

  /// The parent's tag of this folder's `fingerprint`: `runner.fingerprint`, for a shard's
  /// folder `runner.fingerprint.shard-1-of-4`.
  var fingerprintTag: String {
    shard.map { "runner.fingerprint.shard-" + $0.replacingOccurrences(of: "/", with: "-of-") }
      ?? "runner.fingerprint"
  }
}
