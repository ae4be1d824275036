import Conventions

/// A part of a `numeric_environment` value (`RunEnvironment.numericEnvironment`: `x86_64
/// OpenBLAS 0.3.21 Haswell kernel, 1 thread, math library 3a6b65f2`) that can differ between
/// machines, with what makes it equal: the advice of the notes on runs made in different
/// numeric environments names only the parts that differ.
enum NumericEnvironmentPart: CaseIterable, Sendable {
  case architecture, blasVersion, blasKernel, threads, mathLibrary
  /// Anything else the value holds (a part a later version records).
  case other

  /// How far figures made in two numeric environments are apart: rounding starts in the last
  /// digits, and training can amplify it (tester BL-9: a digits trial's dev accuracy moved
  /// from 0.972 to 0.955 on another kernel, and a bayes search chose another best trial).
  static let howFarApart =
    "in the last digits for a stable fit, further where training amplifies the rounding (a "
    + "loss spike; a search choosing by them)"

  /// The part, as the notes name it: `which differ in the C math library`.
  var name: String {
    switch self {
    case .architecture: "the CPU architecture"
    case .blasVersion: "the OpenBLAS version"
    case .blasKernel: "the BLAS kernel"
    case .threads: "the BLAS threads"
    case .mathLibrary: "the C math library"
    case .other: "the numeric environment"
    }
  }

  /// What to keep the same for equal numbers: `rerun both with <remedy>`.
  var remedy: String {
    switch self {
    case .architecture: "one CPU architecture (x86-64 and ARM64 results are never byte-identical)"
    case .blasVersion: "the same OpenBLAS version"
    case .blasKernel:
      "the same BLAS kernel policy (runner.yaml `blas_kernel`, or --blas-kernel; no "
        + "OPENBLAS_CORETYPE)"
    case .threads:
      "the same `threads` (the spec's key, capped at a machine's CPU count: on machines with "
        + "at least that many CPUs)"
    case .mathLibrary:
      "the same C math library (the same glibc version, and the same GLIBC_TUNABLES or none)"
    case .other: "the same numeric environment"
    }
  }

  /// Each part's value in `environment`; a part it does not record is absent.
  static func values(of environment: String) -> [NumericEnvironmentPart: String] {
    var values: [NumericEnvironmentPart: String] = [:]
    var others: [String] = []
    for segment in environment.components(separatedBy: ", ") {
      let words = segment.split(separator: " ").map(String.init)
      if segment.hasPrefix("math library ") {
        values[.mathLibrary] = String(segment.dropFirst("math library ".count))
      } else if words.count == 2, Int(words[0]) != nil, ["thread", "threads"].contains(words[1]) {
        values[.threads] = words[0]
      } else if words.count >= 5, words[1] == "OpenBLAS", words.last == "kernel" {
        values[.architecture] = words[0]
        values[.blasVersion] = words[2]
        values[.blasKernel] = words[3..<(words.count - 1)].joined(separator: " ")
      } else {
        others.append(segment)
      }
    }
    if !others.isEmpty { values[.other] = others.joined(separator: ", ") }
    return values
  }

  /// The parts in which `environments` differ, in this type's order; `.other` alone when they
  /// differ in no part it tells apart.
  static func differing(_ environments: [String]) -> [NumericEnvironmentPart] {
    let all = environments.map(values(of:))
    let parts = allCases.filter { part in Set(all.map { $0[part] }).count > 1 }
    return parts.isEmpty && Set(environments).count > 1 ? [.other] : parts
  }

  /// `which differ in the BLAS kernel and the C math library` for `environments`.
  static func which(_ environments: [String]) -> String {
    "which differ in " + differing(environments).map(\.name).listed()
  }

  /// What makes `environments` equal: `the same BLAS kernel policy (…) and the same …`.
  static func remedy(_ environments: [String]) -> String {
    differing(environments).map(\.remedy).listed()
  }
}
