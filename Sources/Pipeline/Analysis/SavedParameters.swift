import Datasets
import Engine
import Foundation
import Reports

/// A trained model's learned parameters as `.npy` files under `params/`, one file per array,
/// readable by numpy (`np.load`) and by `init: {from: DIR}` and `runner predict`.
///
/// Layout (weights are `(inputs, outputs)` so that `x @ W + b` is the layer's pre-activation,
/// in the run's dtype):
///
///     params/layer1_weights.npy, params/layer1_bias.npy, layer2_…   one network
///     params/class0_layer1_weights.npy, …                           one-vs-rest: network per class
///     params/pair0-1_layer1_weights.npy, …                          one-vs-one: network per pair
///
/// Activations are not saved: they follow from the spec's model (see `ModelStructure`).
public enum SavedParameters {
  /// The folder inside a results directory.
  public static let folder = ParameterFiles.folder

  /// The file name prefix of each network of `model`, in order ("" for a single network).
  static func prefixes<T: Scalar>(_ model: TrainedModel<T>) -> [(
    prefix: String, network: Network<T>
  )] {
    switch model {
    case .network(let network): return [("", network)]
    case .oneVsRest(let networks):
      return networks.enumerated().map { (ParameterFiles.oneVsRest($0.offset), $0.element) }
    case .oneVsOne(let pairs):
      return pairs.map { (ParameterFiles.oneVsOne($0.negative, $0.positive), $0.network) }
    }
  }

  /// The four batch-normalization arrays of a layer, torch's names: γ, β and running statistics.
  static let normalizationArrays = ["bn_weight", "bn_bias", "bn_running_mean", "bn_running_var"]
  /// Batch-normalization array `name` of layer `layer` (1-based) of the network with `prefix`.
  static func normalizationFile(_ prefix: String, layer: Int, _ name: String) -> String {
    "\(prefix)layer\(layer)_\(name).npy"
  }

  /// The `.npy` files of `model`: (path relative to the results folder, bytes), in a fixed order.
  public static func files<T: Scalar>(of model: TrainedModel<T>) -> [(path: String, bytes: [UInt8])]
  {
    var files: [(String, [UInt8])] = []
    for (prefix, network) in prefixes(model) {
      for (index, layer) in network.layers.enumerated() {
        let weights = array(layer.weights.storage, shape: [layer.inputs, layer.outputs])
        let bias = array(layer.bias, shape: [layer.outputs])
        files.append(
          ("\(folder)/\(ParameterFiles.weights(prefix, layer: index + 1))", NPYFile.encode(weights))
        )
        files.append(
          ("\(folder)/\(ParameterFiles.bias(prefix, layer: index + 1))", NPYFile.encode(bias)))
        if let n = layer.normalization {
          let values = [n.gamma, n.beta, n.runningMean, n.runningVar]
          for (name, v) in zip(normalizationArrays, values) {
            files.append(
              (
                "\(folder)/\(normalizationFile(prefix, layer: index + 1, name))",
                NPYFile.encode(array(v, shape: [layer.outputs]))
              ))
          }
        }
      }
    }
    return files
  }

  /// Values as an array of the run's dtype.
  static func array<T: Scalar>(_ values: [T], shape: [Int]) -> NDArray {
    let storage: ArrayStorage =
      T.dtype == .float32
      ? .float32(values.map { Float($0.doubleValue) }) : .float64(values.map(\.doubleValue))
    // The shape always matches the element count here (weights rows × cols, one bias per output).
    return try! NDArray(shape: shape, storage: storage, origin: "parameters")
  }

  /// The layers saved under `prefix` in `directory`, as float64 values: layer 1, 2, … until
  /// the first missing weights file. Past the `modelLayers` of the model that reads them, a
  /// weights file without its bias is refused as not part of that model (a stray file), not
  /// as a layer missing its bias. `normalized` says which layers the model normalizes (none
  /// past its end), so that batch-normalization arrays are checked as `readNormalization` says.
  static func readLayers(
    in directory: URL, prefix: String, modelLayers: Int? = nil, normalized: [Bool]
  ) throws(AnalysisError) -> [Initializer.ExplicitLayer] {
    var layers: [Initializer.ExplicitLayer] = []
    var previousOutputs = 0
    while true {
      let number = layers.count + 1
      let weightsURL = directory.appendingPathComponent(
        ParameterFiles.weights(prefix, layer: number))
      guard try isPresent(weightsURL) else { break }
      let biasURL = directory.appendingPathComponent(ParameterFiles.bias(prefix, layer: number))
      if let modelLayers, number > modelLayers, try !isPresent(biasURL) {
        throw .parameters(
          "\(weightsURL.path) is not part of this model: the spec's model has \(modelLayers) "
            + "layer\(modelLayers == 1 ? "" : "s") (remove the file, or give the parameters of "
            + "the spec's model)")
      }
      let weights = try read(weightsURL, rank: 2)
      let bias = try read(biasURL, rank: 1)
      guard bias.shape[0] == weights.shape[1] else {
        let transposed =
          bias.shape[0] == weights.shape[0]
          ? " (weights are (inputs, outputs): a (outputs, inputs) W is saved as `W.T`)" : ""
        throw .parameters(
          "\(biasURL.path) holds \(bias.shape[0]) biases but \(weights.shape[1]) outputs in \(weightsURL.lastPathComponent)\(transposed)"
        )
      }
      if number > 1, previousOutputs != weights.shape[0] {
        throw .parameters(
          "\(weightsURL.path) takes \(weights.shape[0]) inputs but layer \(number - 1) has \(previousOutputs) outputs"
        )
      }
      previousOutputs = weights.shape[1]
      let normalizes = normalized.indices.contains(number - 1) && normalized[number - 1]
      layers.append(
        Initializer.ExplicitLayer(
          weights: Matrix(
            rows: weights.shape[0], cols: weights.shape[1], storage: weights.storage.doubles()),
          bias: bias.storage.doubles(),
          normalization: try readNormalization(
            in: directory, prefix: prefix, layer: number, normalizes: normalizes)))
      if let n = layers.last?.normalization, n.count != weights.shape[1] {
        throw .parameters(
          "\(directory.path): layer \(number)'s batch normalization has \(n.count) values but \(weights.shape[1]) outputs"
        )
      }
    }
    return layers
  }

  /// Layer `layer`'s saved batch normalization (its eps left at torch's default: the spec
  /// gives it), or nil when it has none. As torch's `load_state_dict(strict=True)`: a layer
  /// the model normalizes (`normalizes`) needs all four arrays, and one it does not takes
  /// none (a whole set is left to `ModelKind.mismatch`, which names the layer). A negative
  /// running variance is refused: no run saves one, and it would make every evaluation NaN.
  static func readNormalization(
    in directory: URL, prefix: String, layer: Int, normalizes: Bool
  ) throws(AnalysisError) -> ExplicitNormalization? {
    let names = normalizationArrays.map { normalizationFile(prefix, layer: layer, $0) }
    let urls = names.map { directory.appendingPathComponent($0) }
    var found: [String] = []
    for (name, url) in zip(names, urls) where try isPresent(url) { found.append(name) }
    let missing = names.filter { !found.contains($0) }
    if !normalizes, !found.isEmpty, !missing.isEmpty {
      throw unexpectedArrays(
        found, in: directory,
        why: "the spec's layer \(layer) has no normalization, so it has no place for "
          + (found.count == 1 ? "it" : "them"))
    }
    if normalizes, !missing.isEmpty {
      throw missingNormalization(missing, in: directory, layer: layer)
    }
    guard missing.isEmpty else { return nil }
    var values: [[Double]] = []
    for url in urls { values.append(try read(url, rank: 1).storage.doubles()) }
    guard values.allSatisfy({ $0.count == values[0].count }) else {
      throw .parameters(
        "\(directory.path): layer \(layer)'s batch-normalization arrays differ in length")
    }
    if let i = values[3].firstIndex(where: { $0 < 0 }) {
      throw .parameters(
        "\(urls[3].path) holds a negative running variance (\(values[3][i]) at index \(i)); a "
          + "variance is never below 0, and batch normalization would divide by the square "
          + "root of it, making every output NaN\nhelp: give the folder a run saved, or "
          + "replace the array with the layer's true running variance")
    }
    return ExplicitNormalization(
      gamma: values[0], beta: values[1], runningMean: values[2], runningVar: values[3])
  }

  /// One saved array, checked to be a finite floating-point array of the given rank.
  static func read(_ url: URL, rank: Int) throws(AnalysisError) -> NDArray {
    guard try isPresent(url) else {
      throw .parameters("\(url.path) is missing")
    }
    let array: NDArray
    do { array = try NPYFile.read(url.path) } catch {
      // The reader's message names the file itself, mostly: said once.
      let text = "\(error)"
      throw .parameters(text.hasPrefix(url.path) ? text : "\(url.path): \(text)")
    }
    guard array.rank == rank else {
      // The layout said whole: a course's b of shape (n, 1) or W of (outputs, inputs) is the
      // first thing a user exporting weights meets.
      let expected =
        rank == 1
        ? "a 1-D array of the layer's biases (numpy: `b.reshape(-1)`)"
        : "a 2-D array of shape (inputs, outputs), so that x @ W + b is the layer's output "
          + "(the transpose of a (outputs, inputs) W: `W.T`)"
      throw .parameters(
        "\(url.path) has shape \(NDArray.describe(array.shape)); expected \(expected)")
    }
    guard !array.elementType.isInteger else {
      throw .parameters(
        "\(url.path) holds \(array.elementType) values; expected float32 or float64")
    }
    // Said by its shape: a (0, 8) W read as layer widths would be a layer of 0 inputs.
    guard !array.shape.contains(0) else {
      throw .parameters(
        "\(url.path) has shape \(NDArray.describe(array.shape)): an empty array; every layer "
          + "has at least one input and one output")
    }
    if array.storage.doubles().contains(where: { !$0.isFinite }) {
      throw .parameters("\(url.path) holds NaN or infinite values")
    }
    return array
  }

  /// The folder `path` names: absolute as given; relative to the current directory, else to
  /// the spec's folder (the one its data are found from, `ProjectContext.specFolder`).
  public static func locate(_ path: String, specFile: String) throws(AnalysisError) -> URL {
    let specFolder = ProjectContext.specFolder(
      of: URL(fileURLWithPath: specFile).standardizedFileURL)
    let candidates =
      path.hasPrefix("/")
      ? [URL(fileURLWithPath: path)]
      : [
        URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path),
        specFolder.appendingPathComponent(path),
      ]
    for candidate in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return candidate.standardizedFileURL
      }
    }
    // A link that leads nowhere is named for what it is, not as no folder.
    for candidate in candidates {
      if case .parameters(let problem) = paramsLinkProblem(at: candidate) {
        throw .parameters(problem)
      }
    }
    var looked: [String] = []
    for place in candidates.map(\.standardizedFileURL.path) where !looked.contains(place) {
      looked.append(place)
    }
    // An absolute path is looked for where it says: naming it again adds nothing.
    let places = looked == [path] ? "" : " (looked in \(looked.joined(separator: ", ")))"
    throw .parameters(
      "no parameters folder '\(path)'\(places); "
        + "give an earlier run's folder or its params/ folder, e.g. results/cat")
  }
}
