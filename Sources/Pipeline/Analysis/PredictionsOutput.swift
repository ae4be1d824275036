import Conventions
import Datasets
import Foundation
import Reports

/// The file `runner predict` writes: created, or replaced when it is the predictions file the
/// runner wrote there, byte for byte (`OwnedOutput`), or when forced; never one of the inputs.
/// A symbolic link at the path is never written through: it is refused, or with `--force`
/// replaced itself (the atomic rename replaces the link), the file it names left as it is.
public enum PredictionsOutput {
  /// Throws unless `output` may be written for `request`; `force` allows replacing a file or
  /// link the runner did not write (never an input, never a folder, never in `/proc`, `/sys`,
  /// `/dev`).
  public static func check(_ output: String, for request: PredictionRequest, force: Bool)
    throws(OutputFileError)
  {
    try OwnedOutput.check(output, kind: kind, inputs: inputs(of: request), force: force)
  }

  /// What messages call the file.
  public static let kind = "predictions file"

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

  /// Whether writing `output` replaces the input `input`: the same path (an input given as a
  /// link keeps its link), or the same device and inode of `output` itself, a link there not
  /// followed (writing replaces the link), and the file `input` names, through links.
  static func sameFile(_ output: URL, _ input: URL) -> Bool {
    if output.standardizedFileURL.path == input.standardizedFileURL.path { return true }
    let manager = FileManager.default
    guard let x = try? manager.attributesOfItem(atPath: output.path),
      let y = try? manager.attributesOfItem(atPath: input.resolvingSymlinksInPath().path),
      let inodeX = x[.systemFileNumber] as? UInt64, let inodeY = y[.systemFileNumber] as? UInt64,
      let deviceX = x[.systemNumber] as? UInt64, let deviceY = y[.systemNumber] as? UInt64
    else { return false }
    return inodeX == inodeY && deviceX == deviceY
  }
}
