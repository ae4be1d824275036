import Engine

extension NDArray {
  /// The array as a `(samples, features)` matrix of `T` (float32 or float64).
  ///
  /// A rank-1 array of `m` values becomes `(m, 1)`; rank 2 stays as is; higher ranks are
  /// flattened per sample (`(209, 64, 64, 3)` → `(209, 12288)`, row, column, channel order)
  /// only when `flatten` is true, because silently flattening images is a spec mistake worth
  /// catching. Non-finite values are refused unless `allowNonFinite`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func matrix<T: Scalar>(
    _: T.Type = T.self, flatten: Bool = false, allowNonFinite: Bool = false
  ) throws -> Matrix<T> {
    try checkAxes(flatten: flatten)
    let rows = rank == 0 ? 1 : sampleCount
    let cols = rank == 0 ? 1 : featureCount
    if !allowNonFinite { try checkFinite() }
    return Matrix(rows: rows, cols: cols, storage: ElementConversion.convert(storage, to: T.self))
  }

  /// Throws `invalidValues` at the first NaN or infinity, naming the places of the others.
  func checkFinite() throws {
    guard let bad = firstNonFinite() else { return }
    throw badValues(
      from: bad, where: { !storage.double(at: $0).isFinite },
      because: { "\(storage.double(at: $0)) is not a finite number" })
  }

  /// Throws when the array has more than two axes and is not to be flattened (see `matrix`);
  /// the error names the shape of the file's array, which `np.load` shows.
  func checkAxes(flatten: Bool) throws {
    guard rank > 2 && !flatten else { return }
    throw DataError.shapeMismatch(
      "\(origin): array of shape \(NDArray.describe(sourceShape)) has \(rank) axes; "
        + "add `flatten` to the preprocessing steps to use each sample as one row of \(featureCount) values"
    )
  }

  /// The array as a label column `(m, 1)`: a rank-1 array or an `(m, 1)`/`(1, m)` array.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func labelColumn<T: Scalar>(_: T.Type = T.self) throws -> Matrix<T> {
    let values = try labelValues()
    return Matrix(rows: values.count, cols: 1, storage: values.map { T($0) })
  }

  /// Integer class indices `0..<classCount` (binary labels 0/1, digit classes 0..9).
  ///
  /// Every value must be integral and in range; the error names the first bad sample.
  public func classIndices(classCount: Int? = nil) throws -> [Int] {
    let values = try labelValues()
    var out = [Int](repeating: 0, count: values.count)
    func isIndex(_ v: Double) -> Bool {
      v.isFinite && v == v.rounded() && v >= 0 && v < Double(Int32.max)
    }
    for (i, v) in values.enumerated() {
      guard isIndex(v) else {
        // An integer is shown as one, and told the bound it misses, as a CSV label is.
        let whole = v.isFinite && v == v.rounded() && abs(v) < 0x1p63
        let reason =
          !whole
          ? "is not a class index (a non-negative integer)"
          : v < 0
            ? "out of range: class indices start at 0"
            : "out of range: class indices are below \(Int32.max) (labels are class indices 0 "
              + "to k−1)"
        throw badValues(
          from: i, where: { !isIndex(values[$0]) }, shown: { Self.label(values[$0]) },
          because: { "label \(Self.label(values[$0])) \(reason)" })
      }
      if let k = classCount, Int(v) >= k {
        throw badValues(
          from: i, where: { isIndex(values[$0]) && Int(values[$0]) >= k },
          shown: { "\(Int(values[$0]))" },
          because: { "label \(Int(values[$0])) out of range: \(k) classes take labels 0..\(k - 1)" }
        )
      }
      out[i] = Int(v)
    }
    return out
  }

  /// A label as the file holds it: an integer without `.0` (`2147483653`, `-1`).
  static func label(_ v: Double) -> String {
    v.isFinite && v == v.rounded() && abs(v) < 0x1p63 ? "\(Int64(v))" : "\(v)"
  }

  /// The error for the element at `first`, the first at which `isBad` holds: it names that
  /// element's position with `reason`, then lists the next bad ones (`MorePlaces`). Called only
  /// once an element failed, so the check of the good ones stays one fast scan.
  /// Each listed element is shown as `shown` gives it (by default, as a number); in a part of a
  /// split file the count is the part's.
  func badValues(
    from first: Int, where isBad: @escaping (Int) -> Bool, shown: ((Int) -> String)? = nil,
    because reason: (Int) -> String
  ) -> DataError {
    let rest = (first + 1..<count).lazy.filter(isBad)
    // A part of a split file is checked alone: its places are the ones counted.
    let plain = ("such value", "such values")
    let inPart = ("such value in this part of the data", "such values in this part of the data")
    return DataError.invalidValues(
      file: origin, location: position(ofElement: first),
      reason: reason(first)
        + MorePlaces.listing(rest, sourceRows == nil ? plain : inPart) {
          "\(position(ofElement: $0, counting: false)): \(shown?($0) ?? "\(storage.double(at: $0))")"
        })
  }

  /// Where the element at `flat` (row-major) sits, as numpy indexes it: `index [3, 1], counting
  /// from 0` (`np.unravel_index`).
  /// Without `counting`, the index alone (`index [3, 1]`), as lists of further places show it.
  func position(ofElement flat: Int, counting: Bool = true) -> String {
    if shape.isEmpty { return "its only value" }
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
      index[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    if let sourceRows, rank > 0 { index[0] = sourceRows[index[0]] }
    let text = index.map(String.init).joined(separator: ", ")
    return "index [\(text)]" + (counting ? ", counting from 0" : "")
  }

  /// The index of the first NaN or infinity (only float arrays can hold one), checked on
  /// the concrete element type so that the scan runs at full speed.
  func firstNonFinite() -> Int? {
    switch storage {
    case .float32(let a): return a.firstIndex { !$0.isFinite }
    case .float64(let a): return a.firstIndex { !$0.isFinite }
    default: return nil
    }
  }

  /// The labels as doubles, after checking the array is one value per sample.
  func labelValues() throws -> [Double] {
    let isColumn = rank == 1 || (rank == 2 && (shape[1] == 1 || shape[0] == 1))
    guard isColumn else {
      throw DataError.shapeMismatch(
        "\(origin): labels must hold one value per sample, got shape \(NDArray.describe(shape))")
    }
    let values = storage.doubles()
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw badValues(
        from: bad, where: { !values[$0].isFinite },
        because: { "label \(values[$0]) is not a finite number" })
    }
    return values
  }
}

/// Element-type conversion loops, written per concrete type so that they run at full speed
/// (a generic loop called across modules would go through witness tables per element).
enum ElementConversion {
  static func convert<T: Scalar>(_ storage: ArrayStorage, to: T.Type) -> [T] {
    if T.self == Double.self { return unsafeBitCast(toDouble(storage), to: [T].self) }
    if T.self == Float.self { return unsafeBitCast(toFloat(storage), to: [T].self) }
    return storage.doubles().map { T($0) }
  }

  static func toDouble(_ storage: ArrayStorage) -> [Double] {
    switch storage {
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    case .uint8(let a): return a.map { Double($0) }
    case .int8(let a): return a.map { Double($0) }
    case .uint16(let a): return a.map { Double($0) }
    case .int16(let a): return a.map { Double($0) }
    case .uint32(let a): return a.map { Double($0) }
    case .int32(let a): return a.map { Double($0) }
    case .uint64(let a): return a.map { Double($0) }
    case .int64(let a): return a.map { Double($0) }
    case .float32(let a): return a.map { Double($0) }
    case .float64(let a): return a
    }
  }

  static func toFloat(_ storage: ArrayStorage) -> [Float] {
    switch storage {
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    case .uint8(let a): return a.map { Float($0) }
    case .int8(let a): return a.map { Float($0) }
    case .uint16(let a): return a.map { Float($0) }
    case .int16(let a): return a.map { Float($0) }
    case .uint32(let a): return a.map { Float($0) }
    case .int32(let a): return a.map { Float($0) }
    case .uint64(let a): return a.map { Float($0) }
    case .int64(let a): return a.map { Float($0) }
    case .float32(let a): return a
    case .float64(let a): return a.map { Float($0) }
    }
  }
}
