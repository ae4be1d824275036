import Foundation

/// The C math library's arithmetic, as a fingerprint of its results on fixed inputs.
///
/// Activations, losses, generators and metrics call the system's `exp`, `log`, `tanh`, `pow`,
/// `sin`, `cos`, … (glibc's libm on Linux, Apple's on macOS), and their last bits differ
/// between implementations: glibc 2.36 picks an FMA or an SSE2 variant of `exp`, `log1p`, `sin`
/// and `cos` by the CPU (and `GLIBC_TUNABLES`), and other C libraries round differently
/// again. Two runs can be byte-identical only when these functions return the same bits, so the
/// numeric environment records this fingerprint beside the BLAS kernel.
public enum MathLibrary {
  /// Eight hex digits: FNV-1a over the bits of every function the engine calls, in float64 and
  /// float32, at 2048 points each (e.g. `6ac1f2e0`).
  public static let fingerprint: String = {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ bits: UInt64) {
      hash = (hash ^ bits) &* 0x100_0000_01b3
    }
    let count = 2048
    for index in 0..<count {
      let x = (Double(index) + 0.5) / Double(count)
      let y = -3 + 6 * Double((index * 7919) % count) / Double(count)
      for value in [
        Foundation.exp(-30 + 60 * x), Foundation.log(1e-6 + 1e3 * x),
        Foundation.log10(1e-6 + 1e3 * x), Foundation.log1p(-0.99 + 10 * x),
        Foundation.tanh(-10 + 20 * x), Foundation.sin(-10 + 20 * x),
        Foundation.cos(-10 + 20 * x), Foundation.pow(0.01 + 10 * x, y),
      ] {
        mix(value.bitPattern)
      }
      let f = Float(x)
      for value in [
        Foundation.exp(-30 + 60 * f), Foundation.log(1e-6 + 1e3 * f),
        Foundation.tanh(-10 + 20 * f), Foundation.pow(0.01 + 10 * f, Float(y)),
      ] {
        mix(UInt64(value.bitPattern))
      }
    }
    let text = String(hash >> 32, radix: 16)
    return String(repeating: "0", count: 8 - text.count) + text
  }()
}
