import Conventions
import Engine
import Foundation
import Reports
import Specs

/// Reading saved parameters back: as the starting point of a run (`init: {from: DIR}`) and as
/// a whole model (`runner predict`).
extension SavedParameters {
  /// The networks `model.init.from` of `spec` holds (nil without it): one network
  /// (`layerK_…`), else the binary models of a one-vs-rest (`classC_layerK_…`) or one-vs-one
  /// (`pairA-B_layerK_…`) run, in the strategy's order. Whether they fit the spec's model is
  /// the spec's rule (`ModelSpec.savedMismatch`).
  public static func savedNetworks(for spec: ExperimentSpec, specFile: String)
    throws(AnalysisError) -> SavedNetworks?
  {
    try readStart(for: spec, specFile: specFile)?.networks
  }

  /// `savedNetworks(for:specFile:)`, with a note per array with values the spec's dtype holds
  /// as 0: found in the pass that refuses a value it holds as infinite (`checkValues`).
  static func readStart(for spec: ExperimentSpec, specFile: String)
    throws(AnalysisError) -> (networks: SavedNetworks, zeroed: [String])?
  {
    guard case .from(let path) = spec.model.initialization else { return nil }
    let directory = try initFolder(path, specFile: specFile)
    // Which layers the spec normalizes: their arrays must all be there, the others' none.
    let normalized = spec.model.layers.map { $0.normalization != .none }
    let binaryModels = ParameterFiles.binaryModels(in: directory)
    if !readsBinaryModels(spec, found: binaryModels != nil) {
      let layers = try readLayers(in: directory, prefix: "", normalized: normalized)
      if !layers.isEmpty {
        try refuseUnread(in: directory, networks: [("", layers)])
        let zeroed = try checkValues(of: spec.dtype, in: directory, prefix: "", layers: layers)
        return (SavedNetworks(single: layers), zeroed)
      }
    }
    guard let binary = binaryModels else {
      if let problem = paramsLinkProblem(in: directory) { throw problem }
      throw .parameters(
        "\(directory.path) has no \(ParameterFiles.weights("", layer: 1)); give an earlier run's folder or its params/ folder"
      )
    }
    var networks: [[ExplicitLayer]] = []
    for prefix in binary.prefixes {
      let network = try readLayers(in: directory, prefix: prefix, normalized: normalized)
      guard !network.isEmpty else {
        throw .parameters(
          "\(directory.path) holds the binary models of a \(binary.strategy.words) run on "
            + "\(binary.classes) classes but no \(ParameterFiles.weights(prefix, layer: 1))")
      }
      networks.append(network)
    }
    try refuseUnread(in: directory, networks: Array(zip(binary.prefixes, networks)))
    var zeroed: [String] = []
    for (prefix, network) in zip(binary.prefixes, networks) {
      zeroed += try checkValues(of: spec.dtype, in: directory, prefix: prefix, layers: network)
    }
    return (SavedNetworks(binary.strategy, classes: binary.classes, networks: networks), zeroed)
  }

  /// Whether `model.init.from` of `spec` reads the binary models of a folder (`found`: it holds
  /// some) rather than its one network. As torch's strict load takes the names to read from
  /// the model: a one-vs-rest or one-vs-one logreg reads its binary models, and a plain
  /// `layer1_…` beside them is a stray array ("unexpected"); any other model reads the one
  /// network, and `classC_…` or `pairA-B_…` beside it are the strays. A folder that holds only
  /// one of the two is read as it is (whether it fits is `ModelKind.mismatch`'s to say).
  static func readsBinaryModels(_ spec: ExperimentSpec, found: Bool) -> Bool {
    guard found else { return false }
    switch spec.model.definition {
    case .logisticRegression(.oneVsRest), .logisticRegression(.oneVsOne): return true
    default: return false
    }
  }

  /// The files `model.init.from` of `spec` (at `specFile`) reads, in reading order, each named
  /// as the folder `resolve` gives followed by the file (`results/src/params/layer1_bias.npy`;
  /// one found in the working folder, not the spec's, by `recordedName`), with its path; empty without `from` or when the folder cannot be found (the run refuses
  /// it then).
  static func initFiles(for spec: ExperimentSpec, specFile: String) -> [(
    name: String, path: String
  )] {
    let anchor = TrainedSpec.dataAnchor(specFile)
    guard case .from(let written) = spec.model.initialization,
      let resolved = try? resolve(written, specFile: anchor),
      let directory = try? locate(resolved, specFile: anchor)
    else { return [] }
    var names: [String] = []
    let binary = ParameterFiles.binaryModels(in: directory)
    let single =
      !readsBinaryModels(spec, found: binary != nil)
      && FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(ParameterFiles.weights("", layer: 1)).path)
    for prefix in single ? [""] : binary?.prefixes ?? [] {
      var layer = 1
      while FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(ParameterFiles.weights(prefix, layer: layer)).path)
      {
        names +=
          [ParameterFiles.weights(prefix, layer: layer), ParameterFiles.bias(prefix, layer: layer)]
          + normalizationArrays.map { normalizationFile(prefix, layer: layer, $0) }
        layer += 1
      }
    }
    // Found in the working folder rather than the spec's: named by where it is.
    let found = recordedName(of: directory, resolved: resolved, specFile: anchor)
    let folder = found.hasSuffix("/") ? found : found + "/"
    return names.map { (folder + $0, directory.appendingPathComponent($0).path) }.filter {
      FileManager.default.fileExists(atPath: $0.path)
    }
  }

  /// The folder `model.init.from: path` names (`resolve`, then `locate`), a relative one found
  /// from the spec's folder as its data files are: for a run's `spec.resolved.yaml`, that of
  /// the spec the run was made from (`TrainedSpec.dataAnchor`), so it runs again as it is.
  static func initFolder(_ path: String, specFile: String) throws(AnalysisError) -> URL {
    let anchor = TrainedSpec.dataAnchor(specFile)
    let resolved: String
    do { resolved = try resolve(path, specFile: anchor) } catch {
      throw .parameters(error.message("model.init.from '\(path)'"))
    }
    return try locate(resolved, specFile: anchor)
  }

  /// The whole model saved in `directory`, with the structure the spec's model gives it, in
  /// `T`: a value `T` holds as infinite is refused, and `note` gets a line per array with values
  /// it holds as 0 (`checkValues`).
  static func model<T: Scalar>(
    in directory: URL, structure: ModelStructure, note: (String) -> Void = { _ in }
  ) throws(AnalysisError) -> TrainedModel<T> {
    func network(_ prefix: String, _ activations: [Engine.Activation]) throws(AnalysisError)
      -> Network<T>
    {
      let layers = try readLayers(
        in: directory, prefix: prefix, modelLayers: activations.count,
        normalized: structure.normalizations.map { $0 != nil })
      guard layers.count == activations.count else {
        let found =
          layers.isEmpty
          ? "no \(ParameterFiles.weights(prefix, layer: 1))"
          : "\(layers.count) layer\(layers.count == 1 ? "" : "s")"
        // A run's folder instead of its params/ folder: say which folder holds them.
        let params = directory.appendingPathComponent(folder)
        var isFolder: ObjCBool = false
        let hint =
          layers.isEmpty
            && FileManager.default.fileExists(atPath: params.path, isDirectory: &isFolder)
            && isFolder.boolValue
          ? " (that is a run's folder: its parameters are in \(params.path))" : ""
        throw .parameters(
          "\(directory.path): found \(found); the spec's model has \(activations.count) layer"
            + "\(activations.count == 1 ? "" : "s")\(hint)")
      }
      for (l, (layer, eps)) in zip(layers, structure.normalizations).enumerated()
      where (layer.normalization == nil) != (eps == nil) {
        throw .parameters(
          "\(directory.path): layer \(l + 1) \(eps == nil ? "has" : "lacks") batch normalization; the spec's model \(eps == nil ? "does not normalize it" : "normalizes it")"
        )
      }
      try checkValues(
        of: T.dtype, in: directory, prefix: prefix, layers: layers, for: .predictions
      ).forEach(note)
      return Network(
        layers: zip(layers, zip(activations, structure.normalizations)).map { layer, options in
          let norm = layer.normalization.map { v in
            BatchNormalization<Double>(
              gamma: v.arrays[0], beta: v.arrays[1], runningMean: v.arrays[2],
              runningVar: v.arrays[3], eps: options.1 ?? 1e-5)
          }
          return DenseLayer(
            weights: Matrix<Double>(layer.weights).converted(), bias: layer.bias.map { T($0) },
            activation: options.0, normalization: norm?.converted())
        })
    }
    switch structure.components {
    case .single:
      return .network(try network("", structure.activations))
    case .oneVsRest(let classes):
      var networks: [Network<T>] = []
      for c in 0..<classes {
        networks.append(try network(ParameterFiles.oneVsRest(c), structure.activations))
      }
      return .oneVsRest(networks)
    case .oneVsOne(let classes):
      var pairs: [TrainedModel<T>.PairwiseNetwork<T>] = []
      for (negative, positive) in Multiclass.pairs(classes: classes) {
        pairs.append(
          TrainedModel<T>.PairwiseNetwork(
            negative: negative, positive: positive,
            network: try network(
              ParameterFiles.oneVsOne(negative, positive), structure.activations)))
      }
      return .oneVsOne(pairs)
    }
  }
}

extension Initializer {
  /// The start `saved` gives: one network's values, or each binary model's own (`perModel`).
  init(starting saved: SavedNetworks) {
    self =
      saved.strategy == nil
      ? .explicit(saved.networks[0]) : .perModel(saved.networks.map { .explicit($0) })
  }
}
