import Conventions
import Foundation
import Reports

extension SweepMerger {
  /// Refuses (64) a merged folder `target` inside one of the sweep folders `layouts` it reads
  /// (`merge s0/x s1/x --into s0/x/inner/x`): the merge would nest a copy of the whole sweep
  /// in a shard's folder (tester BB). The folder merged into in place (the first given) is no
  /// folder inside one.
  static func refuseInsideSource(_ layouts: [SweepLayout], into target: SweepLayout)
    throws(SweepError)
  {
    let forms = { (url: URL) in [url.standardizedFileURL.path, url.resolvingSymlinksInPath().path] }
    let into = forms(target.directory)
    for layout in layouts {
      let inside = zip(into, forms(layout.directory)).contains { into, source in
        into.hasPrefix(source.hasSuffix("/") ? source : source + "/")
      }
      guard inside else { continue }
      throw .usage(
        "the --into folder \(target.directory.path) is inside \(layout.directory.path), a "
          + "sweep folder this merge reads: the merged sweep would be nested in a shard's "
          + "folder; merge into a folder outside the shards' folders (or, without --into, into "
          + "the first folder given)")
    }
  }

  /// Refuses (73) a merge that would change a write-protected file or folder, before it writes
  /// anything (tester BB F8: the missing trials were copied before a protected summary.csv was
  /// refused): the merged folder and its own files (`SweepLayout.protectedEntry`), the trial
  /// folders it would replace (`plannedWrites`) and the `.history` folders that keep their
  /// files of yours.
  static func refuseProtected(_ layouts: [SweepLayout], into target: SweepLayout)
    throws(SweepError)
  {
    let entry =
      ([target] + adaptiveFolders(in: target.directory).map(SweepLayout.init(directory:)))
      .lazy.compactMap { $0.protectedEntry() }.first
      ?? plannedWrites(layouts, into: target).firstProtected()?.path
    if let entry {
      throw .mergeProtected(entry: entry.path, into: target.directory.path)
    }
  }

  /// The rung and bracket folders below sweep folder `directory` (`rung-<r>/`,
  /// `bracket-<s>/rung-<r>/`), each with its own plan, summary and report that a merge rewrites.
  static func adaptiveFolders(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().filter {
      ($0.hasPrefix("rung-") || $0.hasPrefix("bracket-")) && AdaptiveSweep.isRungOrBracketFolder($0)
    }.map { directory.appendingPathComponent($0, isDirectory: true) }
      .filter { PathEntry.isPlainDirectory($0.path) }
      .flatMap { [$0] + adaptiveFolders(in: $0) }
  }

  /// What merging `layouts` into `target` replaces beside its own files: each trial folder
  /// (`rung-<r>/<id>` and `bracket-<s>/rung-<r>/<id>` too) that some source holds complete and
  /// `target` does not, and, when `target` has an incomplete one there, the `.history` folder
  /// that would keep its files of yours.
  static func plannedWrites(_ layouts: [SweepLayout], into target: SweepLayout) -> PlannedWrites {
    var planned = PlannedWrites()
    var seen: Set<String> = []
    for layout in layouts where layout.directory != target.directory {
      for path in completeTrials(below: layout.directory) where seen.insert(path).inserted {
        let folder = target.directory.appendingPathComponent(path, isDirectory: true)
        let marker = folder.appendingPathComponent(SweepLayout.markerFile)
        guard TrialStatus.read(marker) == nil else { continue }
        planned.replaced.append(folder)
        if FileManager.default.fileExists(atPath: folder.path) {
          planned.receiving.append(RunLeftovers.historyFolder(of: folder))
        }
      }
    }
    return planned
  }

  /// The relative paths of the complete trial folders below sweep folder `directory` (its
  /// trials, its rungs' and its brackets' rungs'), hidden folders and links left out.
  static func completeTrials(below directory: URL, depth: Int = 3) -> [String] {
    guard depth > 0 else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    var paths: [String] = []
    for name in names.sorted() where !name.hasPrefix(".") {
      let folder = directory.appendingPathComponent(name, isDirectory: true)
      guard PathEntry.isPlainDirectory(folder.path) else { continue }
      if TrialStatus.read(folder.appendingPathComponent(SweepLayout.markerFile)) != nil {
        paths.append(name)
      } else {
        paths += completeTrials(below: folder, depth: depth - 1).map { "\(name)/\($0)" }
      }
    }
    return paths
  }
}
