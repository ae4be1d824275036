import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the user starts this program again, as they can type it in a shell: what every message
/// that names a command to type begins with (pip's `get_best_invocation_for_this_pip`).
///
/// `runner` until the executable sets it at start-up from how it was started: the README's
/// quick start runs `swift run runner …`, and a remedy saying `runner data fetch …` would then
/// answer `command not found`.
public enum Invocation {
  /// The program's name, and the command until the executable sets another.
  public static let name = "runner"

  /// The command that starts this program: `runner`, `swift run runner`, `./bin/runner`.
  public static var command: String { current.withLock { $0 } }

  /// `command` followed by `arguments`, each shell-quoted, a command line to paste:
  /// `swift run runner sweep 'my dir/s.yaml'`.
  public static func commandLine(_ arguments: [String]) -> String {
    ([command] + arguments.map(\.shellQuoted)).joined(separator: " ")
  }

  /// Sets `command` from how this process was started (`argv[0]`) and its working directory;
  /// the executable calls it first, before any message is written.
  public static func setFromStart() {
    guard let argv0 = CommandLine.arguments.first, let directory = workingDirectory() else {
      return
    }
    let inferred = inferred(argv0: argv0, workingDirectory: directory)
    current.withLock { $0 = inferred }
  }

  /// `inferred(argv0:workingDirectory:isPackage:sameDirectory:)` on this file system: a package
  /// is a folder holding a `Package.swift`, folders are the same when their real paths are.
  public static func inferred(argv0: String, workingDirectory: String) -> String {
    inferred(
      argv0: argv0, workingDirectory: workingDirectory,
      isPackage: holdsManifest,
      sameDirectory: { (PathEntry.realPath($0) ?? $0) == (PathEntry.realPath($1) ?? $1) })
  }

  /// The command that starts, from `workingDirectory`, the program started as `argv0`: `argv0`
  /// itself when it has no `/` (found on PATH); `swift run NAME` for an executable in a SwiftPM
  /// build folder (`PKG/.build/…/debug`, `isPackage(PKG)`), `swift run -c release NAME` in
  /// `…/release` (else `swift run` would build and run the debug build), with
  /// `--package-path PKG` unless `workingDirectory` is `PKG`; else `argv0` as typed (a build
  /// folder of another configuration). Shell-quoted where needed.
  public static func inferred(
    argv0: String, workingDirectory: String, isPackage: (String) -> Bool,
    sameDirectory: (String, String) -> Bool
  ) -> String {
    guard argv0.contains("/") else { return argv0.isEmpty ? name : argv0.shellQuoted }
    let absolute = argv0.hasPrefix("/") ? argv0 : workingDirectory + "/" + argv0
    let parts = normalized(absolute)
    guard let file = parts.last else { return argv0.shellQuoted }
    // The deepest `.build` folder whose parent is a package built the executable, in the
    // folder of its configuration: `.build/debug` (a link to `.build/<triple>/debug`) or
    // `.build/<triple>/debug`, `release` alike.
    for index in parts.indices.dropLast().reversed() where parts[index] == ".build" {
      let package = "/" + parts[..<index].joined(separator: "/")
      guard isPackage(package) else { continue }
      let folder = parts[parts.count - 2]
      guard (index + 1...index + 2).contains(parts.count - 2),
        let configuration = configurations[folder]
      else { return argv0.shellQuoted }
      let path =
        sameDirectory(package, workingDirectory) ? "" : "--package-path \(package.shellQuoted) "
      return "swift run \(configuration)\(path)\(file.shellQuoted)"
    }
    return argv0.shellQuoted
  }

  /// The `swift run` option that builds and runs the executable of a build folder (SwiftPM's
  /// two configurations): none for `debug`, its default.
  private static let configurations = ["debug": "", "release": "-c release "]

  /// Set once by the executable before its first message; a lock all the same, as the
  /// tests' processes read it from many threads.
  private static let current = Mutex(name)

  /// The components of absolute `path` with `.`, `..` and empty ones resolved lexically.
  private static func normalized(_ path: String) -> [String] {
    var parts: [String] = []
    for part in path.split(separator: "/") where part != "." {
      if part == ".." { _ = parts.popLast() } else { parts.append(String(part)) }
    }
    return parts
  }

  /// Whether `folder` holds a `Package.swift` (a regular file).
  private static func holdsManifest(_ folder: String) -> Bool {
    if case .regular = PathEntry.of(folder + "/Package.swift") { return true }
    return false
  }

  private static func workingDirectory() -> String? {
    guard let pointer = getcwd(nil, 0) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }
}
