import Foundation

/// The regression gate's manifest, `results/baseline/gate.csv`: the experiments the gate runs
/// (module Pipeline reads its rows, `GateEntry`). Declared here, where results files are, since
/// `runner diff` and the exports must know it is not a result.
public enum GateManifest {
  /// The manifest's file name, in the baselines' folder.
  public static let file = "gate.csv"

  /// The manifest's columns.
  public static let header = ["name", "spec", "command", "atol", "rtol", "iteration_rtol"]

  /// Whether `url` is a gate manifest: a file named `gate.csv` whose first line is `header`
  /// (a results table of that name is not one).
  public static func holds(_ url: URL) -> Bool {
    guard url.lastPathComponent == file,
      let handle = try? FileHandle(forReadingFrom: url)
    else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 256)) ?? Data()
    let line = String(decoding: head, as: UTF8.self).prefix { $0 != "\n" && $0 != "\r\n" }
    return line.trimmingCharacters(in: .init(charactersIn: "\r")) == header.joined(separator: ",")
  }
}
