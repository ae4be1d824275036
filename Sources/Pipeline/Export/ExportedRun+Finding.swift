import Foundation

extension ExportedRun {
  /// The runs under `paths`, in order: a run folder is one run (named by its folder), a sweep
  /// folder its trials (`sweep/trial`), any other folder (e.g. `results/`) the runs and sweeps
  /// directly inside it (hidden folders such as `.history` left out).
  public static func find(_ paths: [String]) throws(ExportError) -> [ExportedRun] {
    var runs: [ExportedRun] = []
    for path in paths {
      let url = URL(fileURLWithPath: path).standardizedFileURL
      let name = url.lastPathComponent
      switch ResultsFolderKind.of(url) {
      case .missing: throw .missing(path: path)
      case .run: runs.append(try ExportedRun(folder: url, name: name))
      case .sweep: runs += try trials(of: url, prefix: name)
      case .empty, .foreign:
        var found: [ExportedRun] = []
        for child in children(of: url) {
          switch ResultsFolderKind.of(child) {
          case .run: found.append(try ExportedRun(folder: child, name: child.lastPathComponent))
          case .sweep: found += try trials(of: child, prefix: child.lastPathComponent)
          default: continue
          }
        }
        guard !found.isEmpty else { throw .noRuns(path: path) }
        runs += found
      }
    }
    return runs
  }

  /// The run folders inside the sweep folder `sweep`, named `prefix/trial`.
  private static func trials(of sweep: URL, prefix: String) throws(ExportError) -> [ExportedRun] {
    var runs: [ExportedRun] = []
    for child in children(of: sweep) where ResultsFolderKind.of(child) == .run {
      runs.append(try ExportedRun(folder: child, name: "\(prefix)/\(child.lastPathComponent)"))
    }
    return runs
  }

  /// The visible subfolders of `folder`, sorted by name.
  private static func children(of folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
  }
}
