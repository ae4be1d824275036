import Engine
import Foundation
import Specs

extension ExperimentRunner {
  /// Refuses `model.init.from` inside the folder the run writes (`destination`): the run
  /// replaces the parameters it starts from, so every rerun of the same spec would start where
  /// the last one ended and give other numbers. A folder that does not exist yet is left to
  /// the run's own check. A run's folder given stands for its `params/`.
  public static func checkInitSource(_ loaded: LoadedSpec, destination: URL)
    throws(PipelineError)
  {
    guard case .from(let path) = loaded.spec.model.initialization,
      let source = try? SavedParameters.initFolder(path, specFile: loaded.file)
    else { return }
    let folder = destination.standardizedFileURL.resolvingSymlinksInPath().path
    let start = source.resolvingSymlinksInPath().path
    guard start == folder || start.hasPrefix(folder + "/") else { return }
    let diagnostic = loaded.sourceMap.diagnostic(
      .error, at: SpecPath("model.init.from"),
      "model.init.from reads this run's own results folder (\(destination.path)), which the run "
        + "replaces: each rerun would start from the last one's weights",
      note:
        "copy the parameters out first (e.g. `cp -r \(path) warm-start`) and start from the copy")
    throw .spec(.invalid([diagnostic]))
  }
}

extension ExperimentRunner {
  /// Refuses a `model.init.from` a run cannot start from, located at the key, before any data
  /// is read (`runner run` and `runner validate` alike): a missing folder (exit 66); a folder of
  /// runs, one without a network's arrays, a damaged array, an mlp's layers of other widths than
  /// the spec's, or the binary models of one-vs-rest or one-vs-one for a model of another kind
  /// or strategy (exit 65). The first layer's inputs, and the classes a one-vs-rest or
  /// one-vs-one folder was trained on, are checked against the data when the run starts.
  /// Returns the networks read (nil without `from`).
  @discardableResult
  public static func checkInitParameters(_ loaded: LoadedSpec) throws(PipelineError)
    -> SavedNetworks?
  {
    try checkInitParameters(loaded, start: SavedStart())?.networks
  }

  /// `checkInitParameters(_:)` reading the start through `start` (a run given it reads it no
  /// more), with a note per array with values the spec's dtype holds as 0.
  static func checkInitParameters(_ loaded: LoadedSpec, start: SavedStart) throws(PipelineError)
    -> (networks: SavedNetworks, zeroed: [String])?
  {
    guard case .from(let path) = loaded.spec.model.initialization else { return nil }
    let saved: (networks: SavedNetworks, zeroed: [String])?
    do throws(AnalysisError) {
      saved = try start.start(loaded)
    } catch {
      // A remedy on a `help:` line of its own (a damaged array's) is the diagnostic's note.
      let parts = error.description.components(separatedBy: "\nhelp: ")
      let diagnostic = loaded.sourceMap.diagnostic(
        .error, at: SpecPath("model.init.from"), parts[0], note: parts.dropFirst().first)
      guard
        (try? SavedParameters.locate(path, specFile: TrainedSpec.dataAnchor(loaded.file))) != nil
      else {
        throw .data(.fileNotFound(name: path, searched: []), diagnostic: diagnostic)
      }
      throw .spec(.invalid([diagnostic]))
    }
    // An mlp's widths are the spec's, and so is the strategy of binary models: saved layers of
    // other widths, or models of another strategy, are refused before the data (the first
    // layer's inputs, other models' outputs and the classes with it: `LoadedSpec.check`).
    guard let saved, loaded.spec.model.kind == .mlp || saved.networks.strategy != nil,
      let (message, note) = loaded.spec.model.savedMismatch(
        saved.networks, features: nil, classes: nil, targets: 1)
    else { return saved }
    throw .spec(
      .invalid([
        loaded.sourceMap.diagnostic(.error, at: SpecPath("model.init.from"), message, note: note)
      ]))
  }
}

extension ExperimentRunner {
  /// `checkInitParameters`'s refusal, if any, and the spec's warnings to say before it: all of
  /// them, or when it refuses, those not at model.init.from (which speak of a start that
  /// cannot be read, such as the analyses' fine-tuning from it). A start it accepts adds a note
  /// at model.init.from per array with values the spec's dtype holds as 0.
  public static func initParameters(_ loaded: LoadedSpec) -> (
    refusal: PipelineError?, warnings: [Diagnostic]
  ) {
    initParameters(loaded, start: SavedStart())
  }

  /// `initParameters(_:)` reading the start through `start`, for the run to start from.
  static func initParameters(_ loaded: LoadedSpec, start: SavedStart) -> (
    refusal: PipelineError?, warnings: [Diagnostic]
  ) {
    do throws(PipelineError) {
      guard let saved = try checkInitParameters(loaded, start: start) else {
        return (nil, loaded.warnings)
      }
      return (
        nil,
        loaded.warnings
          + saved.zeroed.map {
            loaded.sourceMap.diagnostic(.note, at: SpecPath("model.init.from"), $0)
          }
      )
    } catch {
      let from = loaded.sourceMap.location(of: "model.init.from")
      return (error, loaded.warnings.filter { $0.location != from })
    }
  }
}

extension LoadedSpec {
  /// The spec's rules on the data (`SpecLoader.check`), given the layers `model.init.from`
  /// holds: `runner run` and `runner validate` check saved shapes against the data alike, and
  /// warn alike when that folder is in both the working folder and the spec's folder.
  func check(against facts: DataFacts) -> [Diagnostic] {
    check(
      against: facts, saved: (try? SavedParameters.savedNetworks(for: spec, specFile: file)) ?? nil)
  }

  /// `check(against:)` with the networks `model.init.from` holds already read (`saved`).
  func check(against facts: DataFacts, saved: SavedNetworks?) -> [Diagnostic] {
    var facts = facts
    facts.savedNetworks = saved
    // A start found from where the command is typed is said with the spec's data rules.
    return SpecLoader.check(self, against: facts) + [initFromAmbiguity].compactMap { $0 }
  }
}
