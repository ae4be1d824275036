/// An n-dimensional numeric array read from a file: a shape and typed row-major (C order)
/// storage in the file's own element type.
///
/// The first axis is the sample axis: an image set of shape `(209, 64, 64, 3)` holds 209
/// samples of 12288 values each. Conversion to the engine's `Matrix` (see
/// `NDArray+Matrix.swift`) flattens every sample to one row.
public struct NDArray: Sendable, Equatable {
  /// Extent of every axis; the product is the element count (`[]` is a scalar).
  public let shape: [Int]
  /// The elements in row-major order.
  public let storage: ArrayStorage
  /// Where the array came from ("train_catvnoncat.h5, dataset 'train_set_x'"), for errors.
  public let origin: String
  /// For rows picked out of an array (`samples(_:)`: a split part), each row's index in the
  /// array as read, so that an error names the file's row; nil when the rows are the file's.
  public private(set) var sourceRows: [Int]?
  /// The shape of the array as read (`sourceRows` index its first axis), which errors name:
  /// what `np.load` shows, not a split part's.
  var sourceShape: [Int] {
    guard let sourceSamples, !shape.isEmpty else { return shape }
    return [sourceSamples] + shape.dropFirst()
  }
  /// The number of samples of the array as read, for rows picked out of it.
  private var sourceSamples: Int?

  /// An array over `storage`; throws if the element count does not match the shape.
  public init(shape: [Int], storage: ArrayStorage, origin: String = "array") throws {
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw DataError.shapeMismatch(
        "\(origin): negative extent in shape \(NDArray.describe(shape))")
    }
    let expected = shape.reduce(1, *)
    guard expected == storage.count else {
      throw DataError.shapeMismatch(
        "\(origin): shape \(NDArray.describe(shape)) needs \(expected) elements, got \(storage.count)"
      )
    }
    self.init(checkedShape: shape, storage: storage, origin: origin)
  }

  /// An array whose element count is already known to match `shape`.
  init(checkedShape shape: [Int], storage: ArrayStorage, origin: String) {
    self.shape = shape
    self.storage = storage
    self.origin = origin
  }

  /// The element type.
  public var elementType: ElementType { storage.elementType }
  /// Number of axes.
  public var rank: Int { shape.count }
  /// Total number of elements.
  public var count: Int { storage.count }
  /// Extent of the first axis (1 for a scalar).
  public var sampleCount: Int { shape.first ?? 1 }
  /// Values per sample: the product of all axes but the first.
  public var featureCount: Int { shape.dropFirst().reduce(1, *) }

  /// The array reshaped to `(samples, features)` (numpy's `x.reshape(len(x), -1)`).
  public func flattened() -> NDArray {
    var flat = NDArray(checkedShape: [sampleCount, featureCount], storage: storage, origin: origin)
    flat.sourceRows = sourceRows
    flat.sourceSamples = sourceSamples
    return flat
  }

  /// `(209, 64, 64, 3)`, as numpy prints shapes.
  public static func describe(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// The rows picked by index along the first axis (splits, shuffles).
  public func samples(_ indices: [Int]) -> NDArray {
    let width = featureCount
    func pick<E>(_ a: [E]) -> [E] {
      var out = [E]()
      out.reserveCapacity(indices.count * width)
      for i in indices { out.append(contentsOf: a[(i * width)..<((i + 1) * width)]) }
      return out
    }
    let picked: ArrayStorage
    switch storage {
    case .bool(let a): picked = .bool(pick(a))
    case .uint8(let a): picked = .uint8(pick(a))
    case .int8(let a): picked = .int8(pick(a))
    case .uint16(let a): picked = .uint16(pick(a))
    case .int16(let a): picked = .int16(pick(a))
    case .uint32(let a): picked = .uint32(pick(a))
    case .int32(let a): picked = .int32(pick(a))
    case .uint64(let a): picked = .uint64(pick(a))
    case .int64(let a): picked = .int64(pick(a))
    case .float32(let a): picked = .float32(pick(a))
    case .float64(let a): picked = .float64(pick(a))
    }
    var newShape = shape
    if newShape.isEmpty { newShape = [indices.count] } else { newShape[0] = indices.count }
    var part = NDArray(checkedShape: newShape, storage: picked, origin: origin)
    part.sourceRows = sourceRows.map { rows in indices.map { rows[$0] } } ?? indices
    part.sourceSamples = sourceSamples ?? (shape.isEmpty ? 1 : sampleCount)
    return part
  }
}
