import Foundation
import Testing

@testable import Datasets

/// The cgroup limits read from a process's groups, v2 and v1, on made-up hierarchies.
@Suite struct ControlGroupTests {
  /// A hierarchy under a new temporary folder holding `files` (path → text).
  static func hierarchy(_ files: [String: String]) throws -> String {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("cgroup-\(UUID().uuidString)").path
    for (path, text) in files {
      let url = URL(fileURLWithPath: root + "/" + path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
  }

  @Test func aV2QuotaIsRoundedUpAndTheLeastWins() throws {
    let root = try Self.hierarchy([
      "box/cpu.max": "150000 100000\n", "cpu.max": "max 100000\n",
      "box/memory.max": "1073741824\n", "memory.max": "max\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let group = ControlGroup(membership: "0::/box\n", root: root)
    #expect(group.cpuQuota == 2)
    #expect(group.memoryLimit == 1_073_741_824)
    // No quota anywhere: "max".
    let open = ControlGroup(membership: "0::/\n", root: root)
    #expect(open.cpuQuota == nil && open.memoryLimit == nil)
  }

  @Test func aV1QuotaIsReadWhereverItsControllerIsMounted() throws {
    let root = try Self.hierarchy([
      "cpu,cpuacct/job/cpu.cfs_quota_us": "50000\n",
      "cpu,cpuacct/job/cpu.cfs_period_us": "100000\n",
      "cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n",
      "memory/job/memory.limit_in_bytes": "9223372036854771712\n",
    ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let group = ControlGroup(
      membership: "4:memory:/job\n3:cpu,cpuacct:/job\n1:name=systemd:/\n", root: root)
    // Half a CPU is one; a page-rounded 2^63 is no memory limit.
    #expect(group.cpuQuota == 1)
    #expect(group.memoryLimit == nil)
    #expect(ControlGroup(membership: "3:cpu,cpuacct:/\n", root: root).cpuQuota == nil)
  }
}
