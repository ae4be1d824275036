/// Small deterministic hashes, the same on every platform and Swift version (Swift's `Hasher`
/// is seeded per process): trial IDs, folder-name suffixes, seeds derived from labels.
public enum StableHash {
  /// FNV-1a, 64 bits, over the UTF-8 bytes.
  public static func fnv1a(_ text: String) -> UInt64 { fnv1a(bytes: text.utf8) }

  /// FNV-1a, 64 bits, over raw bytes (checksums of saved files).
  public static func fnv1a(bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return hash
  }

  /// SplitMix64's output function of `x`: a well-mixed 64-bit value.
  public static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9e37_79b9_7f4a_7c15
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }

  /// 16 lowercase hex digits.
  public static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// SplitMix64 (Steele, Lea and Flood): a tiny seeded generator, used to seed larger ones and
/// to draw sweep values.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  /// A generator whose stream is determined by `seed`.
  public init(seed: UInt64) { state = seed }
  /// The next 64 bits: `mix` of the state, which then advances by the golden-ratio increment.
  public mutating func next() -> UInt64 {
    defer { state = state &+ 0x9e37_79b9_7f4a_7c15 }
    return StableHash.mix(state)
  }

  /// A double uniform in [0, 1) from the top 53 bits.
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
