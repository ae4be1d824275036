import Foundation
import Testing

@testable import Datasets

/// What the process has mapped is read from one text, `/proc/self/maps`: its total and
/// OpenBLAS's buffers among it agree, so a buffer mapped while it is read is counted once (read
/// apart, `VmSize` could miss a buffer the maps then found: 344 MB in use, not 472, one start
/// in two under `ulimit -v 300000`).
@Suite struct MappedSpaceTests {
  static let megabyte = 1_048_576.0

  /// The regions' sizes add up, `[vsyscall]` aside; a 128 MB private region is a buffer.
  @Test func theRegionsAddUp() {
    let maps = """
      5625d47e7000-5625d47e8000 r-xp 00000000 fd:00 123 /tmp/runner
      7f8f6ea00000-7f8f76a00000 rw-p 00000000 00:00 0
      7f8f76a00000-7f8f76a01000 ---p 00000000 00:00 0
      ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]

      """
    let space = MappedSpace(maps: maps, threads: 3)
    #expect(space.bytes == 4096 + 128 * Self.megabyte + 4096)
    #expect(space.buffers == 1)
    #expect(space.threads == 3)
  }

  /// The same figure in use whether the pool's buffer was mapped when read or not.
  @Test func aBufferCountsTheSameMappedOrNot() {
    let before = MappedSpace(bytes: 160 * Self.megabyte, buffers: 0, threads: 2)
    let after = MappedSpace(bytes: 288 * Self.megabyte, buffers: 1, threads: 2)
    #expect(before.used(pool: 1) == after.used(pool: 1))
  }

  /// Read now, the total is what the kernel says the process has mapped (`VmSize`), not the
  /// first page of the maps (37 MB of a test process's hundreds).
  @Test func theReadingNowIsTheWholeOfVmSize() throws {
    let space = MappedSpace.now()
    let vmSize = try #require(MemoryBudget.statusFields(["VmSize"])["VmSize"]) * 1024
    // Other tests map and unmap as this one reads: within a tenth.
    #expect(abs(space.bytes - vmSize) < vmSize / 10, "\(space.bytes) against \(vmSize)")
  }
}
