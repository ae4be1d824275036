/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum TFRecord files use,
/// and TFRecord's masked form of it. zlib only has the other CRC-32, so this is a table
/// implementation of its own (256 entries, one byte per step; the files are small).
enum CRC32C {
  /// The byte-at-a-time lookup table.
  private static let table: [UInt32] = (0..<256).map { index in
    var crc = UInt32(index)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    return crc
  }

  /// The CRC-32C of `bytes` (`checksum("123456789") == 0xE3069283`).
  static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }

  /// TFRecord's masked CRC: the checksum rotated right by 15 bits plus 0xA282EAD8.
  static func masked(_ bytes: some Sequence<UInt8>) -> UInt32 {
    let crc = checksum(bytes)
    return ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
  }
}
