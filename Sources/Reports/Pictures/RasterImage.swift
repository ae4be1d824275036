import Foundation

/// An 8-bit grayscale or RGB image, row-major, written as a PNG (for pictures embedded in SVG).
public struct RasterImage: Sendable, Equatable {
  /// Pixels per row.
  public var width: Int
  /// Rows.
  public var height: Int
  /// 1 (grayscale) or 3 (RGB).
  public var channels: Int
  /// `height × width × channels` bytes, row by row.
  public var pixels: [UInt8]

  /// An image of `pixels` (`height × width × channels` bytes, row-major).
  public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    precondition(channels == 1 || channels == 3, "a raster image has 1 or 3 channels")
    precondition(pixels.count == width * height * channels, "pixel count matches the shape")
    self.width = width
    self.height = height
    self.channels = channels
    self.pixels = pixels
  }

  /// An image of real values mapped linearly from `range` onto 0...255 (clamped; a constant
  /// range maps to mid-gray).
  public init(
    width: Int, height: Int, channels: Int, values: [Double], range: ClosedRange<Double>
  ) {
    let span = range.upperBound - range.lowerBound
    let pixels = values.map { v -> UInt8 in
      guard span > 0, v.isFinite else { return 128 }
      return UInt8(max(0, min(255, ((v - range.lowerBound) / span * 255).rounded())))
    }
    self.init(width: width, height: height, channels: channels, pixels: pixels)
  }

  /// The PNG file: filter 0 on every row, deflate in stored (uncompressed) blocks, so the bytes
  /// depend on nothing but the pixels.
  public var png: [UInt8] {
    var raw: [UInt8] = []
    raw.reserveCapacity(height * (width * channels + 1))
    let stride = width * channels
    for row in 0..<height {
      raw.append(0)
      raw += pixels[(row * stride)..<((row + 1) * stride)]
    }
    var zlib: [UInt8] = [0x78, 0x01]
    var offset = 0
    repeat {
      let count = min(65_535, raw.count - offset)
      let final: UInt8 = offset + count == raw.count ? 1 : 0
      zlib += [final, UInt8(count & 0xFF), UInt8(count >> 8)]
      zlib += [UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
      zlib += raw[offset..<(offset + count)]
      offset += count
    } while offset < raw.count
    zlib += Self.bigEndian(Self.adler32(raw))
    var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
    header += [8, channels == 3 ? 2 : 0, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Self.chunk("IHDR", header)
      + Self.chunk("IDAT", zlib) + Self.chunk("IEND", [])
  }

  /// The PNG as a `data:` URI, for an SVG `<image href>`.
  public var dataURI: String { "data:image/png;base64," + Data(png).base64EncodedString() }

  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typed = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [
      UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8(value & 0xFF),
    ]
  }

  static let crcTable: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC-32 of PNG chunks (ISO 3309).
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }

  /// zlib's Adler-32 checksum.
  static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
      a = (a + UInt32(byte)) % 65_521
      b = (b + a) % 65_521
    }
    return b << 16 | a
  }
}
