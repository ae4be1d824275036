import Conventions
import Engine
import Foundation
import Reports

/// Saved parameters read as torch's `load_state_dict(strict=True)` reads a state dict: every
/// array the model has must be there ("missing"), and an array it has no place for is refused
/// ("unexpected"); a file the folder lists but a link makes unreadable is named for what it is.
extension SavedParameters {
  /// Whether there is something at `url` to read (a regular file, or anything `read` then
  /// names: a folder, a FIFO); false when nothing is there. A symbolic link that leads
  /// nowhere (a loop, or a broken link) throws, named as the data-file readers name it, rather
  /// than passing for a file that is not there; the remedy says it should lead to `what`.
  static func isPresent(_ url: URL, what: String = "the saved array") throws(AnalysisError)
    -> Bool
  {
    let entry = PathEntry.of(url.path)
    switch entry {
    case .symlinkLoop:
      throw .parameters(
        "\(url.path) is \(entry.noun)\nhelp: fix the link so that it points at \(what), "
          + "or remove it")
    case .missing:
      guard PathEntry.linkTarget(url.path) != nil else { return false }
      throw .parameters(
        "\(url.path) is a broken symbolic link (to \(PathEntry.linkEnd(url.path)), which does not "
          + "exist)\nhelp: fix the link so that it points at \(what), or remove it")
    default:
      return true
    }
  }

  /// The refusal of `names` in `directory`, arrays the model has no place for (`why`, a clause
  /// saying so).
  static func unexpectedArrays(_ names: [String], in directory: URL, why: String)
    -> AnalysisError
  {
    let listed = names.map { directory.appendingPathComponent($0).path }
    return .parameters(
      "unexpected array\(names.count == 1 ? "" : "s") \(listed.joined(separator: ", ")): "
        + "\(why)\nhelp: "
        + "remove \(names.count == 1 ? "the file" : "them"), or give the parameters of a "
        + "run of the spec's model")
  }

  /// The refusal of a normalized layer's arrays that are not in `directory` (`missing`).
  static func missingNormalization(_ missing: [String], in directory: URL, layer: Int)
    -> AnalysisError
  {
    let listed = missing.map { directory.appendingPathComponent($0).path }
    let all = missing.count == normalizationArrays.count
    return .parameters(
      "missing array\(missing.count == 1 ? "" : "s") \(listed.joined(separator: ", ")): the "
        + "spec's layer \(layer) is batch-normalized, and a run of it saves its γ, β, running "
        + "mean and variance\nhelp: "
        + (all
          ? "give the parameters of a run whose layer \(layer) is batch-normalized, or start "
            + "from another `init`"
          : "give the folder as the run saved it (restore the missing file)"))
  }

  /// Refuses the `.npy` files in `directory` that none of `networks` (the layers read under
  /// each prefix) reads: a stray array is a sign of another model's folder, or of a damaged
  /// one, and torch refuses it too.
  static func refuseUnread(
    in directory: URL, networks: [(prefix: String, layers: [Initializer.ExplicitLayer])]
  ) throws(AnalysisError) {
    var read = Set<String>()
    for (prefix, layers) in networks {
      for (index, layer) in layers.enumerated() {
        read.insert(ParameterFiles.weights(prefix, layer: index + 1))
        read.insert(ParameterFiles.bias(prefix, layer: index + 1))
        guard layer.normalization != nil else { continue }
        for name in normalizationArrays {
          read.insert(normalizationFile(prefix, layer: index + 1, name))
        }
      }
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { $0.hasSuffix(".npy") && !read.contains($0) }.sorted()
    guard names.isEmpty else {
      throw unexpectedArrays(
        names, in: directory,
        why: "the spec's model has no array of \(names.count == 1 ? "that name" : "those names")")
    }
  }

  /// The link problem of a run's `params/` inside `directory` (a loop, a broken link), when
  /// `directory` holds no arrays because of it.
  static func paramsLinkProblem(in directory: URL) -> AnalysisError? {
    paramsLinkProblem(at: directory.appendingPathComponent(folder))
  }

  /// The link problem at `url` (a loop, a broken link), nil when there is none.
  static func paramsLinkProblem(at url: URL) -> AnalysisError? {
    do throws(AnalysisError) {
      _ = try isPresent(url, what: "the parameters folder")
      return nil
    } catch {
      return error
    }
  }
}
