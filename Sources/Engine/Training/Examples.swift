import Conventions

/// A set of examples: features `x: (m, features)` and targets `y`.
///
/// `y` is `(m, outputs)` real values for regression, `(m, 1)` 0/1 labels for binary
/// classification, and `(m, 1)` class indices `0..<k` for multiclass classification.
public struct Examples<T: Scalar>: Sendable, Equatable {
  /// Features `(m, features)`: one example per row.
  public var x: Matrix<T>
  /// Targets, one row per row of `x`: `(m, outputs)` values or `(m, 1)` labels.
  public var y: Matrix<T>

  /// Examples from features and targets with the same number of rows.
  public init(x: Matrix<T>, y: Matrix<T>) {
    self.x = x
    self.y = y
  }

  /// Features with one label per row.
  public init(x: Matrix<T>, labels: [Int]) {
    self.init(x: x, y: Matrix(rows: labels.count, cols: 1, storage: labels.map { T(Double($0)) }))
  }

  /// Number of examples.
  public var count: Int { x.rows }

  /// The targets read as class labels (rounded toward zero).
  public var labels: [Int] { y.storage.map { Int($0.doubleValue) } }

  /// The rows picked by index, in order.
  public func subset(_ indices: [Int]) -> Examples {
    Examples(x: x.rows(indices), y: y.rows(indices))
  }

  /// Checks shapes and finiteness; `name` names the split in messages.
  func validate(name: String, features: Int?) throws(TrainingError) {
    guard x.rows == y.rows else {
      throw .shapeMismatch("\(name) has \(x.rows) feature rows but \(y.rows) target rows")
    }
    if let features, x.cols != features {
      throw .shapeMismatch("\(name) has \(x.cols) features, the training set has \(features)")
    }
    let finiteX = x.storage.withUnsafeBufferPointer {
      $0.isEmpty || Kernels.allFinite($0.baseAddress!, count: $0.count)
    }
    if !finiteX, let i = x.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteInput(
        "\(name) features: row \(i / max(x.cols, 1) + 1), column \(i % max(x.cols, 1) + 1) is \(x.storage[i])"
      )
    }
    if let i = y.storage.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteInput("\(name) targets: row \(i / max(y.cols, 1) + 1) is \(y.storage[i])")
    }
  }
}

extension Examples {
  /// A stable hash of the shapes and of every feature and target value's bits, as 16 hex digits
  /// (the same on every machine): tells a training set from another of the same size. Four
  /// interleaved lanes, so that a large set hashes at memory speed.
  public var contentHash: String {
    var lanes =
      (StableHash.fnv1a("\(x.rows)×\(x.cols),\(y.rows)×\(y.cols)"), 1, 2, 3)
      as (
        UInt64, UInt64, UInt64, UInt64
      )
    for storage in [x.storage, y.storage] {
      storage.withUnsafeBufferPointer { values in
        var i = 0
        while i + 4 <= values.count {
          lanes.0 = StableHash.mix(lanes.0 ^ Double(values[i]).bitPattern)
          lanes.1 = StableHash.mix(lanes.1 ^ Double(values[i + 1]).bitPattern)
          lanes.2 = StableHash.mix(lanes.2 ^ Double(values[i + 2]).bitPattern)
          lanes.3 = StableHash.mix(lanes.3 ^ Double(values[i + 3]).bitPattern)
          i += 4
        }
        for value in values[i...] { lanes.0 = StableHash.mix(lanes.0 ^ Double(value).bitPattern) }
      }
    }
    let combined = StableHash.mix(
      lanes.0 ^ StableHash.mix(lanes.1 ^ StableHash.mix(lanes.2 ^ StableHash.mix(lanes.3))))
    return StableHash.hex(combined)
  }
}
