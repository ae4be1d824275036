/// A minimal protocol-buffers encoder: the wire format (varints, 64- and 32-bit fixed values,
/// length-delimited fields) for the few messages the exports write by hand (TensorBoard's
/// `Event`, `Summary` and the HParams plugin data). Fields are appended in the order called;
/// callers write them in field-number order, as protobuf's own serializers do, so the bytes
/// equal theirs.
struct ProtobufWriter {
  /// The encoded message so far.
  private(set) var bytes: [UInt8] = []

  /// The wire types used here.
  enum WireType: UInt64 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
  }

  /// Appends `value` as a base-128 varint (least significant group first).
  mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(rest & 0x7f) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// Appends the key of field `number` with wire type `type`.
  mutating func key(_ number: Int, _ type: WireType) {
    varint(UInt64(number) << 3 | type.rawValue)
  }

  /// Appends 8 bytes, little-endian.
  mutating func fixed64(_ value: UInt64) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Appends 4 bytes, little-endian.
  mutating func fixed32(_ value: UInt32) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// A `double` field (fixed64, little-endian IEEE 754); proto3 leaves out 0.
  mutating func double(_ number: Int, _ value: Double) {
    guard value.bitPattern != 0 else { return }
    key(number, .fixed64)
    fixed64(value.bitPattern)
  }

  /// A `float` field (fixed32, little-endian IEEE 754); proto3 leaves out 0.
  mutating func float(_ number: Int, _ value: Float) {
    guard value.bitPattern != 0 else { return }
    key(number, .fixed32)
    fixed32(value.bitPattern)
  }

  /// An `int64` or `int32` or enum field (varint, two's complement); proto3 leaves out 0.
  mutating func int64(_ number: Int, _ value: Int64) {
    guard value != 0 else { return }
    key(number, .varint)
    varint(UInt64(bitPattern: value))
  }

  /// A `bool` field; proto3 leaves out false.
  mutating func bool(_ number: Int, _ value: Bool) {
    guard value else { return }
    key(number, .varint)
    varint(1)
  }

  /// A `bytes` field; proto3 leaves out empty ones unless `always` (a message field that is set
  /// but empty is still written).
  mutating func bytes(_ number: Int, _ value: [UInt8], always: Bool = false) {
    guard always || !value.isEmpty else { return }
    key(number, .lengthDelimited)
    varint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  /// A `string` field (UTF-8); proto3 leaves out the empty string.
  mutating func string(_ number: Int, _ value: String) {
    bytes(number, Array(value.utf8))
  }

  /// An embedded message field, written even when empty (it is set).
  mutating func message(_ number: Int, _ build: (inout ProtobufWriter) -> Void) {
    var inner = ProtobufWriter()
    build(&inner)
    bytes(number, inner.bytes, always: true)
  }
}
