import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process of an MLflow export, tagged `runner.exporter` on every run it creates (`host=…
/// pid=… start=…`), so that a later export tells a run left `RUNNING` by an export that was cut
/// off (its process gone: Ctrl-C, a kill, a `runs/create` that timed out yet landed) from one
/// another export is still sending. Only a process of this very machine and pid namespace (its
/// boot ID and namespace, not only its host name, which laptops and containers share) can be
/// known gone; a tag without them (another system, an older runner) never is.
struct MLflowExporter: Sendable, Equatable {
  /// The tag naming the process that created a run.
  static let tag = "runner.exporter"

  /// The host's name.
  var host: String
  /// The process's ID.
  var pid: pid_t
  /// When it started (`ProcessLiveness.startTime(of:)`); nil where that cannot be read.
  var start: String?
  /// The machine's boot and the pid namespace (`boot_id/pid:[inode]`); nil where unreadable.
  var machine: String? = Self.machine()

  /// This process.
  static let current = MLflowExporter(
    host: hostName(), pid: getpid(), start: ProcessLiveness.startTime(of: getpid()))

  /// The tag's value.
  var value: String {
    "host=\(host) pid=\(pid) start=\(start ?? "")" + (machine.map { " machine=\($0)" } ?? "")
  }

  /// The exporter a tag's `value` names; nil for any other text.
  init?(value: String) {
    var fields: [Substring: Substring] = [:]
    for field in value.split(separator: " ") {
      guard let equals = field.firstIndex(of: "=") else { return nil }
      fields[field[..<equals]] = field[field.index(after: equals)...]
    }
    guard let host = fields["host"], let pid = fields["pid"].flatMap({ pid_t($0) }) else {
      return nil
    }
    self.init(
      host: String(host), pid: pid, start: fields["start"].flatMap { $0.isEmpty ? nil : String($0) }
    )
    machine = fields["machine"].map(String.init)
  }

  /// An exporter of `host`, `pid` and `start`.
  init(host: String, pid: pid_t, start: String?) {
    self.host = host
    self.pid = pid
    self.start = start
  }

  /// Whether the export that tagged `value` is known to have ended: a process of this machine
  /// and pid namespace that no longer runs. False for another's, for a tag without them or an
  /// unreadable one: it may still run.
  static func isGone(_ value: String?) -> Bool {
    guard let value, let exporter = MLflowExporter(value: value), exporter.host == hostName(),
      let machine = exporter.machine, machine == Self.machine()
    else { return false }
    return !ProcessLiveness.isRunning(exporter.pid, startedAt: exporter.start)
  }

  /// This machine's boot (`/proc/sys/kernel/random/boot_id`) and pid namespace
  /// (`/proc/self/ns/pid`), as `boot_id/pid:[inode]`; nil where either cannot be read.
  static func machine() -> String? {
    guard
      let boot = KernelFile.text("/proc/sys/kernel/random/boot_id")?.trimmingCharacters(
        in: .whitespacesAndNewlines), !boot.isEmpty,
      let namespace = try? FileManager.default.destinationOfSymbolicLink(
        atPath: "/proc/self/ns/pid"), !namespace.contains(" ")
    else { return nil }
    return boot + "/" + namespace
  }

  /// The host's name (`gethostname`).
  static func hostName() -> String {
    var name = [CChar](repeating: 0, count: 256)
    guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
    return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
