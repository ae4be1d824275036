import Foundation

extension RegressionGate {
  /// Why `entry` has no baseline to compare with yet, nil when it has one (or something the
  /// comparison names is wrong with it): its folder `results/baseline/<name>` does not exist, or
  /// holds none of the files the gate compares (made by hand, or emptied). The gate reports the
  /// entry as not passing without running it; `runner gate --record <name>` records it.
  public func missingBaseline(_ entry: GateEntry) -> String? {
    let folder = baseline(entry)
    guard GateMark.type(of: folder) != nil else { return "\(folder.path) does not exist" }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue, let files = try? Self.comparedFiles(in: folder), files.isEmpty
    else { return nil }
    return "\(folder.path) holds no recorded results"
  }
}
