import Conventions
import Foundation
import Reports

/// One experiment of the regression gate's manifest, `results/baseline/gate.csv`: the spec, how
/// it runs (`run` or `sweep`) and the tolerances used when the numeric environment differs
/// from the baseline's.
public struct GateEntry: Sendable, Equatable, CustomStringConvertible {
  /// The baseline folder's name under `results/baseline/`.
  public var name: String
  /// The spec, relative to the project root.
  public var spec: String
  /// `run` or `sweep`.
  public var command: String
  /// Absolute tolerance of numeric cells.
  public var atol: Double
  /// Relative tolerance of numeric cells.
  public var rtol: Double
  /// Relative tolerance of the iteration count of converged optimizers.
  public var iterationTolerance: Double
  /// The manifest's line the entry was read from (0 for one made otherwise).
  public var line = 0

  /// The entry's name: its baseline folder under `results/baseline/`.
  public var description: String { name }

  /// The manifest's file name, in the baselines' folder.
  public static let manifestFile = GateManifest.file

  /// The manifest's columns.
  public static let header = GateManifest.header

  /// The entries of the manifest at `url`.
  public static func load(_ url: URL) throws(GateError) -> [GateEntry] {
    let table: CSVTable
    do { table = try CSVTable(contentsOf: url) } catch {
      if case .missing = error { throw .noManifest(path: url.path) }
      throw .manifest(path: url.path, reason: error.description)
    }
    guard table.header == header else {
      throw .manifest(
        path: url.path, reason: "the header must be \(header.joined(separator: ","))")
    }
    var entries: [GateEntry] = []
    var lineOfName: [String: Int] = [:]
    for (index, row) in table.rows.enumerated() {
      let line = index + 2
      let refuse = { (reason: String) in GateError.row(path: url.path, line: line, reason: reason) }
      if let problem = nameProblem(row[0]) { throw refuse(problem) }
      if let earlier = lineOfName[row[0]] {
        throw refuse(
          "name '\(row[0])' is already the entry of line \(earlier); give each a name of its own")
      }
      lineOfName[row[0]] = line
      if let problem = specProblem(row[1]) { throw refuse(problem) }
      guard ["run", "sweep"].contains(row[2]) else {
        throw refuse("command '\(row[2])' must be run or sweep")
      }
      let numbers = row[3...5].compactMap { CSVCell.number(from: $0) }
      guard numbers.count == 3, numbers.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw refuse(
          "atol, rtol and iteration_rtol must be finite numbers ≥ 0 (got \(row[3...5].joined(separator: ", ")))"
        )
      }
      entries.append(
        GateEntry(
          name: row[0], spec: row[1], command: row[2], atol: numbers[0], rtol: numbers[1],
          iterationTolerance: numbers[2], line: line))
    }
    return entries
  }

  /// Why `name` cannot name a baseline folder: it must be a plain folder name inside
  /// `results/baseline/` (not blank, no `/`, not `.` or `..`, not hidden: the gate keeps its
  /// earlier and partial baselines as `.previous-NAME` and `.recording-NAME`), nor the manifest's.
  static func nameProblem(_ name: String) -> String? {
    let plain =
      ResultsFile.isPlainFolderName(name) && name == name.trimmingCharacters(in: .whitespaces)
      && name != manifestFile
    return plain
      ? nil
      : "name '\(name)' must be a plain folder name inside results/baseline (not blank, no '/', "
        + "not '.', '..' or a hidden name such as .history, not gate.csv), e.g. xor-mlp-sigmoid"
  }

  /// Why `spec` cannot name the entry's spec: it must be a path relative to the project root
  /// (an absolute one is refused, not re-rooted: the gate runs the project's own specs).
  static func specProblem(_ spec: String) -> String? {
    if spec.trimmingCharacters(in: .whitespaces).isEmpty {
      return "spec is blank; name the spec relative to the project root, e.g. experiments/xor.yaml"
    }
    guard spec.hasPrefix("/") || spec.hasPrefix("~") else { return nil }
    return "spec '\(spec)' must be a path relative to the project root (the folder holding "
      + "results/baseline/), e.g. experiments/\((spec as NSString).lastPathComponent)"
  }

  /// How results are compared when the numeric environments differ: the entry's tolerances,
  /// `seed` columns exactly, converged iteration counts within `iterationTolerance`.
  public var toleranceOptions: DiffOptions {
    DiffOptions(
      absoluteTolerance: atol, relativeTolerance: rtol, columnTolerances: ["seed": 0],
      convergedIterationTolerance: iterationTolerance)
  }
}

/// Why the gate could not check.
public enum GateError: UserFacingError {
  /// There is no manifest at `path` (the gate ran outside the project folder).
  case noManifest(path: String)
  /// The manifest is malformed or unreadable.
  case manifest(path: String, reason: String)
  /// A row of the manifest (at `line`) is refused: a name that is no plain folder name, a
  /// duplicate name, an absolute spec path, another command, a tolerance not finite and ≥ 0,
  /// a command other than the spec's (`run` for a spec declaring `sweep:`).
  case row(path: String, line: Int, reason: String)
  /// The spec named at `line` of the manifest `path` is missing: `spec` as written, found at
  /// `resolved` under the project root.
  case missingSpec(path: String, line: Int, spec: String, resolved: String)
  /// A baseline or results folder could not be read.
  case unreadable(path: String, reason: String)
  /// No entry of that name.
  case unknownEntry(String, known: [String])
  /// A baseline could not be recorded (a full disk); the earlier one is left in place.
  case cannotRecord(path: String, reason: String)
  /// `.previous-<name>`, where recording keeps the earlier baseline, or `.recording-<name>`,
  /// where it writes the new one first, is someone else's.
  case inTheWay(path: String)
  /// The work folder of the fresh runs cannot be made in the temporary directory.
  case workFolder(path: String, reason: String)
  /// Recording would replace baseline `path`, but `protected` (the baseline, a file in it, or
  /// the folder holding it) is write-protected: nothing is recorded.
  case protected(path: String, protected: String)
  /// `--record` under kernel `used` (chosen by `chosen`), of another numeric class than
  /// `wanted`, the one the project's `policy` gives here: nothing is recorded.
  case offPolicyKernel(used: String, chosen: String, wanted: String, policy: String)

  /// 66 for a missing manifest or spec, 65 for a malformed one or an unreadable folder, 64 for an
  /// unknown entry name or a recording under another kernel than the project's, 73 for a
  /// baseline that cannot be written, a folder in the way or no work folder.
  public var exitCode: ExitStatus {
    switch self {
    case .noManifest, .missingSpec: .noInput
    case .manifest, .row, .unreadable: .dataError
    case .unknownEntry, .offPolicyKernel: .usage
    case .cannotRecord, .inTheWay, .workFolder, .protected: .cannotCreate
    }
  }

  /// The message for the user, starting `error:`; an unknown entry lists the known ones.
  public var description: String {
    switch self {
    case .noManifest(let path):
      "error: \(path): no such file; run the gate in the project folder that holds "
        + "results/baseline/, or name that folder with --root"
    case .manifest(let path, let reason): "error: \(path): \(reason)"
    case .row(let path, let line, let reason): "error: \(path):\(line): \(reason)"
    case .missingSpec(let path, let line, let spec, let resolved):
      "error: \(path):\(line): spec '\(spec)' names no file (\(resolved) does not exist); "
        + "correct the spec column (the spec's path relative to the project root, the folder "
        + "holding \(RegressionGate.baselineFolder)/), or remove the line"
    case .unreadable(let path, let reason): "error: cannot read \(path): \(reason)"
    case .unknownEntry(let name, let known):
      "error: no gate entry named '\(name)' (known: \(known.joined(separator: ", ")))"
    case .cannotRecord(let path, let reason):
      "error: cannot write \(path): \(reason); the earlier baseline is as it was: "
        + "\(WriteFailureAdvice.action(reason: reason)), then record again"
    case .inTheWay(let path) where (path as NSString).lastPathComponent.hasPrefix(".recording-"):
      "error: \(path) is in the way: recording writes the new baseline under that name first, "
        + "and it is not marked as one the runner made; move it away, then record again"
    case .inTheWay(let path):
      "error: \(path) is in the way: recording keeps the earlier baseline under that name, and "
        + "it is not marked as one the runner moved aside; move it away, then record again"
    case .protected(let path, let protected):
      "error: cannot record \(path): \(protected) is write-protected (its owner may not write "
        + "it); the runner leaves it as it is, and no baseline was recorded: make it writable "
        + "(chmod -R u+w \(protected.shellQuoted)), or record the other entries by name"
    case .offPolicyKernel(let used, let chosen, let wanted, let policy):
      "error: --record under the \(used) BLAS kernel (\(chosen)), not the project's \(wanted) "
        + "(\(policy)): a baseline is compared byte for byte only where the gate runs with the "
        + "kernel it was recorded with, so this one would be checked only within tolerances "
        + "everywhere else; nothing was recorded: record without that setting"
    case .workFolder(let path, let reason):
      "error: cannot make the gate's work folder \(path): \(reason); set TMPDIR to a writable "
        + "folder, then run the gate again"
    }
  }
}
