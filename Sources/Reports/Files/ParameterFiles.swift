import Conventions
import Foundation
import Vocabulary

/// The names of a run's saved parameters under `params/`, declared once for the pipeline, which
/// writes and reads them (`SavedParameters`), and for the report, which counts a classifier's
/// classes from them: `layerK_weights.npy` and `layerK_bias.npy` (K from 1) of one network,
/// each prefixed `classC_` for one-vs-rest's network of class C, `pairA-B_` for one-vs-one's of
/// classes A and B.
public enum ParameterFiles {
  /// The folder inside a results directory.
  public static let folder = "params"

  /// The prefix of one-vs-rest's network of class `c`.
  public static func oneVsRest(_ c: Int) -> String { "class\(c)_" }
  /// The prefix of one-vs-one's network of classes `a` and `b`.
  public static func oneVsOne(_ a: Int, _ b: Int) -> String { "pair\(a)-\(b)_" }
  /// The weights file of layer `layer` (1-based) of the network with `prefix`.
  public static func weights(_ prefix: String, layer: Int) -> String {
    "\(prefix)layer\(layer)_weights.npy"
  }
  /// The bias file of layer `layer` (1-based) of the network with `prefix`.
  public static func bias(_ prefix: String, layer: Int) -> String {
    "\(prefix)layer\(layer)_bias.npy"
  }

  /// The classes a classifier run in `directory` was trained on (nil without parameters):
  /// one-vs-rest's networks (one per class), one-vs-one's (one per pair of classes), else the
  /// width of the last layer's bias, one unit per class of a softmax (one sigmoid unit: two
  /// classes). Only the header of one file is read. A regression's output width reads the same,
  /// so ask it only of a classifier's figures.
  public static func classes(inRun directory: URL) -> Int? {
    let params = directory.appendingPathComponent(folder)
    if let binary = binaryModels(in: params) { return binary.classes }
    let names = Set((try? FileManager.default.contentsOfDirectory(atPath: params.path)) ?? [])
    guard names.contains(weights("", layer: 1)) else { return nil }
    let last = (1...).prefix { names.contains(bias("", layer: $0)) }.count
    guard last > 0,
      let handle = FileHandle(
        forReadingAtPath: params.appendingPathComponent(bias("", layer: last)).path)
    else { return nil }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
    guard head.starts(with: NPYHead.magic), let dims = NPYHead.dims(head), dims.count == 1
    else { return nil }
    return dims[0] == 1 ? 2 : dims[0]
  }

  /// The binary models whose networks `params` (a `params/` folder) holds, nil when it holds
  /// none: one-vs-rest's `classC_` from class 0 on, else one-vs-one's `pairA-B_` (the classes
  /// are the pairs of class 0 and itself), with the prefix of each model in the strategy's
  /// order (`Multiclass.binaryModels`). A network a pair lacks is the reader's to find.
  public static func binaryModels(in params: URL) -> (
    strategy: Multiclass, classes: Int, prefixes: [String]
  )? {
    let names = Set((try? FileManager.default.contentsOfDirectory(atPath: params.path)) ?? [])
    let perClass = (0...).prefix { names.contains(weights(oneVsRest($0), layer: 1)) }.count
    if perClass > 0 { return (.oneVsRest, perClass, (0..<perClass).map(oneVsRest)) }
    let pairs = (1...).prefix { names.contains(weights(oneVsOne(0, $0), layer: 1)) }.count
    guard pairs > 0 else { return nil }
    let classes = pairs + 1
    return (.oneVsOne, classes, Multiclass.pairs(classes: classes).map { oneVsOne($0, $1) })
  }
}
