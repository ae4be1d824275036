import Conventions
import Foundation
import Reports

/// The shard that ran a sweep's trials (`--shard i/n`, `RUNNER_SHARD`, a Slurm array or a
/// Kubernetes Indexed Job), recorded as the `shard` row of each trial's `environment.csv`
/// (outside the byte-identity promise, as the rest of that file) and as a hidden marker
/// `.shard-<i>-of-<n>` in each folder of the sweep the shard starts (its sweep, rung and bracket
/// folders), so that a command naming the sweep's own command for one shard's folder gives the
/// `--shard i/n` that folder was made with. `runner merge` copies trial folders only, never a
/// marker, and takes the markers out of the folder it merges into; shards sharing a folder each
/// leave theirs: a merged or shared folder names none.
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

  /// Marks sweep folder `folder` as started by shard `shard` (of more than one): an empty
  /// `.shard-<i>-of-<n>`; nothing for the whole sweep. A marker that cannot be written leaves
  /// the folder naming no shard, which only drops `--shard` from a suggested command.
  static func mark(_ shard: Shard, in folder: URL) {
    guard shard.count > 1 else { return }
    let marker = folder.appendingPathComponent(".shard-\(shard.index)-of-\(shard.count)")
    guard !FileManager.default.fileExists(atPath: marker.path) else { return }
    // The runner's own temporary (`AtomicFile`), which a later sweep or merge removes when a
    // kill leaves it, not Foundation's `.dat.nosync…` (tester BN-3).
    try? AtomicFile.write(Data(), to: marker)
  }

  /// The shard (`1/4`) whose marker is named `name`; nil for any other name.
  public static func marker(_ name: String) -> String? {
    guard name.hasPrefix(".shard-") else { return nil }
    let parts = name.dropFirst(".shard-".count).split(separator: "-")
    guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]),
      (0..<count).contains(index)
    else { return nil }
    return "\(index)/\(count)"
  }

  /// The shards (`1/4`) whose markers sweep folder `folder` holds, sorted.
  static func marked(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.compactMap(marker).sorted()
  }

  /// The shard (`1/4`) whose own folder sweep folder `folder` is: the one shard that marked it
  /// (its only marker), every trial below that records a shard recording one of the same count
  /// (a successive-halving shard's folder holds the earlier rungs' merged trials, each of its
  /// shard). Nil for an unsharded sweep's folder, a merged one (a merge takes the markers out:
  /// `unmark`), one several shards started, or one holding a trial of a shard of another count.
  public static func recorded(in folder: URL) -> String? {
    let marked = marked(in: folder)
    guard marked.count == 1, let shard = marked.first,
      let count = shard.split(separator: "/").last,
      RunEnvironment.recorded(key, below: folder).allSatisfy({ $0.hasSuffix("/\(count)") })
    else { return nil }
    return shard
  }

  /// Takes every shard's marker out of sweep folder `folder`, which a merge starts writing: a
  /// merge's folder is no shard's own, not even when it is one of the shards' folders. The
  /// shard whose own folder it was is kept in `.merged-shard-<i>-of-<n>` (`mergedShard(in:)`),
  /// so that the same merge made again names that shard's next round as the first did
  /// (tester BD F-k).
  static func unmark(_ folder: URL) {
    if let shard = recorded(in: folder) {
      let name = ".merged" + ".shard-\(shard.replacingOccurrences(of: "/", with: "-of-"))"
      try? AtomicFile.write(Data(identity(folder).utf8), to: folder.appendingPathComponent(name))
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where marker(name) != nil {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// Whether sweep folder `folder` is a merge's (`runner merge`): no shard marked it, and a
  /// trial there records the shard that ran it. `runner sweep` never writes such a folder.
  public static func isMerged(_ folder: URL) -> Bool {
    marked(in: folder).isEmpty && !RunEnvironment.recorded(key, below: folder).isEmpty
  }

  /// The shard (`1/4`) whose own folder merged sweep folder `folder` was before a merge into it
  /// took its marker out (`unmark`): nil when none was, or when the record was copied from
  /// another folder (`cp -R` copies hidden files too; the record names its folder).
  static func mergedShard(in folder: URL) -> String? {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let shards = names.filter { $0.hasPrefix(".merged.shard-") }.compactMap { name -> String? in
      let file = folder.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: file.path),
        String(decoding: data, as: UTF8.self) == identity(folder)
      else { return nil }
      return marker(String(name.dropFirst(".merged".count)))
    }
    guard shards.count == 1, let shard = shards.first, let count = shard.split(separator: "/").last,
      RunEnvironment.recorded(key, below: folder).allSatisfy({ $0.hasSuffix("/\(count)") })
    else { return nil }
    return shard
  }

  /// The shard (`1/4`) whose own folder sweep folder `folder` is (`recorded(in:)`), or was
  /// until a merge into it (`mergedShard(in:)`).
  static func own(_ folder: URL) -> String? {
    recorded(in: folder) ?? (marked(in: folder).isEmpty ? mergedShard(in: folder) : nil)
  }

  /// Folder `folder` as an absolute path with symbolic links resolved.
  private static func identity(_ folder: URL) -> String {
    folder.absoluteURL.standardizedFileURL.resolvingSymlinksInPath().path
  }
}
