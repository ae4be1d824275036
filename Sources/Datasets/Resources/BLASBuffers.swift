import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The address space OpenBLAS's pool threads' work buffers take under `ulimit -v`, counted
/// whether mapped yet or not. Each pool thread maps a 128 MB buffer as it starts; under a limit
/// that leaves it no room the mapping fails (and is retried), so a check found 128 MB less in
/// use under `ulimit -v 200000` than under 300000, and the `ulimit -v` it advised was refused
/// in turn (tester BF F1). The buffers the pool has not mapped are added to what is mapped.
enum BLASBuffers {
  /// Bytes of one work buffer (OpenBLAS's `BUFFER_SIZE` on x86-64).
  static let size = 128.0 * 1_048_576

  /// OpenBLAS's pool threads (its thread count but the caller), read once: under a `ulimit -v`
  /// first at the start-up check, before the runner sets the count its runs use. The CPUs but
  /// one where OpenBLAS is not linked in.
  static let poolThreads: Int = {
    typealias Count = @convention(c) () -> Int32
    guard let symbol = dlsym(nil, "openblas_get_num_threads") else {
      return max(0, ProcessInfo.processInfo.activeProcessorCount - 1)
    }
    return max(0, Int(unsafeBitCast(symbol, to: Count.self)()) - 1)
  }()

  /// The bytes of `pool` buffers beyond the `mapped` ones (none when as many are mapped).
  static func unmapped(pool: Int, mapped: Int) -> Double {
    Double(max(0, pool - mapped)) * size
  }

  /// The work buffers mapped in `maps` (the text of `/proc/self/maps`): private anonymous
  /// read-write regions of a buffer's size, or a little more (the kernel merges a region
  /// with an adjacent one of the same kind, a thread's stack).
  static func mapped(inMaps maps: String) -> Int {
    var count = 0
    for line in maps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      // `start-end perms offset dev inode [path]`: anonymous ones have inode 0 and no path.
      guard fields.count == 5, fields[1] == "rw-p", fields[4] == "0" else { continue }
      let bounds = fields[0].split(separator: "-").compactMap { UInt64($0, radix: 16) }
      guard bounds.count == 2, bounds[1] > bounds[0] else { continue }
      let bytes = Double(bounds[1] - bounds[0])
      if bytes >= size && bytes < size + 32 * 1_048_576 { count += 1 }
    }
    return count
  }
}
