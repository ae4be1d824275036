import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the sweep's own files (plan, summary, completion markers) atomically, like
/// `AtomicFile`: the bytes go to a temporary `.<name>.tmp-<pid>-<uuid>` in the same folder, are
/// flushed, and the temporary is renamed over the file. Between the two halves of the bytes it
/// passes the crash hook's `<point>-write` point, so tests can kill the process inside a write.
enum SweepFile {
  static func write(_ text: String, to url: URL, point: String, hook: CrashHook)
    throws(ResultsFileError)
  {
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString)")
    let bytes = Data(text.utf8)
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw .cannotWrite(path: url.path, reason: "cannot create \(temporary.lastPathComponent)")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      defer { try? handle.close() }
      let half = bytes.count / 2
      try handle.write(contentsOf: bytes.prefix(half))
      hook.reach(point + "-write")
      try handle.write(contentsOf: bytes.dropFirst(half))
      try handle.synchronize()
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw .cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let message = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw .cannotWrite(path: url.path, reason: message)
    }
  }
}
