import Conventions
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The folders Foundation makes on Linux for any URLSession, whatever its configuration: a disk
/// cache (`$XDG_CACHE_HOME/org.swift.foundation.URLCache/<program>`, for `.ephemeral` too) and
/// the shared cookie store's folder (`$XDG_DATA_HOME/<folder of the program>`). A download uses
/// neither (no cache, no cookies), so the ones made for it are removed again at once: `rmdir`,
/// deepest first, never a folder that holds anything.
public enum SessionFolders {
  /// The runner's one kind of URLSession (a download's, an export's): no cache, no cookies,
  /// each request given up after `timeout` seconds without data (and after `whole` seconds in
  /// all, when given), events to `delegate`; the folders Foundation made for it removed again.
  public static func session(
    timeout: TimeInterval, whole: TimeInterval? = nil, delegate: URLSessionDelegate? = nil
  ) -> URLSession {
    removingMade {
      let configuration = URLSessionConfiguration.ephemeral
      configuration.timeoutIntervalForRequest = timeout
      if let whole { configuration.timeoutIntervalForResource = whole }
      // Nothing is kept of a request but its answer.
      configuration.urlCache = nil
      configuration.httpCookieStorage = nil
      configuration.httpShouldSetCookies = false
      return URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }
  }

  /// Runs `make` (which makes a session's configuration), then removes the folders it made.
  /// One at a time (a download starting meanwhile on another thread would make them again),
  /// and under the interrupt's lock: a Ctrl-C arriving meanwhile waits for the folders' removal
  /// and, once its cleanup has begun, no session is made, so none is made after the cleanup ran.
  static func removingMade<T>(by make: () -> T) -> T {
    OwnTemporaries.committing {
      let made = places.flatMap(PathText.missingFolders(upTo:))
      // An interrupt removes them too, also later: Foundation may make the cache folder only
      // at the first request (seen under load), after the `rmdir` below (which never removes
      // a folder that holds anything).
      let urls = made.map { URL(fileURLWithPath: $0, isDirectory: true) }
      OwnTemporaries.createdFolders(urls)
      defer { for path in made { rmdir(path) } }
      return make()
    }
  }

  /// Where Foundation puts the two folders (the names it derives, as it derives them).
  static var places: [String] {
    let manager = FileManager.default
    let program = (Bundle.main.bundleIdentifier ?? ProcessInfo.processInfo.processName)
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
      .replacingOccurrences(of: ":", with: "_")
    var folder = Bundle.main.bundlePath.split(separator: "/").last.map(String.init) ?? ""
    if let dot = folder.lastIndex(of: ".") { folder = String(folder[..<dot]) }
    let caches = manager.urls(for: .cachesDirectory, in: .userDomainMask).first
    let data = manager.urls(for: .applicationSupportDirectory, in: .userDomainMask).first
    return [
      caches?.appendingPathComponent("org.swift.foundation.URLCache/" + program).path,
      folder.isEmpty ? nil : data?.appendingPathComponent(folder).path,
    ].compactMap { $0 }
  }
}
