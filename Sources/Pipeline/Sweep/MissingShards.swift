import Conventions
import Foundation

/// The shards whose trials a merge found missing, each with the command that runs them: a
/// shard runs the trials at positions `i`, `i + n`, … of its plan (`Shard`), so a missing
/// trial's position names its shard once the shard count is known (from the shards' markers,
/// else from the shard its trials record).
public struct MissingShard: Sendable, Equatable {
  /// The shard, `1/2`.
  public var shard: String
  /// Its sweep folder among those merged, when given (its trials there are not all complete);
  /// nil when the merge was not given it.
  public var folder: String?
  /// The command that runs its trials: its own when its folder was given, else one with
  /// `--results-dir SHARD_RESULTS` to fill in.
  public var command: String
}

/// What the shards' folders say before a merge takes their markers out.
struct ShardFolders {
  /// Each given folder's shard (`1/2`) and own command, for those that record one.
  var own: [(folder: String, shard: String, command: String)]

  /// Reads the shards of `folders` (before a merge into one of them unmarks it).
  init(_ folders: [URL]) {
    // A shard with no trial ended records no spec file; the others of its sweep do.
    let spec = folders.lazy.compactMap { SweepPlace($0).specFile }.first
    own = folders.compactMap { folder in
      ShardRecord.recorded(in: folder).map {
        (folder.path, $0, ShardRecord.sweepCommand(for: folder, spec: spec))
      }
    }
  }

  /// The shards holding the trials at `positions` of their plans (`MergeOutcome`'s
  /// `missingPositions`) of sweep `merged`; empty when the shard count cannot be told.
  func missing(at positions: [Int], merged: URL) -> [MissingShard] {
    guard !positions.isEmpty, let count = count(merged: merged) else { return [] }
    return Set(positions.map { $0 % count }).sorted().map { index in
      let shard = "\(index)/\(count)"
      if let given = own.first(where: { $0.shard == shard }) {
        return MissingShard(shard: shard, folder: given.folder, command: given.command)
      }
      return MissingShard(
        shard: shard, folder: nil, command: ShardRecord.shardCommand(for: merged, shard: shard))
    }
  }

  /// The shard count: the one the given folders' markers share, else the one the merged
  /// folder's trials record; nil when none, or more than one.
  private func count(merged: URL) -> Int? {
    var counts = Set(own.compactMap { $0.shard.split(separator: "/").last.map(String.init) })
    if counts.isEmpty {
      counts = Set(
        RunEnvironment.recorded(ShardRecord.key, below: merged).compactMap {
          $0.split(separator: "/").last.map(String.init)
        })
    }
    guard counts.count == 1, let count = counts.first.flatMap({ Int($0) }), count > 1 else {
      return nil
    }
    return count
  }
}
