/// The runner's release version, printed by `runner --version` and recorded in every run's
/// `environment.csv`.
public enum RunnerVersion {
  /// Semantic version of this source tree.
  public static let current = "0.5.0"

  /// The Swift language version the runner was compiled with.
  public static var swiftVersion: String {
    #if swift(>=6.4)
      "6.4 or later"
    #elseif swift(>=6.3)
      "6.3"
    #elseif swift(>=6.2)
      "6.2"
    #elseif swift(>=6.1)
      "6.1"
    #else
      "6.0"
    #endif
  }
}
