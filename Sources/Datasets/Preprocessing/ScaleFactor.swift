import Engine
import Foundation

/// A constant every feature is multiplied by, kept as a fraction so that `1/255` divides
/// exactly as numpy's `x / 255` does (one correctly rounded division per element, not a
/// multiplication by the rounded reciprocal, which differs in the last bit for some values).
public struct ScaleFactor: Sendable, Equatable, CustomStringConvertible {
  /// The numerator (`1` in `1/255`).
  public var numerator: Double
  /// The denominator (`255` in `1/255`); never zero.
  public var denominator: Double

  /// `numerator / denominator`; throws if the denominator is zero or either part is not finite.
  public init(numerator: Double, denominator: Double = 1) throws {
    guard numerator.isFinite, denominator.isFinite, denominator != 0 else {
      throw DataError.invalidConfiguration(
        "scale factor \(numerator)/\(denominator) is not a finite number with a non-zero denominator"
      )
    }
    self.numerator = numerator
    self.denominator = denominator
  }

  /// Parses `"1/255"`, `"0.5"` or `"2"`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard (1...2).contains(parts.count), let n = Double(parts[0]),
      let d = parts.count == 2 ? Double(parts[1]) : 1
    else {
      throw DataError.invalidConfiguration(
        "scale '\(text)' is not a number or a fraction such as 1/255")
    }
    try self.init(numerator: n, denominator: d)
  }

  /// The factor a spec's number means: `1/n` for the reciprocal of a whole number `n > 1`
  /// (so `scale: 1/255` divides by 255 exactly, as numpy's `x / 255` does), else the number.
  public init(nearest s: Double) throws(DataError) {
    let inverse = (1 / s).rounded()
    let factor =
      s != 0 && abs(1 / s - inverse) < 1e-9 * inverse && inverse > 1
      ? try? ScaleFactor(numerator: 1, denominator: inverse) : try? ScaleFactor(numerator: s)
    guard let factor else { throw .invalidConfiguration("scale: \(s) is not a usable factor") }
    self = factor
  }

  /// The factor as a spec writes it: `1.0/255.0`, or the numerator alone when the denominator is 1.
  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  /// Scales the matrix in place: `x / d` when the numerator is 1, `x * n` when the
  /// denominator is 1, else `(x * n) / d`, each in `T`'s own arithmetic.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func apply<T: Scalar>(to matrix: inout Matrix<T>) {
    let n = T(numerator)
    let d = T(denominator)
    if numerator == 1 {
      matrix.storage.withUnsafeMutableBufferPointer { ScaleKernels.divide($0, by: d) }
    } else if denominator == 1 {
      matrix.storage.withUnsafeMutableBufferPointer { ScaleKernels.multiply($0, by: n) }
    } else {
      matrix.storage.withUnsafeMutableBufferPointer {
        ScaleKernels.multiply($0, by: n)
        ScaleKernels.divide($0, by: d)
      }
    }
  }
}

/// In-place elementwise loops, specialized for the two engine scalars.
enum ScaleKernels {
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func divide<T: Scalar>(_ x: UnsafeMutableBufferPointer<T>, by d: T) {
    for i in x.indices { x[i] = x[i] / d }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func multiply<T: Scalar>(_ x: UnsafeMutableBufferPointer<T>, by n: T) {
    for i in x.indices { x[i] = x[i] * n }
  }
}

extension PreprocessingStep {
  /// `scale` by an exact fraction (`1/255`).
  public static func scale(_ f: ScaleFactor) -> PreprocessingStep {
    .scale(f.numerator / f.denominator)
  }
}
