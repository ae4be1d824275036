import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Leftovers of a sweep process killed mid-write: staging folders of its trials
/// (`.staging-<id>-<pid>-…`, also with `-old`), temporary files (`.<name>.tmp-<pid>-…`) and
/// trial locks no process holds (`.<id>.lock`).
/// A trial's staging folders are settled as a single run's (`RunLeftovers.clean`): an `-old`
/// folder may hold the trial's earlier folder, with a user's files, swapped out just before the
/// kill; it goes back into place, or is removed, or kept in the sweep's `.history/<id>/`. This
/// happens when the trial runs again, and for every trial, complete ones included, at the start
/// and end of an unsharded sweep or a merge.
/// Only leftovers of processes that no longer run are removed, so shards running into the same
/// folder on one machine do not remove each other's files.
public enum StaleFiles {
  /// Settles trial `id`'s leftover staging folders in the sweep folder; returns the notes on
  /// folders kept in history.
  static func settleStaging(of id: String, in layout: SweepLayout) -> [String] {
    RunLeftovers.clean(layout.trialDirectory(id), keepHistory: false)
  }

  /// Settles the leftover staging folders of every trial of sweep folder `directory` and of its
  /// `rung-<r>/` and `bracket-<s>/` folders, complete trials included, as `settleStaging` does
  /// for a trial about to run: a sweep resumed while its killed process was not yet reaped (its
  /// pid still taken) keeps them, and a complete trial never runs again, so an unsharded sweep
  /// and a merge call this at their start and end. Only `.staging-<trial>-<pid>-…` entries of a trial that
  /// `trials` or a `plan.csv` there lists, of a process that is gone, are settled, and none of
  /// a trial another process holds locked. Returns the notes on folders kept in history and
  /// whether any trial had such entries.
  static func settleAllStaging(in directory: URL, trials: [String] = []) -> (
    notes: [String], found: Bool
  ) {
    guard ResultsFolderKind.of(directory) == .sweep else { return ([], false) }
    var notes: [String] = []
    var found = false
    var folders = [(directory, Set(trials))]
    while let (folder, known) = folders.popLast() {
      let layout = SweepLayout(directory: folder)
      let ids = known.union((try? SweepPlanFile.read(layout)).map(SweepPlanFile.trialIDs) ?? [])
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for id in staged(names, of: ids) {
        found = true
        guard let lock = try? FolderLock.acquire(layout.trialDirectory(id)) else { continue }
        notes += settleStaging(of: id, in: layout)
        lock.release()
      }
      folders += names.filter { $0 != ResultsFile.plots && isSweepFolder($0) }.map {
        (folder.appendingPathComponent($0), ids)
      }
    }
    return (notes, found)
  }

  /// The trials of `ids` that one of `names` is a staging folder of (`.staging-<id>-…`), sorted.
  private static func staged(_ names: [String], of ids: Set<String>) -> [String] {
    let prefix = ".staging-"
    var found = Set<String>()
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count)
      for dash in rest.indices where rest[dash] == "-" {
        if ids.contains(String(rest[..<dash])) { found.insert(String(rest[..<dash])) }
      }
    }
    return found.sorted()
  }

  /// Removes leftover temporaries in the sweep folder and in the folders the sweep itself
  /// writes below it (`plots/`, and an adaptive sweep's `rung-<r>/` and `bracket-<s>/` with
  /// theirs): atomic-write temporaries (`.<file>.tmp-<pid>-…`, e.g. of `summary.csv` or the
  /// sweep report's plots), half-copied trial folders of an interrupted merge
  /// (`.merge-<id>-<pid>-…`) and trial locks (`.<id>.lock`) left by a process killed after its
  /// trial was done. A resumed folder then holds what an uninterrupted run writes. A single
  /// run's folder, with its `plots/`, is cleaned the same way (`RunLeftovers.removeTemporaries`).
  static func removeTemporaries(in directory: URL) {
    var folders = [directory]
    while let directory = folders.popLast() {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for name in names where name.hasPrefix(".") && name.hasSuffix(".lock") {
        FolderLock.removeIfFree(directory.appendingPathComponent(name))
      }
      remove(in: directory) { name in
        guard name.hasPrefix(".") else { return nil }
        if name.hasPrefix(".merge-") {
          let parts = name.split(separator: "-")
          return parts.count >= 3 ? pid_t(String(parts[2])) : nil
        }
        return AtomicFile.temporary(name)?.pid
      }
      folders += names.filter(isSweepFolder).map { directory.appendingPathComponent($0) }
    }
  }

  /// `plots`, `rung-<r>` or `bracket-<s>`: a folder the sweep writes beside its trial folders.
  private static func isSweepFolder(_ name: String) -> Bool {
    name == ResultsFile.plots || AdaptiveSweep.isRungOrBracketFolder(name)
  }

  /// Removes the entries of `directory` for which `owner` names a process that is gone.
  private static func remove(in directory: URL, owner: (String) -> pid_t?) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
      return
    }
    for name in names {
      guard let pid = owner(name), !ProcessLiveness.isRunning(pid) else { continue }
      try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
    }
  }
}
