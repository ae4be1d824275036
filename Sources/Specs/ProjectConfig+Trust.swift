import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which `runner.yaml` may apply: one someone else left in a shared folder (`/tmp/runner.yaml`)
/// would set the BLAS kernel, the results folder and the data path of every spec below it. As
/// git ignores a repository owned by another user, a `runner.yaml` owned neither by the user
/// running, nor root, nor the owner of the folder holding it, is passed over with a note.
extension ProjectConfig {
  /// Why the `runner.yaml` at `file` is passed over (its owner is neither the user running, nor
  /// root, nor the owner of its folder), or nil when it applies (also when it cannot be
  /// examined: `load` says why it cannot be read).
  public static func distrust(_ file: String) -> String? {
    var entry = stat()
    var folder = stat()
    guard lstat(file, &entry) == 0, stat(PathText.folder(of: file), &folder) == 0 else {
      return nil
    }
    let owner = entry.st_uid
    guard owner != getuid(), owner != 0, owner != folder.st_uid else { return nil }
    return "\(file): owned by \(user(owner)), who is neither you, root nor the owner of its "
      + "folder (\(user(folder.st_uid)))"
  }

  /// The user named by `uid` (`nobody (uid 65534)`), or its number alone.
  static func user(_ uid: uid_t) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return "\(String(cString: name)) (uid \(uid))"
  }

  /// The `runner.yaml` that applies for a spec in `directory` (`find`) and the ones passed over
  /// on the way (`distrust`), each with why.
  public static func search(from directory: String) -> (found: String?, passedOver: [String]) {
    let url = URL(fileURLWithPath: directory).standardizedFileURL
    let real = url.resolvingSymlinksInPath()
    let first = walk(above: url.path)
    guard first.found == nil, real.path != url.path else { return first }
    let second = walk(above: real.path)
    return (
      second.found, first.passedOver + second.passedOver.filter { !first.passedOver.contains($0) }
    )
  }

  /// The nearest `runner.yaml` in `start` or above it that applies, and the ones passed over
  /// below it; a link counts even when it leads nowhere (`load` names it). The walk ends at
  /// `/`, and at once for a path that is not absolute (the current folder could not be
  /// resolved), where going up never ends.
  static func walk(above start: String) -> (found: String?, passedOver: [String]) {
    var path = start
    var passedOver: [String] = []
    while path.hasPrefix("/") {
      let candidate = (path as NSString).appendingPathComponent(fileName)
      if FileManager.default.fileExists(atPath: candidate) || PathEntry.linkTarget(candidate) != nil
      {
        guard let reason = distrust(candidate) else { return (candidate, passedOver) }
        passedOver.append(reason)
      }
      if path == "/" { break }
      path = PathText.folder(of: path)
    }
    return (nil, passedOver)
  }

  /// The notes on the `runner.yaml` files passed over for a spec in `directory`.
  public static func passedOverNotes(from directory: String) -> [String] {
    search(from: directory).passedOver.map {
      "note: ignoring \($0): a project configuration another user controls would set this "
        + "run's BLAS kernel, results folder and data path (as git ignores a repository another "
        + "user owns); copy it into a folder of yours to use it"
    }
  }
}
