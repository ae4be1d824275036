import Foundation

/// The user's download cache for named datasets: `$XDG_CACHE_HOME/runner`, else
/// `~/.cache/runner`.
public enum DataCache {
  /// The cache directory for the given environment (not created).
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return xdg + "/runner"
    }
    let home = environment["HOME"] ?? NSHomeDirectory()
    return home + "/.cache/runner"
  }
}
