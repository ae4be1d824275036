import Conventions
import Foundation
import Reports
import Specs

extension ShardRecord {
  /// The sweep's own command for sweep folder `folder`, as a user copies it from where the
  /// runner was started: `runner sweep SPEC` (the spec file its trials record, while it is
  /// there, relative to the working directory when inside it; else `SPEC` to fill in), with the
  /// `--shard i/n` of the shard whose own folder
  /// it is (`recorded`), the `--set` overrides its name gives (`<output>@<overrides>`), and the
  /// `--results-dir` holding the sweep's `output` (nested ones included) unless the spec's
  /// project would write there anyway (its `runner.yaml`'s `results_dir`, else `results/`). A
  /// folder shards started whose shard cannot be told (several markers, a trial of a shard of
  /// another count) gets `--shard I/N` to fill in: without it the command would run every
  /// shard's trials into it. `given`: the shard to name instead (a merged folder's, `own(_:)`);
  /// `spec`: the spec file another folder of the sweep records, for a folder none of whose
  /// trials records it (a shard killed before its first trial ended; tester BN-2).
  public static func sweepCommand(
    for folder: URL, shard given: String? = nil, spec: String? = nil
  ) -> String {
    // A merged folder (no marker) is completed in place by the unsharded command.
    let shard = given ?? recorded(in: folder) ?? (marked(in: folder).isEmpty ? nil : "I/N")
    var place = SweepPlace(folder)
    place.specFile = place.specFile ?? spec
    let implicit = place.specFile.flatMap {
      try? ProjectContext(
        specPath: $0, environment: ProcessInfo.processInfo.environment, resultsRoot: nil
      ).resultsRoot.standardizedFileURL.path
    }
    let standard =
      implicit
      ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent("results").standardizedFileURL.path
    let root = place.root?.path
    return Invocation.commandLine(
      ["sweep", shownSpec(place.specFile)] + (shard.map { ["--shard", $0] } ?? [])
        + place.overrides.flatMap { ["--set", $0] }
        + (root == nil || root == standard ? [] : ["--results-dir", root!]))
  }
}

extension ShardRecord {
  /// Spec file `path` as a command names it: relative to the working directory when inside it;
  /// `SPEC` when none is recorded or it is gone (moved, removed).
  public static func shownSpec(_ path: String?) -> String {
    guard let path, FileManager.default.fileExists(atPath: path) else { return "SPEC" }
    let here = FileManager.default.currentDirectoryPath
    let prefix = here.hasSuffix("/") ? here : here + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}

extension ShardRecord {
  /// A further round of merged adaptive sweep folder `folder`: the command each shard runs in
  /// its results folder holding a copy of `folder`, then the unsharded one that finishes the
  /// sweep in `folder` itself. The shards' commands are `shards` when given (`commands(of:)`),
  /// else one with `--shard i/n` (n as its trials record, else `I/N`) and `SHARD_RESULTS` to
  /// fill in.
  static func roundCommands(for folder: URL, shards: [String]? = nil) -> [String] {
    if let shards { return shards + [sweepCommand(for: folder)] }
    let counts = Set(
      RunEnvironment.recorded(key, below: folder).compactMap { $0.split(separator: "/").last })
    let shard = counts.count == 1 ? "i/\(counts.first!)" : "I/N"
    return [shardCommand(for: folder, shard: shard), sweepCommand(for: folder)]
  }

  /// The command shard `shard` (`1/2`, or `i/2` to fill in) of the sweep of folder `folder`
  /// runs in a results folder to fill in: `runner sweep SPEC --shard 1/2 --results-dir
  /// SHARD_RESULTS`, with the `--set` overrides its name gives.
  static func shardCommand(for folder: URL, shard: String) -> String {
    let place = SweepPlace(folder)
    return Invocation.commandLine(
      ["sweep", shownSpec(place.specFile), "--shard", shard]
        + place.overrides.flatMap { ["--set", $0] } + ["--results-dir", "SHARD_RESULTS"])
  }

  /// The shards' folders `folders` in shard order, read before a merge takes their markers
  /// out (or from what it keeps of them, `own(_:)`): nil unless they are every shard of one count, each once.
  static func ordered(_ folders: [URL]) -> [URL]? {
    let shards = folders.compactMap { own($0).flatMap { try? Shard.parse($0) } }
    guard shards.count == folders.count, let count = shards.first?.count, shards.count == count,
      shards.allSatisfy({ $0.count == count }), Set(shards.map(\.index)).count == count
    else { return nil }
    return zip(shards, folders).sorted { $0.0.index < $1.0.index }.map(\.1)
  }
}

/// Where a sweep folder sits, as its trials record it: the results folder its spec's `output`
/// is under, the `--set` overrides its name carries, and the spec that wrote it.
struct SweepPlace {
  /// The results folder (`--results-dir`) holding the sweep's `output`; nil for an absolute
  /// `output`, which no results folder moves.
  var root: URL?
  /// The `--set` overrides (`key=value`) the folder's name gives, in its order.
  var overrides: [String] = []
  /// The spec the sweep's trials record (`spec_file`), absolute; nil when none does.
  var specFile: String?

  /// The place of sweep folder `folder` (or a rung's or bracket's inside it): a trial's
  /// `spec.resolved.yaml` records its `output` as the sweep's followed by its ID, so the
  /// sweep's folder is the one at or above `folder` whose path ends with that `output` (its
  /// last name followed by `@` and overrides for a `--set` run); without a trial, `folder`'s
  /// parent is taken for the results folder.
  init(_ folder: URL) {
    let folder = URL(fileURLWithPath: folder.absoluteURL.standardizedFileURL.path)
    root = folder.deletingLastPathComponent()
    let files = (try? RegressionGate.environmentFiles(in: folder)) ?? []
    // The `--set` its trials were run with, as given (`SweepSetRecord`): the folder's name
    // cannot always give them back (a `/` or a comma in a value; tester BD F-f), nor does a
    // merged folder's name hold them (`--into merged/x`; F-n).
    var given: [String]?
    for file in files {
      let trial = folder.appendingPathComponent(file).deletingLastPathComponent()
      specFile = specFile ?? RunEnvironment.read(from: trial)?[RunEnvironment.specFileKey]
      given = given ?? SweepSetRecord.read(from: trial)
      guard let output = Self.output(of: trial) else { continue }
      var parts = output.split(separator: "/").map(String.init)
      guard parts.count >= 2 else { continue }
      parts.removeLast()
      if output.hasPrefix("/") {
        root = nil
        return
      }
      guard let (sweep, name) = Self.sweepFolder(holding: folder, output: parts) else { continue }
      root = (0..<parts.count).reduce(sweep) { url, _ in url.deletingLastPathComponent() }
      overrides =
        given ?? Self.overrides(in: name, base: parts[parts.count - 1]) ?? ["KEY=VALUE..."]
      if let specFile,
        var output = Self.givenOutput(
          parts.joined(separator: "/"), spec: specFile, suffixed: name != parts[parts.count - 1])
      {
        // Overrides recorded as given hold any `name=`/`output=` that gave the folder.
        if given != nil {
          guard !overrides.contains(where: { $0.hasPrefix("name=") || $0.hasPrefix("output=") })
          else { return }
          output.removeAll { $0 == "KEY=VALUE..." }
        }
        overrides = output + overrides.filter { !output.contains($0) }
      }
      return
    }
    // No trial yet (a sweep stopped before its first ended): the overrides its name gives.
    let name = folder.lastPathComponent
    if let at = name.firstIndex(of: "@") {
      overrides = given ?? Self.overrides(in: name, base: String(name[..<at])) ?? ["KEY=VALUE..."]
    } else if let given {
      overrides = given
    }
  }

  /// The `--set` that gave the sweep's `recorded` output when the spec file `spec` gives
  /// another (reviewer B2): `name=…` for a spec whose output is its name and a folder name
  /// `suffixed` by the other overrides (`output=…` names the folder outright, with no suffix),
  /// else `output=…`, with the other overrides asked for (`KEY=VALUE...`), as no name lists
  /// them; nil when the spec gives that output itself or does not load.
  static func givenOutput(_ recorded: String, spec: String, suffixed: Bool) -> [String]? {
    guard let loaded = try? SpecLoader.load(file: spec), loaded.spec.output != recorded else {
      return nil
    }
    if loaded.outputFromName, suffixed, !recorded.contains("/") { return ["name=\(recorded)"] }
    return ["output=\(recorded)", "KEY=VALUE..."]
  }

  /// The `output` trial folder `trial`'s `spec.resolved.yaml` records; nil when none.
  static func output(of trial: URL) -> String? {
    let file = trial.appendingPathComponent(ResultsFile.resolvedSpec)
    guard let text = try? AtomicFile.read(file),
      case .mapping(let pairs)? = SpecValue(yamlText: text)
    else { return nil }
    guard case .string(let output)? = pairs.first(where: { $0.key == "output" })?.value else {
      return nil
    }
    return output
  }

  /// The folder at or above `folder` whose path ends with `output`'s folders, and its name.
  static func sweepFolder(holding folder: URL, output: [String]) -> (URL, String)? {
    var candidate = folder
    while candidate.pathComponents.count > output.count {
      let tail = Array(candidate.pathComponents.suffix(output.count))
      let name = tail[tail.count - 1]
      if Array(tail.dropLast()) == Array(output.dropLast()),
        name == output[output.count - 1] || name.hasPrefix(output[output.count - 1] + "@")
      {
        return (candidate, name)
      }
      candidate = candidate.deletingLastPathComponent()
    }
    return nil
  }

  /// The `--set` overrides folder name `name` gives after `base@` (`RunFolderName`), in its
  /// order: none for `base` itself; nil when they cannot be told back (a name shortened or
  /// ending in a hash, a value holding a comma).
  static func overrides(in name: String, base: String) -> [String]? {
    guard name != base else { return [] }
    let suffix = String(name.dropFirst(base.count + 1))
    let parts = suffix.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard
      parts.allSatisfy({ (try? Override(parsing: $0))?.folderText == $0 }),
      RunFolderName.name(base, overrides: suffix) == name
    else { return nil }
    return parts
  }
}
