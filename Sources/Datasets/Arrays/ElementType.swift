/// The element type of an array as stored in a file (numpy's dtype names).
public enum ElementType: String, Sendable, Equatable, CaseIterable {
  case bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32, float64

  /// Bytes per element.
  public var byteCount: Int {
    switch self {
    case .bool, .uint8, .int8: return 1
    case .uint16, .int16: return 2
    case .uint32, .int32, .float32: return 4
    case .uint64, .int64, .float64: return 8
    }
  }

  /// Whether the type holds integers only (labels must be integers or integral floats).
  public var isInteger: Bool { self != .float32 && self != .float64 }
}

/// The typed elements of an `NDArray`, kept in the file's own type until converted (a uint8
/// image set stays one byte per value).
public enum ArrayStorage: Sendable, Equatable {
  case bool([Bool])
  case uint8([UInt8])
  case int8([Int8])
  case uint16([UInt16])
  case int16([Int16])
  case uint32([UInt32])
  case int32([Int32])
  case uint64([UInt64])
  case int64([Int64])
  case float32([Float])
  case float64([Double])

  /// The element type.
  public var elementType: ElementType {
    switch self {
    case .bool: return .bool
    case .uint8: return .uint8
    case .int8: return .int8
    case .uint16: return .uint16
    case .int16: return .int16
    case .uint32: return .uint32
    case .int32: return .int32
    case .uint64: return .uint64
    case .int64: return .int64
    case .float32: return .float32
    case .float64: return .float64
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .bool(let a): return a.count
    case .uint8(let a): return a.count
    case .int8(let a): return a.count
    case .uint16(let a): return a.count
    case .int16(let a): return a.count
    case .uint32(let a): return a.count
    case .int32(let a): return a.count
    case .uint64(let a): return a.count
    case .int64(let a): return a.count
    case .float32(let a): return a.count
    case .float64(let a): return a.count
    }
  }

  /// Element `i` as a `Double` (exact for every type except 64-bit integers above 2⁵³).
  public func double(at i: Int) -> Double {
    switch self {
    case .bool(let a): return a[i] ? 1 : 0
    case .uint8(let a): return Double(a[i])
    case .int8(let a): return Double(a[i])
    case .uint16(let a): return Double(a[i])
    case .int16(let a): return Double(a[i])
    case .uint32(let a): return Double(a[i])
    case .int32(let a): return Double(a[i])
    case .uint64(let a): return Double(a[i])
    case .int64(let a): return Double(a[i])
    case .float32(let a): return Double(a[i])
    case .float64(let a): return a[i]
    }
  }

  /// Minimum, maximum and mean, without copying the elements (nil when empty).
  public func range() -> (min: Double, max: Double, mean: Double)? {
    func scan<E>(_ a: [E], _ value: (E) -> Double) -> (Double, Double, Double)? {
      guard !a.isEmpty else { return nil }
      var lo = Double.infinity
      var hi = -Double.infinity
      var sum = 0.0
      for e in a {
        let v = value(e)
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
        sum += v
      }
      return (lo, hi, sum / Double(a.count))
    }
    switch self {
    case .bool(let a): return scan(a) { $0 ? 1 : 0 }
    case .uint8(let a): return scan(a) { Double($0) }
    case .int8(let a): return scan(a) { Double($0) }
    case .uint16(let a): return scan(a) { Double($0) }
    case .int16(let a): return scan(a) { Double($0) }
    case .uint32(let a): return scan(a) { Double($0) }
    case .int32(let a): return scan(a) { Double($0) }
    case .uint64(let a): return scan(a) { Double($0) }
    case .int64(let a): return scan(a) { Double($0) }
    case .float32(let a): return scan(a) { Double($0) }
    case .float64(let a): return scan(a) { $0 }
    }
  }

  /// All elements as `Double`.
  public func doubles() -> [Double] {
    switch self {
    case .float64(let a): return a
    default: return (0..<count).map { double(at: $0) }
    }
  }

  /// Storage of `type` decoded from raw little- or big-endian bytes (numpy/HDF5/IDX payloads).
  static func decode(
    _ bytes: UnsafeRawBufferPointer, as type: ElementType, count: Int, bigEndian: Bool
  ) -> ArrayStorage {
    func load<I: FixedWidthInteger>(_: I.Type) -> [I] {
      [I](unsafeUninitializedCapacity: count) { buf, n in
        for i in 0..<count {
          let raw = bytes.loadUnaligned(fromByteOffset: i * MemoryLayout<I>.size, as: I.self)
          buf[i] = bigEndian ? I(bigEndian: raw) : I(littleEndian: raw)
        }
        n = count
      }
    }
    switch type {
    case .bool: return .bool((0..<count).map { bytes[$0] != 0 })
    case .uint8: return .uint8(Array(bytes[0..<count]))
    case .int8: return .int8(load(Int8.self))
    case .uint16: return .uint16(load(UInt16.self))
    case .int16: return .int16(load(Int16.self))
    case .uint32: return .uint32(load(UInt32.self))
    case .int32: return .int32(load(Int32.self))
    case .uint64: return .uint64(load(UInt64.self))
    case .int64: return .int64(load(Int64.self))
    case .float32: return .float32(load(UInt32.self).map { Float(bitPattern: $0) })
    case .float64: return .float64(load(UInt64.self).map { Double(bitPattern: $0) })
    }
  }
}
