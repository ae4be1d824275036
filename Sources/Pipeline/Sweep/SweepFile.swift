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
    try AtomicFile.write(Data(text.utf8), to: url, durable: true) {
      hook.reach(point + "-write")
    }
  }
}
