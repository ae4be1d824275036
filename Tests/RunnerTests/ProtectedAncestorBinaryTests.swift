import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A folder its owner write-protected (`chmod a-w`) gets nothing new inside it, even when the
/// command's target is a missing folder below it (tester BB F1): every command that creates
/// folders is refused (73) naming the protected folder, and nothing is created in it. The
/// tests run as root, whom the kernel lets write anywhere: the runner reads the bits itself.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProtectedAncestorBinaryTests {
  /// A project: `spec.yaml` reading `points.csv`, its runs `results/points` and
  /// `results/other`, a finished sweep of the linear grid in `sweeps/`, and the empty folder
  /// `ro` to protect.
  static func project(label: String = #function) throws -> (dir: URL, spec: String, ro: URL) {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")], label: label)
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results").path
    for extra in [[], ["--set", "output=other"]] {
      let run = try InputFaultBinaryTests.run(
        ["run", spec, "--results-dir", results] + extra, in: dir)
      #expect(run.status == 0, "\(run.error)")
    }
    let sweep = try InputFaultBinaryTests.run(
      [
        "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir",
        dir.appendingPathComponent("sweeps").path,
      ], in: dir)
    #expect(sweep.status == 0, "\(sweep.error)")
    let ro = dir.appendingPathComponent("ro")
    try FileManager.default.createDirectory(at: ro, withIntermediateDirectories: true)
    return (dir, spec, ro)
  }

  /// Every path below `dir`, hidden ones included.
  static func entries(_ dir: URL) -> [String] {
    ((try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? []).sorted()
  }

  /// One command whose target lies in a missing folder below the protected one.
  struct Case: CustomStringConvertible, Sendable {
    var description: String
    /// The folder made write-protected (relative to the project).
    var protected: String
    /// The arguments, given the project folder and the spec.
    var arguments: @Sendable (_ dir: URL, _ spec: String) -> [String]
  }

  static let cases: [Case] = [
    Case(description: "run --results-dir ro/new/deeper", protected: "ro") { dir, spec in
      ["run", spec, "--results-dir", dir.path + "/ro/new/deeper"]
    },
    Case(description: "validate --results-dir ro/new/deeper", protected: "ro") { dir, spec in
      ["validate", spec, "--results-dir", dir.path + "/ro/new/deeper"]
    },
    Case(description: "run of a spec in a protected folder (results/ beside it)", protected: "ro") {
      dir, _ in
      ["run", dir.path + "/ro/spec.yaml"]
    },
    Case(description: "sweep --results-dir ro/new", protected: "ro") { dir, _ in
      ["sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", dir.path + "/ro/new"]
    },
    Case(description: "validate of a sweep --results-dir ro/new", protected: "ro") { dir, _ in
      ["validate", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", dir.path + "/ro/new"]
    },
    Case(description: "merge --into ro/m/sweep-linear-grid", protected: "ro") { dir, _ in
      [
        "merge", dir.path + "/sweeps/sweep-linear-grid", "--into",
        dir.path + "/ro/m/sweep-linear-grid",
      ]
    },
    Case(description: "compare --into ro/c", protected: "ro") { dir, _ in
      [
        "compare", "points", "other", "--results-dir", dir.path + "/results", "--into",
        dir.path + "/ro/c",
      ]
    },
    Case(description: "compare into its default <results>/compare", protected: "results") {
      dir, _ in
      ["compare", "points", "other", "--results-dir", dir.path + "/results"]
    },
    Case(description: "export tensorboard --logdir ro", protected: "ro") { dir, _ in
      ["export", "tensorboard", dir.path + "/results/points", "--logdir", dir.path + "/ro"]
    },
    Case(description: "predict -o ro/a/b/p.csv", protected: "ro") { dir, spec in
      [
        "predict", spec, "--params", dir.path + "/results/points/params", "--data",
        dir.path + "/points.csv", "-o", dir.path + "/ro/a/b/p.csv",
      ]
    },
    Case(description: "data export -o ro/x/d.csv", protected: "ro") { dir, spec in
      ["data", "export", spec, "-o", dir.path + "/ro/x/d.csv"]
    },
  ]

  @Test(arguments: cases)
  func nothingIsCreatedInsideAProtectedFolder(_ c: Case) throws {
    let p = try Self.project(label: c.description)
    let protected = p.dir.appendingPathComponent(c.protected)
    // A spec with its data in the protected folder, for the case whose results go beside it.
    for name in ["spec.yaml", "points.csv"] {
      try FileManager.default.copyItem(
        at: p.dir.appendingPathComponent(name), to: p.ro.appendingPathComponent(name))
    }
    let before = Self.entries(protected)
    #expect(chmod(protected.path, 0o555) == 0)
    defer {
      _ = chmod(protected.path, 0o755)
      try? FileManager.default.removeItem(at: p.dir)
    }
    let r = try InputFaultBinaryTests.run(c.arguments(p.dir, p.spec), in: p.dir)
    #expect(r.status == 73, "\(c): \(r.output)\(r.error)")
    #expect(r.error.contains("\(protected.path) is write-protected"), "\(c): \(r.error)")
    #expect(Self.entries(protected) == before, "\(c)")
  }
}
