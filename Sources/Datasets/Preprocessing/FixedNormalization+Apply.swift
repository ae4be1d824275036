import Engine

extension FixedNormalization {
  /// `x` with every value made `(x − mean)/std` in `T`, as torchvision's `Normalize` computes
  /// it on a float32 tensor (`sub_(mean).div_(std)`, the constants rounded to `T` first).
  @_specialize(where T == Float) @_specialize(where T == Double)
  func apply<T: Scalar>(to x: inout Matrix<T>) {
    let (shift, divide) = (T(mean), T(std))
    x.storage.withUnsafeMutableBufferPointer { values in
      for i in values.indices { values[i] = (values[i] - shift) / divide }
    }
  }

  /// `x` with every value made `x·std + mean`: the step undone.
  func undo(_ x: inout Matrix<Double>) {
    x.storage = x.storage.map { $0 * std + mean }
  }
}
