extension ArrayStorage {
  /// Elements stored in Fortran (column-major) order for `shape`, reordered to C order.
  func fortranToC(shape: [Int]) -> ArrayStorage { reordered(shape: shape, fortranSource: true) }

  /// Elements in C order for `shape`, reordered to Fortran order (for writing fixtures).
  func cToFortran(shape: [Int]) -> ArrayStorage { reordered(shape: shape, fortranSource: false) }

  private func reordered(shape: [Int], fortranSource: Bool) -> ArrayStorage {
    func go<E>(_ a: [E]) -> [E] { Layout.reorder(a, shape: shape, fortranSource: fortranSource) }
    switch self {
    case .bool(let a): return .bool(go(a))
    case .uint8(let a): return .uint8(go(a))
    case .int8(let a): return .int8(go(a))
    case .uint16(let a): return .uint16(go(a))
    case .int16(let a): return .int16(go(a))
    case .uint32(let a): return .uint32(go(a))
    case .int32(let a): return .int32(go(a))
    case .uint64(let a): return .uint64(go(a))
    case .int64(let a): return .int64(go(a))
    case .float32(let a): return .float32(go(a))
    case .float64(let a): return .float64(go(a))
    }
  }

  /// The raw bytes of the elements in the given byte order.
  func encodedBytes(bigEndian: Bool) -> [UInt8] {
    func bytes<I: FixedWidthInteger>(_ a: [I]) -> [UInt8] {
      var out = [UInt8]()
      out.reserveCapacity(a.count * MemoryLayout<I>.size)
      for v in a {
        let ordered = bigEndian ? v.bigEndian : v.littleEndian
        withUnsafeBytes(of: ordered) { out.append(contentsOf: $0) }
      }
      return out
    }
    switch self {
    case .bool(let a): return a.map { $0 ? 1 : 0 }
    case .uint8(let a): return a
    case .int8(let a): return bytes(a)
    case .uint16(let a): return bytes(a)
    case .int16(let a): return bytes(a)
    case .uint32(let a): return bytes(a)
    case .int32(let a): return bytes(a)
    case .uint64(let a): return bytes(a)
    case .int64(let a): return bytes(a)
    case .float32(let a): return bytes(a.map(\.bitPattern))
    case .float64(let a): return bytes(a.map(\.bitPattern))
    }
  }
}

/// Index arithmetic between C (row-major) and Fortran (column-major) layouts.
enum Layout {
  /// `a` reordered between layouts: with `fortranSource`, `a` is column-major and the result
  /// row-major; otherwise the reverse.
  static func reorder<E>(_ a: [E], shape: [Int], fortranSource: Bool) -> [E] {
    let n = a.count
    guard n > 1, shape.count > 1 else { return a }
    // Fortran strides: axis 0 varies fastest.
    var fStrides = [Int](repeating: 1, count: shape.count)
    for k in 1..<shape.count { fStrides[k] = fStrides[k - 1] * shape[k - 1] }
    var index = [Int](repeating: 0, count: shape.count)
    var fOffset = 0
    var out = [E]()
    out.reserveCapacity(n)
    if fortranSource {
      // Walk C order (last axis fastest), reading the Fortran offset.
      for _ in 0..<n {
        out.append(a[fOffset])
        var k = shape.count - 1
        while k >= 0 {
          index[k] += 1
          fOffset += fStrides[k]
          if index[k] < shape[k] { break }
          fOffset -= fStrides[k] * shape[k]
          index[k] = 0
          k -= 1
        }
      }
      return out
    }
    // C source: walk Fortran order (first axis fastest), reading the C offset.
    var cStrides = [Int](repeating: 1, count: shape.count)
    for k in stride(from: shape.count - 2, through: 0, by: -1) {
      cStrides[k] = cStrides[k + 1] * shape[k + 1]
    }
    var cOffset = 0
    for _ in 0..<n {
      out.append(a[cOffset])
      var k = 0
      while k < shape.count {
        index[k] += 1
        cOffset += cStrides[k]
        if index[k] < shape[k] { break }
        cOffset -= cStrides[k] * shape[k]
        index[k] = 0
        k += 1
      }
    }
    return out
  }
}
