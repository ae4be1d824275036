import Conventions
import Foundation
import Reports

/// What a folder holds, recognized by the files the runner writes (so folders of earlier
/// versions, `results/baseline/` included, are recognized too): a single run's results
/// (`spec.resolved.yaml` and `summary.csv`), a sweep (`plan.csv` with a `trial` column),
/// nothing yet, files the runner did not write, or a file where a folder goes.
public enum ResultsFolderKind: Sendable, Equatable, CustomStringConvertible {
  /// No folder at this path.
  case missing
  /// A folder with no visible entries.
  case empty
  /// One run's results folder.
  case run
  /// A sweep folder.
  case sweep
  /// A folder the runner did not write.
  case foreign
  /// A file (or a link to one), not a folder.
  case file

  /// The kind of `directory`.
  public static func of(_ directory: URL) -> ResultsFolderKind {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return .missing }
    guard isDirectory.boolValue else { return .file }
    let names = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    if names.isEmpty { return .empty }
    let entries = Set(names)
    if entries.contains(ResultsFile.plan) {
      let plan = directory.appendingPathComponent(ResultsFile.plan)
      let head = (try? String(contentsOf: plan, encoding: .utf8))?.prefix(6)
      return head == "trial," || head == "trial\n" ? .sweep : .foreign
    }
    if entries.contains(ResultsFile.resolvedSpec) && entries.contains(ResultsFile.summary) {
      return .run
    }
    return .foreign
  }

  /// The kind of `directory`, refused (`FolderError.wrongKind`, naming `command`) unless it is
  /// missing, empty or of `kind` (`.run` or `.sweep`): what `command` may write into.
  @discardableResult
  static func require(_ kind: ResultsFolderKind, at directory: URL, for command: String)
    throws(FolderError) -> ResultsFolderKind
  {
    let found = of(directory)
    guard [.missing, .empty, kind].contains(found) else {
      throw .wrongKind(path: directory.path, found: found, command: command)
    }
    return found
  }

  /// For a folder holding a run's `spec.resolved.yaml` (a name only the runner writes) but no
  /// `summary.csv` (deleted or lost), what it lacks and what to do: `it has spec.resolved.yaml
  /// but no summary.csv, which a run's folder holds both of: …`; else nil (a `summary.csv`
  /// alone may well be a user's own).
  public static func incompleteRun(_ directory: URL) -> String? {
    let has = { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    guard has(ResultsFile.resolvedSpec), !has(ResultsFile.summary) else { return nil }
    return "it has \(ResultsFile.resolvedSpec) but no \(ResultsFile.summary), which a run's "
      + "folder holds both of: deleted or lost? rerun its spec"
  }

  /// The kind as a phrase for messages: `a sweep folder`, `a folder the runner did not write`, ….
  public var description: String {
    switch self {
    case .missing: "missing"
    case .empty: "an empty folder"
    case .run: "a single run's results folder"
    case .sweep: "a sweep folder"
    case .foreign: "a folder the runner did not write"
    case .file: "a file, not a folder"
    }
  }
}

extension ResultsFolderKind {
  /// Refuses (`.linkedSweep`) a sweep folder `folder` that is a symbolic link, before `command`
  /// (`runner sweep`, `runner merge`) writes anything there: a sweep never writes through a
  /// link, as a run never does, and `runner ls` lists no folder behind one.
  static func refuseLink(_ folder: URL, for command: String) throws(FolderError) {
    if PathEntry.linkTarget(folder.path) != nil {
      throw .linkedSweep(
        path: folder.path, target: folder.resolvingSymlinksInPath().path, command: command)
    }
    try refuseLinkedPlots(folder, for: command)
  }

  /// Refuses (`.linkedPlots`) a folder whose `plots` folder, which `command` writes, is a
  /// symbolic link: the plots would be written into the folder it names, outside the results,
  /// replacing files of the same names there.
  public static func refuseLinkedPlots(_ folder: URL, for command: String) throws(FolderError) {
    let plots = folder.appendingPathComponent(ResultsFile.plots)
    guard PathEntry.linkTarget(plots.path) != nil else { return }
    throw .linkedPlots(
      path: plots.path, target: plots.resolvingSymlinksInPath().path, command: command)
  }
}
