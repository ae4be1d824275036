import Foundation
import Testing

@testable import Datasets

/// The memory limit, its override and the header-only sizes the estimate reads.
@Suite struct MemoryBudgetTests {
  @Test func limitsParseWithUnits() {
    #expect(MemoryBudget.parse("1048576") == 1_048_576)
    #expect(MemoryBudget.parse("4G") == 4.0 * 1_073_741_824)
    #expect(MemoryBudget.parse("512m") == 512.0 * 1_048_576)
    #expect(MemoryBudget.parse("1.5GB") == 1.5 * 1_073_741_824)
    #expect(MemoryBudget.parse("2GiB") == 2.0 * 1_073_741_824)
    for bad in ["lots", "", "-1G", "0", "G", "inf", "nan"] {
      #expect(MemoryBudget.parse(bad) == nil, "\(bad)")
    }
  }

  @Test func sizesAreFormattedInPowersOf1024() {
    #expect(MemoryBudget.format(352) == "352 bytes")
    #expect(MemoryBudget.format(2048) == "2 KB")
    #expect(MemoryBudget.format(1.5 * 1_048_576) == "1.5 MB")
    #expect(MemoryBudget.format(448 * 1_073_741_824) == "448 GB")
    #expect(MemoryBudget.format(.infinity) == "unlimited")
  }

  /// A budget shared among jobs keeps the `ulimit -v` reading it was decided on: without it
  /// a sweep's refusal under a ulimit advised RUNNER_MEMORY_LIMIT, which cannot lift it.
  @Test func sharingKeepsTheAddressSpaceReading() {
    var budget = MemoryBudget(limit: 300, source: "address space left by ulimit -v")
    budget.addressSpace = AddressSpace(cap: 1000, used: 700)
    let shared = budget.shared(among: 2)
    #expect(shared.addressSpace == AddressSpace(cap: 1000, used: 700))
    #expect(shared.limit == 150 && shared.jobs == 2)
  }

  @Test func theOverrideWinsAndSharingDivides() throws {
    let budget = try MemoryBudget.current(environment: ["RUNNER_MEMORY_LIMIT": "8G"])
    #expect(budget == MemoryBudget(limit: 8 * 1_073_741_824, source: "set by RUNNER_MEMORY_LIMIT"))
    let shared = budget.shared(among: 4)
    #expect(shared.limit == 2 * 1_073_741_824)
    #expect(shared.source == "set by RUNNER_MEMORY_LIMIT, shared by 4 jobs")
    #expect(throws: MemoryBudget.InvalidLimit.self) {
      try MemoryBudget.current(environment: ["RUNNER_MEMORY_LIMIT": "lots"])
    }
    do {
      try shared.check(3 * 1_073_741_824, for: "the features of x.npy")
      Issue.record("accepted")
    } catch {
      #expect(
        error.description
          == "the features of x.npy needs about 3 GB of memory, more than the 2 GB limit (set by "
          + "RUNNER_MEMORY_LIMIT, shared by 4 jobs)")
    }
  }

  /// What a sweep sets aside for itself comes off the whole limit before the jobs share it, and
  /// the whole limit that holds a share counts it back.
  @Test func aReserveComesOffBeforeSharingAndCountsInTheWhole() {
    let mb = 1_048_576.0
    let budget = MemoryBudget(limit: 1024 * mb, source: "set by RUNNER_MEMORY_LIMIT")
    let share = budget.reserving(24 * mb, for: "the sweep itself").shared(among: 4)
    #expect(share.limit == 250 * mb)
    #expect(
      share.source
        == "set by RUNNER_MEMORY_LIMIT, less 24 MB for the sweep itself, shared by 4 jobs")
    #expect(share.whole(holding: 300 * mb) == 1224 * mb)
    #expect(budget.whole(holding: 300 * mb) == 300 * mb)
  }

  /// The example limit of a refusal: never below what is needed, in a size people write.
  @Test func aReadableLimitIsAtLeastTheBytesAsked() {
    let gb = 1_073_741_824.0
    #expect(MemoryBudget.readableLimit(atLeast: 89 * gb) == "89G")
    #expect(MemoryBudget.readableLimit(atLeast: 89.3 * gb) == "90G")
    #expect(MemoryBudget.readableLimit(atLeast: 23.1 * gb) == "24G")
    #expect(MemoryBudget.readableLimit(atLeast: 447.5 * gb) == "450G")
    #expect(MemoryBudget.readableLimit(atLeast: 1000.5 * 1_048_576) == "1G")
    #expect(MemoryBudget.readableLimit(atLeast: 150.2 * 1_048_576) == "160M")
    #expect(MemoryBudget.readableLimit(atLeast: 1000) == "1M")
    #expect(MemoryBudget.readableLimit(atLeast: 43.7 * 1024 * gb) == "44T")
    var bytes = 1.0
    while bytes < 1e16 {
      let text = MemoryBudget.readableLimit(atLeast: bytes)
      #expect((MemoryBudget.parse(text) ?? 0) >= bytes, "\(bytes): \(text)")
      bytes *= 1.37
    }
  }

  /// The available memory moves while other processes run (the machine is shared), so the
  /// limit is compared with the larger of a reading just before and one just after, with 64 MiB
  /// of slack for what changed in between.
  @Test func theSystemLimitIsAtMostTheAvailableMemory() throws {
    let before = MemoryBudget.meminfo("MemAvailable")
    let system = MemoryBudget.system()
    let after = MemoryBudget.meminfo("MemAvailable")
    #expect(system.limit > 0)
    if let before, let after { #expect(system.limit <= max(before, after) + 64 * 1_048_576) }
  }

  @Test func shapesComeFromHeadersOnly() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("memory-budget-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let npy = dir.appendingPathComponent("x.npy")
    let array = try NDArray(shape: [3, 4, 5], storage: .float64([Double](repeating: 0, count: 60)))
    try Data(NPYFile.encode(array)).write(to: npy)
    let shape = StoredShape.of(npy.path)
    #expect(shape.samples == 3 && shape.valuesPerSample == 20)
    // An IDX header of 2 images of 2×2 bytes, then one claiming 2^31 images of 28×28 in a
    // 16-byte file: that header is not believed (the loader names the problem).
    let idx = dir.appendingPathComponent("images-idx3-ubyte")
    try Data([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2] + [UInt8](repeating: 1, count: 8))
      .write(to: idx)
    let small = StoredShape.of(idx.path)
    #expect(small.samples == 2 && small.valuesPerSample == 4 && small.bytes == 24)
    // Through a link, the file it names is sized (not the link's few bytes).
    let link = dir.appendingPathComponent("linked-idx3-ubyte")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: idx)
    #expect(StoredShape.of(link.path).bytes == 24)
    try Data([0, 0, 8, 3, 0x80, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]).write(to: idx)
    let claimed = StoredShape.of(idx.path)
    #expect(claimed.samples == nil && claimed.valuesPerSample == nil && claimed.bytes == 16)
    let csv = dir.appendingPathComponent("t.csv")
    try "a,b,c\n1,2,3\n4,5,6\n".write(to: csv, atomically: true, encoding: .utf8)
    let table = StoredShape.of(csv.path)
    // Its rows as the reader counts them (not the 3 its size would bound).
    let rows = try DataTable.read(csv.path).rows.count
    #expect(table.valuesPerSample == 3 && table.bytes == 18 && table.samples == rows)
  }
}
