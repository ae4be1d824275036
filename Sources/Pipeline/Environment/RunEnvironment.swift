import Conventions
import Engine
import Foundation
import Reports

/// What made a run: the runner, the source tree, the toolchain, the machine and the BLAS, as
/// written to `environment.csv`. Like `timings.csv`, the file is outside the byte-identity
/// promise; `numericEnvironment` names what the numbers themselves depend on.
public struct RunEnvironment: Sendable, Equatable {
  /// `(key, value)` rows in the file's order.
  public var fields: [(key: String, value: String)]

  /// Equal when both hold the same (key, value) rows in the same order.
  public static func == (a: RunEnvironment, b: RunEnvironment) -> Bool {
    a.fields.map(\.key) == b.fields.map(\.key) && a.fields.map(\.value) == b.fields.map(\.value)
  }

  /// The value of `key`, if recorded.
  public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

  /// The record key naming the spec a run was made from (an absolute path; a sweep's trials:
  /// the sweep's spec), whose folder its data paths were found from (`runner predict` with the
  /// run's `spec.resolved.yaml` finds them there too). Runs write it; `runner env` has no spec.
  public static let specFileKey = "spec_file"

  /// The record key whose value decides whether two runs can be byte-identical.
  public static let numericKey = "numeric_environment"
  /// The key of the runner's version (`0.32.0`).
  public static let versionKey = "runner_version"

  /// The environment of a run made now from the spec in `specDirectory` with `threads` BLAS
  /// threads asked for (recorded as the threads OpenBLAS runs), having read `files` (the spec and
  /// its data, absolute paths: one untracked in the spec's repository makes `git_dirty` true).
  public static func current(
    specDirectory: String, threads asked: Int, started: Date = Date(), files: [String] = []
  ) -> Self {
    // The threads OpenBLAS runs: a single-threaded build runs 1 whatever it is asked.
    let threads = BLAS.threadsRun(requested: asked)
    let blas = BLASKernelSetup.current
    let core = BLAS.coreName
    let cpu = CPUInfo.current
    let git = GitState.fields(of: specDirectory, files: files)
    return RunEnvironment(fields: [
      (versionKey, RunnerVersion.current),
      ("git_commit", git.commit),
      ("git_dirty", git.dirty),
      ("swift_version", RunnerVersion.swiftVersion),
      ("os", operatingSystem),
      ("architecture", cpu.architecture),
      ("cpu_vendor", cpu.vendor),
      ("cpu_model", cpu.model),
      ("cpu_features", cpu.featureList),
      ("blas_library", "OpenBLAS"),
      ("blas_version", BLAS.version),
      ("blas_build", BLAS.buildConfiguration),
      ("blas_kernel", core),
      ("blas_kernel_policy", blas.map { $0.preset == nil ? "\($0.policy)" : "preset" } ?? "none"),
      (
        "blas_kernel_source",
        blas.map { $0.preset.map { "OPENBLAS_CORETYPE=\($0)" } ?? $0.source } ?? ""
      ),
      ("blas_threads", String(threads)),
      (numericKey, numericEnvironment(core: core, threads: threads, cpu: cpu)),
      ("started_at", timestamp(started)),
    ])
  }

  /// This process's numeric environment for a run asking for `threads` (the `numericKey` value
  /// `current` records), without the rest of the record.
  public static func currentNumericEnvironment(threads asked: Int) -> String {
    numericEnvironment(core: BLAS.coreName, threads: BLAS.threadsRun(requested: asked))
  }

  /// The facts results depend on: the architecture, the BLAS library and version, the
  /// kernel's numeric class (kernels running the same code share one), the thread count and
  /// the math library's fingerprint (`MathLibrary`).
  public static func numericEnvironment(core: String, threads: Int, cpu: CPUInfo = .current)
    -> String
  {
    "\(cpu.architecture) OpenBLAS \(BLAS.version) \(BLASKernel.numericClass(of: core)) kernel, "
      + "\(threads) thread\(threads == 1 ? "" : "s"), math library \(MathLibrary.fingerprint)"
  }

  /// The numeric environment of a results folder: the one value every `environment.csv`
  /// below it records, nil when there is none or they disagree.
  public static func numericEnvironment(of folder: URL) -> String? {
    let values = numericEnvironments(of: folder)
    return values.count == 1 ? values.first : nil
  }

  /// The numeric environments the `environment.csv` files below `folder` record, sorted.
  static func numericEnvironments(of folder: URL) -> [String] {
    recorded(numericKey, below: folder)
  }

  /// The values of `key` the `environment.csv` files below `folder` record, sorted; for a file,
  /// those below the folder holding it. With `keepingAbsent`, a file that records no value
  /// (or an empty one) adds the empty value.
  static func recorded(_ key: String, below folder: URL, keepingAbsent: Bool = false) -> [String] {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
    let folder = exists && !isFolder.boolValue ? folder.deletingLastPathComponent() : folder
    let files = (try? RegressionGate.environmentFiles(in: folder)) ?? []
    return Set(
      files.compactMap {
        let value = RunEnvironment.read(
          from: folder.appendingPathComponent($0).deletingLastPathComponent())?[key]
        return keepingAbsent ? value ?? "" : value
      }.filter { keepingAbsent || !$0.isEmpty }
    ).sorted()
  }

  /// The record as `environment.csv` (`key,value`).
  public var table: CSVTable {
    // Two cells in every row: the table cannot be ragged.
    try! CSVTable(header: ["key", "value"], rows: fields.map { [$0.key, $0.value] })
  }

  /// Reads `environment.csv`; nil when there is none or it is unreadable.
  public static func read(from directory: URL) -> RunEnvironment? {
    let url = directory.appendingPathComponent(ResultsFile.environment)
    guard let table = try? CSVTable(contentsOf: url), table.header == ["key", "value"] else {
      return nil
    }
    return RunEnvironment(fields: table.rows.filter { $0.count == 2 }.map { ($0[0], $0[1]) })
  }

  private static let operatingSystem: String = {
    var name = utsname()
    uname(&name)
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    let kernel = "\(text(name.sysname)) \(text(name.release)) \(text(name.machine))"
    guard let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
      let line = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
    else { return kernel }
    let pretty = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: ["\""])
    return "\(pretty); \(kernel)"
  }()

  private static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
