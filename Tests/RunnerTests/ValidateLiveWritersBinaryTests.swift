import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner validate` refuses a results folder that `runner run` or `runner sweep` would refuse
/// at its start because another live runner writes it, or a folder around or inside it (exit
/// 75, in the run's words), and a run's folder made write-protected (73), writing nothing; it
/// passed them before, and the run that followed was refused.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ValidateLiveWritersBinaryTests {
  static let spec = """
    name: n
    dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
    model: {type: linreg, solver: exact}

    """

  /// A project folder holding `spec.yaml` (`spec` and `extra`) and its results root.
  static func project(_ extra: String = "", label: String = #function) throws -> (
    dir: URL, spec: String, results: URL
  ) {
    let dir = SweepBinary.temporaryDirectory(label)
    let results = dir.appendingPathComponent("results")
    try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
    let spec = dir.appendingPathComponent("spec.yaml")
    try (Self.spec + extra).write(to: spec, atomically: true, encoding: .utf8)
    return (dir, spec.path, results)
  }

  /// Every path below `dir`, hidden ones (lock files, staging folders) and folders included.
  static func entries(_ dir: URL) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? []).sorted()
  }

  /// Holds lock file `file` (recording pid 4242, as another runner's) until `body` returns,
  /// as a runner writing its folder does.
  static func holding<T>(_ file: URL, _ body: () throws -> T) throws -> T {
    try "4242\n".write(to: file, atomically: false, encoding: .utf8)
    let fd = open(file.path, O_RDWR | O_CLOEXEC)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    defer { close(fd) }
    return try body()
  }

  /// `validate` and then `run` of `spec` into `results`: both refused with `status` and an error
  /// line containing `message`, the same line; validate wrote nothing.
  static func expectBothRefuse(
    _ p: (dir: URL, spec: String, results: URL), command: String = "run", status: Int32,
    _ message: String
  ) throws {
    let before = Self.entries(p.dir)
    let v = try SweepBinary.run(["validate", p.spec, "--results-dir", p.results.path])
    #expect(v.status == status, "\(v.error)")
    #expect(v.error.contains(message), "\(v.error)")
    #expect(Self.entries(p.dir) == before)
    let r = try SweepBinary.run([command, p.spec, "--results-dir", p.results.path])
    #expect(r.status == status, "\(r.error)")
    let line = { (text: String) in text.split(separator: "\n").first { $0.contains(message) } }
    #expect(line(v.error) != nil && line(v.error) == line(r.error), "\(v.error)\n\(r.error)")
  }

  @Test func aFolderAnotherRunnerWritesIsRefusedByValidate() throws {
    let p = try Self.project()
    defer { try? FileManager.default.removeItem(at: p.dir) }
    try Self.holding(p.results.appendingPathComponent(".n.lock")) {
      try Self.expectBothRefuse(
        p, status: 75, "\(p.results.path)/n is in use by pid 4242")
    }
  }

  @Test func aFolderInsideOneAnotherRunnerWritesIsRefusedByValidate() throws {
    let p = try Self.project("output: x/y\n")
    defer { try? FileManager.default.removeItem(at: p.dir) }
    let x = p.results.appendingPathComponent("x")
    try Self.holding(p.results.appendingPathComponent(".x.lock")) {
      try Self.expectBothRefuse(
        p, status: 75, "\(x.path)/y lies inside \(x.path), which is in use by pid 4242")
    }
  }

  @Test func aFolderAroundOneAnotherRunnerWritesIsRefusedByValidate() throws {
    let p = try Self.project("output: x\n")
    defer { try? FileManager.default.removeItem(at: p.dir) }
    let x = p.results.appendingPathComponent("x")
    try FileManager.default.createDirectory(at: x, withIntermediateDirectories: true)
    try Self.holding(x.appendingPathComponent(".y.lock")) {
      try Self.expectBothRefuse(
        p, status: 75, "\(x.path) holds \(x.path)/y, which is in use by pid 4242")
    }
  }

  @Test func aSweepInsideAFolderAnotherRunnerWritesIsRefusedByValidate() throws {
    let p = try Self.project("output: x/s\nsweep: {parameters: {seed: [1, 2]}}\n")
    defer { try? FileManager.default.removeItem(at: p.dir) }
    let x = p.results.appendingPathComponent("x")
    try Self.holding(p.results.appendingPathComponent(".x.lock")) {
      try Self.expectBothRefuse(
        p, command: "sweep", status: 75,
        "\(x.path)/s lies inside \(x.path), which is in use by pid 4242")
    }
  }

  /// A run's folder its owner made read-only is refused by validate as by the run (73).
  @Test func aWriteProtectedRunFolderIsRefusedByValidate() throws {
    let p = try Self.project()
    defer {
      _ = chmod(p.results.appendingPathComponent("n").path, 0o755)
      try? FileManager.default.removeItem(at: p.dir)
    }
    let first = try SweepBinary.run(["run", p.spec, "--results-dir", p.results.path])
    #expect(first.status == 0, "\(first.error)")
    #expect(chmod(p.results.appendingPathComponent("n").path, 0o555) == 0)
    try Self.expectBothRefuse(p, status: 73, "\(p.results.path)/n is write-protected")
  }

  /// A folder no other runner writes: validate passes, and writes nothing.
  @Test func aFreeFolderPassesValidate() throws {
    let p = try Self.project("output: x/y\n")
    defer { try? FileManager.default.removeItem(at: p.dir) }
    let before = Self.entries(p.dir)
    let v = try SweepBinary.run(["validate", p.spec, "--results-dir", p.results.path])
    #expect(v.status == 0, "\(v.error)")
    #expect(Self.entries(p.dir) == before)
  }
}
