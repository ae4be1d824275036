import Conventions
import Foundation

/// The project's `runner.yaml`: the data search path and the results directory, both
/// resolved relative to the config file's directory.
///
///     data_path:
///       - ../shared/datasets
///     results_dir: results
///     blas_kernel: reproducible
public struct ProjectConfig: Sendable, Equatable {
  /// The config file's name.
  public static let fileName = "runner.yaml"

  /// The config file (absolute), or nil for the built-in defaults.
  public var file: String?
  /// Absolute directories searched for data files, in order.
  public var dataPath: [String]
  /// Absolute results directory.
  public var resultsDir: String
  /// The BLAS kernel policy (`reproducible`, `fastest` or a kernel name), nil for the default.
  public var blasKernel: String?
  /// Where `blas_kernel`'s value is written, for the error when it names no policy (the
  /// policies are the engine's, checked where it is imported).
  public var blasKernelLocation: SourceLocation?

  /// Defaults when there is no config: no extra data path, `results/` under `directory`.
  public static func defaults(in directory: String) -> ProjectConfig {
    ProjectConfig(file: nil, dataPath: [], resultsDir: absolute("results", relativeTo: directory))
  }

  /// The nearest `runner.yaml` in `directory` or one of its parents; when there is none, in the
  /// folder a linked `directory` really is or its parents (a spec reached through a link to the
  /// project's `experiments/`). One owned by another user is passed over (`distrust`).
  public static func find(from directory: String) -> String? {
    search(from: directory).found
  }

  /// Loads the nearest config above `directory`, or the defaults for `directory` when there is none.
  public static func discover(from directory: String) throws(SpecError) -> ProjectConfig {
    guard let file = find(from: directory) else { return defaults(in: directory) }
    return try load(file: file)
  }

  /// Reads and validates a config file.
  public static func load(file: String) throws(SpecError) -> ProjectConfig {
    try parse(text: SpecLoader.readText(file, document: .projectConfiguration), file: file)
  }

  /// Parses config text; paths resolve relative to `file`'s directory.
  public static func parse(text: String, file: String) throws(SpecError) -> ProjectConfig {
    let root = try YAMLReader(file: file, text: text).read()
      .mapError { SpecError.invalid($0.diagnostics) }.get()
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
    var d = SpecDecoder(file: file, fallbackName: "", allowOutsideResults: true)
    var config = defaults(in: directory)
    config.file = absolute(file, relativeTo: FileManager.default.currentDirectoryPath)
    if let m = d.mapping(root, .root) {
      d.checkKeys(m, .root, allowed: ["data_path", "results_dir", "blas_kernel"])
      config.dataPath = d.field(m, "data_path", in: .root, default: []) { $0.names($1, $2) }
        .map { absolute($0, relativeTo: directory) }
      config.resultsDir = absolute(
        d.field(m, "results_dir", in: .root, default: "results") { $0.name($1, $2) },
        relativeTo: directory)
      config.blasKernel = d.field(m, "blas_kernel", in: .root, default: nil) { $0.name($1, $2) }
      config.blasKernelLocation = d.sourceMap.location(of: SpecPath.root.appending("blas_kernel"))
    }
    if !d.diagnostics.isEmpty { throw .invalid(Diagnostic.sortedByLocation(d.diagnostics)) }
    return config
  }

  /// `path` made absolute against `base` (`~` is not expanded), normalized.
  static func absolute(_ path: String, relativeTo base: String) -> String {
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
    return url.standardizedFileURL.path
  }
}
