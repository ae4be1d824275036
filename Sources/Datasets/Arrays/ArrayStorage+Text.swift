import Conventions

extension ArrayStorage {
  /// Element `i` as a CSV field: integers as integers, booleans as 0 and 1, floats in their
  /// shortest round-trip text in their own precision (`CSVCell.format`), as results print them.
  public func text(at i: Int) -> String {
    switch self {
    case .bool(let a): a[i] ? "1" : "0"
    case .uint8(let a): String(a[i])
    case .int8(let a): String(a[i])
    case .uint16(let a): String(a[i])
    case .int16(let a): String(a[i])
    case .uint32(let a): String(a[i])
    case .int32(let a): String(a[i])
    case .uint64(let a): String(a[i])
    case .int64(let a): String(a[i])
    case .float32(let a): CSVCell.format(a[i])
    case .float64(let a): CSVCell.format(a[i])
    }
  }
}
