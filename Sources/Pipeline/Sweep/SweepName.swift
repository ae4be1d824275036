import Conventions
import Foundation
import Reports

/// The name a sweep's own runs give its folder, as its trials record it: a sharded adaptive
/// sweep's next round reads only the folder of that name in each shard's results folder, so a
/// copy under another name is not continued from (docs/sweeps.md, "Adaptive sweeps: one round
/// per rung").
enum SweepName {
  /// The `output` of the sweep whose folder (or copy of it) is `folder`, as its trials record
  /// it (`moons`, `sweeps/moons`: a trial's `output` without its trial ID, and without the rung
  /// or bracket folders it lies in when it names them); nil when no trial within three levels
  /// records one.
  static func recordedOutput(of folder: URL) -> String? {
    guard let (trial, path) = firstTrial(in: folder, path: []),
      let output = SweepPlace.output(of: trial)
    else { return nil }
    var parts = output.split(separator: "/").map(String.init).dropLast()
    if parts.count > path.count, Array(parts.suffix(path.count)) == path {
      parts = parts.dropLast(path.count)
    }
    guard !parts.isEmpty else { return nil }
    return (output.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
  }

  /// The name a copy of sweep folder `folder` must have for the sweep's runs to read it: the
  /// name of the shards' folders `shards` merged into it when they share one of the sweep's
  /// (`moons@lr=0.1` for shards run with a `--set`, even merged `--into merged/moons`: tester
  /// BD F-n), else its own name when that is the sweep's (`moons`, or `moons@lr=0.1`), else the
  /// name its trials record (`moons`); nil when no trial records one.
  static func expectedName(of folder: URL, shards: [URL] = []) -> String? {
    guard let output = recordedOutput(of: folder) else { return nil }
    let base = (output as NSString).lastPathComponent
    let ours = { (name: String) in name == base || name.hasPrefix(base + "@") }
    let names = Set(shards.map(\.standardizedFileURL.lastPathComponent))
    if names.count == 1, let name = names.first, ours(name) { return name }
    let name = folder.lastPathComponent
    return ours(name) ? name : base
  }

  /// The folders beside sweep folder `folder` that hold trials of the sweep with `output`
  /// under a name no run of it gives (neither its `output`'s last name nor that followed by `@`
  /// and `--set` overrides): a copy of a merged folder named otherwise, which the sweep does
  /// not read.
  static func namesakes(of folder: URL, output: String) -> [URL] {
    let parent = folder.deletingLastPathComponent()
    let base = (output as NSString).lastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && $0 != base && !$0.hasPrefix(base + "@") }
      .sorted()
      .map { parent.appendingPathComponent($0, isDirectory: true) }
      .filter {
        ResultsFolderKind.of($0) == .sweep && recordedOutput(of: $0) == output
      }
  }

  /// The folders inside sweep folder `folder` that hold trials of the sweep with `output`
  /// under a name its runs give (a `cp -r merged/x SHARD/x` into a `SHARD/x` that was already
  /// there makes `SHARD/x/x`), which the sweep does not read.
  static func nestedCopies(in folder: URL, output: String) -> [URL] {
    let base = (output as NSString).lastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0 == base || $0.hasPrefix(base + "@") }.sorted()
      .map { folder.appendingPathComponent($0, isDirectory: true) }
      .filter { ResultsFolderKind.of($0) == .sweep && recordedOutput(of: $0) == output }
  }

  /// A trial folder (one holding `spec.resolved.yaml`) in `folder`, or below it up to three
  /// levels (a Hyperband sweep's `bracket-b/rung-r/<trial>`), with the folders between
  /// (`path`: `[bracket-b, rung-r]`).
  private static func firstTrial(in folder: URL, path: [String]) -> (URL, [String])? {
    guard path.count < 3,
      let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    else { return nil }
    let folders = names.filter { !$0.hasPrefix(".") }.sorted().filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(
        atPath: folder.appendingPathComponent($0).path, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }
    for name in folders {
      let candidate = folder.appendingPathComponent(name, isDirectory: true)
      if FileManager.default.fileExists(
        atPath: candidate.appendingPathComponent(ResultsFile.resolvedSpec).path)
      {
        return (candidate, path)
      }
    }
    for name in folders {
      let below = folder.appendingPathComponent(name, isDirectory: true)
      if let found = firstTrial(in: below, path: path + [name]) { return found }
    }
    return nil
  }
}
