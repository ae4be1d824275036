import Conventions
import Datasets
import Foundation
import Reports

/// Why `runner predict` refused its output file (exit 73): it never overwrites what the runner
/// did not write.
public enum PredictionsOutputError: UserFacingError, Equatable {
  /// The output is one of the command's inputs (`what` names it: the spec, `--data`, `--params`).
  case isInput(output: String, what: String)
  /// The output is a folder.
  case isFolder(output: String)
  /// The output exists and is not a predictions file the runner wrote.
  case foreign(output: String)
  /// The output is in a kernel pseudo-filesystem (`/proc`, `/sys`, `/dev`; `reason` says which).
  case systemFolder(output: String, reason: String)
  /// The output file could not be created (`reason`: its folder is missing, read-only, …).
  case cannotCreate(output: String, reason: String)

  /// Always 73 (EX_CANTCREAT).
  public var exitCode: ExitStatus { .cannotCreate }

  /// The message for the user, starting `error:`, with what to do instead.
  public var description: String {
    switch self {
    case .isInput(let output, let what):
      "error: -o \(output) is \(what), an input of this command; refusing to overwrite it "
        + "(choose another -o)"
    case .isFolder(let output):
      "error: -o \(output) is a folder; name the predictions file to write"
    case .foreign(let output):
      "error: -o \(output) exists and is not a predictions file the runner wrote; refusing to "
        + "overwrite it (choose another -o, move the file away, or pass --force)"
    case .systemFolder(let output, let reason):
      "error: -o \(output): \(reason), where no predictions file can go (choose another -o)"
    case .cannotCreate(let output, let reason):
      "error: cannot create -o \(output): \(reason) (choose a writable place for -o)"
    }
  }
}

/// The file `runner predict` writes: created, or replaced when it is a predictions file the
/// runner wrote (its exact header and row numbers) or when forced; never one of the inputs.
public enum PredictionsOutput {
  /// Throws unless `output` may be written for `request`; `force` allows replacing a file the
  /// runner did not write (never an input, never a folder, never in `/proc`, `/sys`, `/dev`).
  public static func check(_ output: String, for request: PredictionRequest, force: Bool)
    throws(PredictionsOutputError)
  {
    let url = target(output)
    if let reason = SystemFolder.reason(url.path) {
      throw .systemFolder(output: output, reason: reason)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      return
    }
    if isDirectory.boolValue { throw .isFolder(output: output) }
    for (what, input) in inputs(of: request) where sameFile(url, input) {
      throw .isInput(output: output, what: what)
    }
    if !force && !isPredictions(url) { throw .foreign(output: output) }
  }

  /// The file that writing `output` replaces: the file a symbolic link names (followed link by
  /// link, a relative one from its own folder), so that the link stays as it is; else `output`.
  public static func target(_ output: String) -> URL {
    var url = URL(fileURLWithPath: output)
    for _ in 0..<40 {
      guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else {
        break
      }
      url =
        link.hasPrefix("/")
        ? URL(fileURLWithPath: link)
        : url.deletingLastPathComponent().appendingPathComponent(link).standardizedFileURL
    }
    return url
  }

  /// The files `request` reads, each with how messages name it: the spec, the `--data` file
  /// (as the predictor finds it) and every file of the `--params` folder.
  static func inputs(of request: PredictionRequest) -> [(String, URL)] {
    var inputs = [("the spec", URL(fileURLWithPath: request.specPath))]
    let context = try? ExperimentRunner.projectContext(
      specPath: request.specPath, options: request.options)
    let data = context.flatMap { try? Predictor.dataLocator($0).resolve(request.data) }
    inputs.append(("the --data file", URL(fileURLWithPath: data ?? request.data)))
    if let folder = try? SavedParameters.locate(request.parameters, specFile: request.specPath),
      let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    {
      inputs += files.map { ("a file of the --params folder", folder.appendingPathComponent($0)) }
    }
    return inputs
  }

  /// Whether `a` and `b` are the same existing file (the same device and inode: also through a
  /// symbolic or hard link).
  static func sameFile(_ a: URL, _ b: URL) -> Bool {
    let manager = FileManager.default
    guard let x = try? manager.attributesOfItem(atPath: a.path),
      let y = try? manager.attributesOfItem(atPath: b.path),
      let inodeX = x[.systemFileNumber] as? UInt64, let inodeY = y[.systemFileNumber] as? UInt64,
      let deviceX = x[.systemNumber] as? UInt64, let deviceY = y[.systemNumber] as? UInt64
    else { return false }
    return inodeX == inodeY && deviceX == deviceY
  }

  /// Whether `url` holds a predictions table as `PredictionsTable` writes it: the header
  /// `row,label,class[,probability_<class>…]` or `row,value`, rows numbered 0, 1, … with as
  /// many cells as the header.
  static func isPredictions(_ url: URL) -> Bool {
    guard let table = try? CSVTable(contentsOf: url) else { return false }
    let header = table.header
    let classification =
      header.count >= 3 && header[0...2] == ["row", "label", "class"]
      && header.dropFirst(3).allSatisfy { $0.hasPrefix("probability_") }
    guard classification || header == ["row", "value"] else { return false }
    return table.rows.enumerated().allSatisfy { index, row in
      row.count == header.count && row.first == String(index)
    }
  }
}
