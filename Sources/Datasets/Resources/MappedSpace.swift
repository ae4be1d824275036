import Conventions
import Foundation

/// One reading of the address space the process has mapped, taken from `/proc/self/maps` alone:
/// its total (what `VmSize` says) and OpenBLAS's work buffers among it come from the same text,
/// so a buffer mapped while the reading is taken is counted once, in one or the other. Read
/// apart, `VmSize` could miss a pool thread's buffer that the maps read a moment later found
/// mapped: 128 MB fewer in use (344 MB, not 472), about one start in two under `ulimit -v
/// 300000`, and the `ulimit -v` advised, or a run's admission, depended on it.
struct MappedSpace: Equatable {
  /// Bytes of all the mappings (`[vsyscall]` aside, which `VmSize` leaves out too).
  var bytes: Double
  /// OpenBLAS's work buffers among them (`BLASBuffers.mapped(inMaps:)`).
  var buffers: Int
  /// The threads running, the main one included.
  var threads: Int

  /// The reading of `maps` (the text of `/proc/self/maps`) with `threads` running.
  init(maps: String, threads: Int) {
    var bytes = 0.0
    for line in maps.split(separator: "\n") where !line.hasSuffix("[vsyscall]") {
      let range = line.prefix { $0 != " " }.split(separator: "-")
      guard range.count == 2, let start = UInt64(range[0], radix: 16),
        let end = UInt64(range[1], radix: 16), end > start
      else { continue }
      bytes += Double(end - start)
    }
    self.init(bytes: bytes, buffers: BLASBuffers.mapped(inMaps: maps), threads: threads)
  }

  init(bytes: Double, buffers: Int, threads: Int) {
    (self.bytes, self.buffers, self.threads) = (bytes, buffers, threads)
  }

  /// This process's mappings now: the thread count read before and after the maps, and read
  /// again (up to 8 times) while a thread started between the two.
  static func now() -> MappedSpace {
    var reading = MappedSpace(bytes: 0, buffers: 0, threads: 1)
    for _ in 0..<8 {
      let before = threadCount()
      let maps = KernelFile.text("/proc/self/maps") ?? ""
      let after = threadCount()
      reading = MappedSpace(maps: maps, threads: max(before, after))
      if before == after { break }
    }
    return reading
  }

  /// What is taken before any data: the mappings, with thread stacks for `ThreadStacks.counted`
  /// threads however many have started, and the pool's buffers mapped or not (`pool` of them).
  func used(pool: Int = BLASBuffers.poolThreads) -> Double {
    ThreadStacks.used(mapped: bytes, threads: threads)
      + BLASBuffers.unmapped(pool: pool, mapped: buffers)
  }

  /// The `Threads:` of `/proc/self/status`.
  private static func threadCount() -> Int {
    Int(MemoryBudget.statusFields(["Threads"])["Threads"] ?? 1)
  }
}
