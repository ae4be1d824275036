import Conventions

/// The engine's random number generator: xoshiro256** seeded through SplitMix64.
///
/// Our own algorithm, so that a seed gives the same stream on every platform and Swift
/// version (Swift's `SystemRandomNumberGenerator` is unseeded and its algorithms for
/// `Int.random(in:using:)` may change). Every random choice in a run (initial weights,
/// shuffles, splits, bootstrap resamples, generated datasets) draws from a generator
/// passed explicitly, derived from the spec's seed with `derived(_:)`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  /// A generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var sm = SplitMix64(seed: seed)
    s0 = sm.next()
    s1 = sm.next()
    s2 = sm.next()
    s3 = sm.next()
  }

  /// The generator's whole state (four words), for a training checkpoint.
  public var state: [UInt64] { [s0, s1, s2, s3] }

  /// A generator that goes on from `state` (four words from `state`); nil for another count.
  public init?(state: [UInt64]) {
    guard state.count == 4 else { return nil }
    (s0, s1, s2, s3) = (state[0], state[1], state[2], state[3])
  }

  @inline(__always)
  private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = SeededGenerator.rotl(s3, 45)
    return result
  }

  /// A seed derived from `seed` and a stream label (a trial index, a bootstrap round, a
  /// purpose such as "shuffle"): independent streams that do not depend on draw order.
  public static func derive(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
    // The second output of SplitMix64 seeded by the mixed stream.
    StableHash.mix((seed ^ (stream &* 0xD6E8_FEB8_6659_FD93)) &+ 0x9E37_79B9_7F4A_7C15)
  }

  /// A seed derived from `seed` and a textual purpose (FNV-1a of the label).
  public static func derive(_ seed: UInt64, _ label: String) -> UInt64 {
    derive(seed, StableHash.fnv1a(label))
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform integer in `0..<bound` (Lemire's unbiased method; fixed algorithm).
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    var m = next().multipliedFullWidth(by: b)
    if m.low < b {
      let t = (0 &- b) % b
      while m.low < t { m = next().multipliedFullWidth(by: b) }
    }
    return Int(m.high)
  }

  /// A standard normal draw (Box–Muller; both halves used in turn would make the stream
  /// depend on call parity, so each call consumes two uniforms and returns one value).
  public mutating func nextNormal() -> Double {
    var u1 = nextUnit()
    while u1 <= 0 { u1 = nextUnit() }
    let u2 = nextUnit()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }

  /// A Fisher–Yates permutation of `0..<n`.
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    if n < 2 { return p }
    for i in stride(from: n - 1, to: 0, by: -1) {
      let j = nextInt(below: i + 1)
      p.swapAt(i, j)
    }
    return p
  }
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
  import Darwin
  @inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
  @inline(__always) private func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
