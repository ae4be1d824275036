import Foundation
import Testing

@testable import Datasets

/// The `ulimit -v` a refusal advises is the same whatever limit it was read under, and is
/// accepted when applied (tester BF F1: under 200000 OpenBLAS's pool thread had not mapped its
/// 128 MB buffer, so 343 MB were counted, not 471, and the advised 512000 was refused in turn).
@Suite struct BLASBuffersTests {
  static let megabyte = 1_048_576.0

  /// The pool's buffers not mapped are counted: the same figure mapped or not.
  @Test func unmappedBuffersAreCounted() {
    let size = BLASBuffers.size
    #expect(BLASBuffers.unmapped(pool: 1, mapped: 0) == size)
    #expect(BLASBuffers.unmapped(pool: 1, mapped: 1) == 0)
    #expect(BLASBuffers.unmapped(pool: 3, mapped: 1) == 2 * size)
    // The caller's buffer, mapped once it multiplies, takes nothing off the pool's count.
    #expect(BLASBuffers.unmapped(pool: 1, mapped: 2) == 0)
    #expect(BLASBuffers.unmapped(pool: 0, mapped: 0) == 0)
  }

  /// A buffer is a private anonymous read-write region of its size, or a little more (merged
  /// with a neighbour); a library's mapping, a stack or the heap is none.
  @Test func buffersAreFoundInTheMaps() {
    let maps = """
      5625d47e7000-5625d5d97000 r-xp 00000000 fd:00 123 /tmp/bf/runner
      7f8f6ea00000-7f8f76a00000 rw-p 00000000 00:00 0
      7f8f76bc3000-7f8f773c3000 rw-p 00000000 00:00 0
      7f8f80000000-7f8f88800000 rw-p 00000000 00:00 0
      7f8f90000000-7f8fa0000000 rw-p 00000000 00:00 0
      7f8fa0000000-7f8fa8000000 r--p 00000000 00:00 0
      7f8fb0000000-7f8fb8000000 rw-p 00000000 fd:00 77 /data/mapped.npy
      5625d6000000-5625de000000 rw-p 00000000 00:00 0 [heap]
      """
    // The 128 MB region, and the one merged with an 8 MB stack; not 256 MB, read-only, a
    // file's, or the heap.
    #expect(BLASBuffers.mapped(inMaps: maps) == 2)
    #expect(BLASBuffers.mapped(inMaps: "") == 0)
  }

  /// The advised limit comes from what is used, not from the cap: under a cap below what is
  /// used the two readings (with the pool's buffer counted) advise the same, above both.
  @Test func theAdvisedLimitIsTheSameUnderAnyCap() {
    let used = 471 * Self.megabyte
    let bytes = 256 * Self.megabyte
    let advised = [200_000.0, 300_000, 512_000].map {
      AddressSpace(cap: $0 * 1024, used: used).limit(fitting: bytes)
    }
    #expect(advised == [819_200, 819_200, 819_200])
    // Applied, it leaves the bytes asked for.
    let applied = AddressSpace(cap: Double(advised[0]) * 1024, used: used)
    #expect(applied.left >= bytes)
    // A cap that leaves room already is advised as it is (rounded up to 100 MB).
    #expect(AddressSpace(cap: 2000 * Self.megabyte, used: used).limit(fitting: bytes) == 2_048_000)
  }
}
