import Conventions
import Foundation

/// The control-group (cgroup) files that limit this process: its own group's in the unified
/// (v2) hierarchy or in a v1 controller's, then the hierarchy root's. Containers, systemd
/// slices and batch schedulers set their memory and CPU limits there.
public struct ControlGroup: Sendable {
  /// `/proc/self/cgroup`'s lines (`0::/path` for v2, `4:memory:/path` for v1).
  var membership: String
  /// Where the hierarchies are mounted.
  var root: String

  /// This process's groups, as `/proc/self/cgroup` lists them, under `/sys/fs/cgroup`.
  public static var current: ControlGroup {
    ControlGroup(
      membership: KernelFile.text("/proc/self/cgroup") ?? "",
      root: "/sys/fs/cgroup")
  }

  /// The paths of `v2File` in the unified hierarchy and `v1File` in the v1 `controller`'s, this
  /// process's own group first, then each hierarchy's root.
  func files(v2 v2File: String, v1 controller: String, _ v1File: String) -> [String] {
    var files: [String] = []
    for line in membership.split(separator: "\n") {
      let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
      guard parts.count == 3 else { continue }
      if parts[0] == "0" && parts[1].isEmpty {
        files.append("\(root)\(parts[2])/\(v2File)")
      } else if parts[1].split(separator: ",").contains(Substring(controller)) {
        // A v1 controller may be mounted alone (`cpu`) or with others (`cpu,cpuacct`).
        let mount = String(parts[1])
        files.append("\(root)/\(mount)\(parts[2])/\(v1File)")
        if mount != controller { files.append("\(root)/\(controller)\(parts[2])/\(v1File)") }
      }
    }
    return files + ["\(root)/\(v2File)", "\(root)/\(controller)/\(v1File)"]
  }

  /// The trimmed text of `path`, nil when it cannot be read.
  func read(_ path: String) -> String? {
    KernelFile.text(path)?
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The memory limit in bytes (v2 `memory.max`, v1 `memory.limit_in_bytes`), the least one
  /// found; nil when there is none.
  public var memoryLimit: Double? {
    let limits = files(v2: "memory.max", v1: "memory", "memory.limit_in_bytes").compactMap {
      path -> Double? in
      // "max" (v2) or a page-rounded 2^63 (v1) mean no limit.
      guard let value = read(path).flatMap(Double.init), value < 1e18 else { return nil }
      return value
    }
    return limits.min()
  }

  /// The CPUs the CPU quota allows (v2 `cpu.max`, v1 `cpu.cfs_quota_us` over
  /// `cpu.cfs_period_us`), rounded up as joblib's `cpu_count` does (a quota of 1.5 CPUs is 2),
  /// the least one found; nil when there is no quota.
  public var cpuQuota: Int? {
    var quotas: [Double] = []
    for path in files(v2: "cpu.max", v1: "cpu", "cpu.cfs_quota_us") {
      guard let text = read(path) else { continue }
      if path.hasSuffix("cpu.max") {
        // "max 100000" (no quota) or "150000 100000".
        let fields = text.split(separator: " ")
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1])
        else { continue }
        quotas.append(quota / period)
      } else {
        let periodFile = (path as NSString).deletingLastPathComponent + "/cpu.cfs_period_us"
        guard let quota = Double(text), quota > 0,
          let period = read(periodFile).flatMap(Double.init)
        else { continue }
        quotas.append(quota / period)
      }
    }
    return quotas.filter { $0 > 0 && $0.isFinite }.min().map { max(1, Int($0.rounded(.up))) }
  }
}
