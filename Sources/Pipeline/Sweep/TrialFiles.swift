import Conventions
import Foundation
import Reports

/// The files besides `summary.csv` that every trial marked ok holds, as the runner wrote them,
/// and how each is checked before the trial counts as complete: `metrics.csv` (whole and a CSV
/// table: the report plots it), `spec.resolved.yaml` (whole UTF-8 text: the report describes the
/// sweep by it, `runner predict` reads it) and the networks under `params/` (every layer's
/// weights and bias, readable `.npy` arrays whose shapes chain: `runner predict` and
/// `init.from` read them); every trial the runner wrote keeps them, and only a folder without
/// its `timings.csv` (the gate's baselines keep neither) may lack `params/`.
/// The check reads no data and needs no spec, so a layer removed with both its files from the
/// end of a network is not seen (`runner predict` refuses that model).
enum TrialFiles {
  /// A file that is not whole: what is wrong with it, naming it.
  struct Damage: Error {
    let text: String
  }

  /// Why a file of the ok trial in `folder` other than `summary.csv` is not whole; nil when
  /// every one is.
  static func damage(in folder: URL) -> String? {
    if case .failure(let damage) = table(folder.appendingPathComponent(ResultsFile.metrics)) {
      return damage.text
    }
    if case .failure(let damage) = wholeText(
      folder.appendingPathComponent(ResultsFile.resolvedSpec))
    {
      return damage.text
    }
    let params = folder.appendingPathComponent(ParameterFiles.folder)
    let kept = FileManager.default.fileExists(
      atPath: folder.appendingPathComponent(ResultsFile.timings).path)
    if kept, !FileManager.default.fileExists(atPath: params.path) {
      return "\(params.path)/ is missing"
    }
    return parametersDamage(in: params)
  }

  /// The text of the runner-written file `file`, or why it is not whole: missing, unreadable,
  /// not UTF-8, empty or cut short (the runner ends every line with `\n`; CRLF text through
  /// git's autocrlf is whole too, "\r\n" being one Character), or holding NUL bytes.
  static func wholeText(_ file: URL) -> Result<String, Damage> {
    let text: String
    do { text = try AtomicFile.read(file) } catch {
      switch error {
      case .missing: return .failure(Damage(text: "\(file.path) is missing"))
      case .cannotRead(_, let reason):
        return .failure(Damage(text: "\(file.path) cannot be read (\(reason))"))
      default: return .failure(Damage(text: "\(error)"))
      }
    }
    if text.isEmpty { return .failure(Damage(text: "\(file.path) is empty")) }
    guard text.unicodeScalars.last == "\n" else {
      return .failure(Damage(text: "\(file.path) is cut short (no final line end)"))
    }
    if text.unicodeScalars.contains("\0") {
      return .failure(Damage(text: "\(file.path) holds NUL bytes"))
    }
    return .success(text)
  }

  /// The CSV table of the runner-written file `file`, or why it is not whole (`wholeText`, or
  /// not a table: a row of another width than the header's, …).
  static func table(_ file: URL) -> Result<CSVTable, Damage> {
    switch wholeText(file) {
    case .failure(let damage): return .failure(damage)
    case .success(let text):
      do { return .success(try CSVTable(parsing: text)) } catch {
        return .failure(Damage(text: "\(file.path) does not parse (\(error))"))
      }
    }
  }

  /// Why the networks saved in `params` (a trial's `params/` folder) cannot be read back as
  /// `runner predict` reads them: one network (`layerK_…`), else each binary model's; nil when
  /// they can.
  static func parametersDamage(in params: URL) -> String? {
    // A trial kept without its parameters (`damage` decides) is whole here.
    guard FileManager.default.fileExists(atPath: params.path) else { return nil }
    do {
      let single = normalizedLayers(in: params, prefix: "")
      if try !SavedParameters.readLayers(in: params, prefix: "", normalized: single).isEmpty {
        return nil
      }
      guard let binary = ParameterFiles.binaryModels(in: params) else {
        return "\(params.appendingPathComponent(ParameterFiles.weights("", layer: 1)).path) is "
          + "missing"
      }
      for prefix in binary.prefixes {
        let normalized = normalizedLayers(in: params, prefix: prefix)
        if try SavedParameters.readLayers(in: params, prefix: prefix, normalized: normalized)
          .isEmpty
        {
          return "\(params.appendingPathComponent(ParameterFiles.weights(prefix, layer: 1)).path) "
            + "is missing"
        }
      }
    } catch .parameters(let message) {
      // What is wrong, as `init.from` says it, without its advice (after `help: `, as the
      // diagnostics write it): the sweep runs the trial again.
      return message.components(separatedBy: "\nhelp: ")[0]
    } catch {
      return "\(error)"
    }
    return nil
  }

  /// Which layers of the network saved under `prefix` in `params` hold any batch-normalization
  /// array: those are read as normalized, so a partial set is damage (`SavedParameters` names
  /// the missing array), as the trial's spec is not read here.
  static func normalizedLayers(in params: URL, prefix: String) -> [Bool] {
    func exists(_ name: String) -> Bool {
      FileManager.default.fileExists(atPath: params.appendingPathComponent(name).path)
    }
    var flags: [Bool] = []
    while exists(ParameterFiles.weights(prefix, layer: flags.count + 1)) {
      let layer = flags.count + 1
      flags.append(
        SavedParameters.normalizationArrays.contains {
          exists(SavedParameters.normalizationFile(prefix, layer: layer, $0))
        })
    }
    return flags
  }
}
