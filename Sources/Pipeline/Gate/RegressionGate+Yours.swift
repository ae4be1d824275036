import Foundation

extension RegressionGate {
  /// The entries of baseline folder `folder` that `record` does not write (relative paths, a
  /// folder holding none of its files as one entry, hidden ones included): files of yours, such
  /// as a `NOTES.md` on why the figures changed. `record` carries them into the new baseline.
  static func yourEntries(in folder: URL) throws -> [String] {
    let own = Set(try comparedFiles(in: folder) + environmentFiles(in: folder))
    let ownFolders = Set(
      own.flatMap { path in
        let parts = path.split(separator: "/").dropLast()
        return parts.indices.map { parts[...$0].joined(separator: "/") }
      })
    let fm = FileManager.default
    guard let entries = fm.enumerator(atPath: folder.path) else {
      throw GateError.unreadable(path: folder.path, reason: "cannot list the folder")
    }
    var yours: [String] = []
    while let path = entries.nextObject() as? String {
      if [asideMark, recordingMark].contains(path) || own.contains(path) { continue }
      let isFolder = GateMark.type(of: folder.appendingPathComponent(path)) == .typeDirectory
      if isFolder && ownFolders.contains(path) { continue }
      yours.append(path)
      if isFolder || GateMark.type(of: folder.appendingPathComponent(path)) == .typeSymbolicLink {
        entries.skipDescendants()
      }
    }
    return yours.sorted()
  }

  /// Copies `entries` of `old` (`yourEntries`) into the new baseline being made in `staging`,
  /// a folder into the folder of that name the new baseline has. Throws when a file of the new
  /// baseline is where one of them goes.
  static func carry(_ entries: [String], from old: URL, into staging: URL) throws {
    let fm = FileManager.default
    func copy(_ source: URL, to destination: URL) throws {
      let (from, to) = (GateMark.type(of: source), GateMark.type(of: destination))
      if to == nil {
        try fm.createDirectory(
          at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try fm.copyItem(at: source, to: destination)
      }
      guard from == .typeDirectory, to == .typeDirectory else {
        throw GateError.cannotRecord(
          path: destination.path,
          reason: "\(source.path), a file of yours (not one the gate records), is where the new "
            + "baseline writes one of its own; move it out of the baseline")
      }
      for name in try fm.contentsOfDirectory(atPath: source.path) {
        try copy(source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
      }
    }
    for entry in entries {
      try copy(old.appendingPathComponent(entry), to: staging.appendingPathComponent(entry))
    }
  }
}
