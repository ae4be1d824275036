import CCPUID

/// What the processor can run, read with CPUID (x86) and XGETBV (which register states the
/// operating system saves). On other architectures the feature set is empty.
public struct CPUInfo: Sendable, Equatable {
  /// Instruction-set extensions that decide which BLAS kernels can run.
  public enum Feature: String, Sendable, CaseIterable, Comparable {
    /// AMD's 3DNow! (before Zen), which OpenBLAS's Opteron kernels use (`femms`).
    case amd3dnow = "3dnow"
    case sse3, ssse3
    case sse41 = "sse4_1"
    case sse42 = "sse4_2"
    case avx
    /// AMD's four-operand FMA (Bulldozer to Excavator), which OpenBLAS's kernels of those use.
    case fma4
    case fma, avx2
    case avx512f, avx512cd, avx512bw, avx512dq, avx512vl
    case avx512bf16 = "avx512_bf16"

    /// Orders features as declared, oldest extension first (the order of `featureList`).
    public static func < (a: Feature, b: Feature) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  /// `x86_64`, `arm64`, …
  public var architecture: String
  /// `GenuineIntel`, `AuthenticAMD`, … (empty when unknown).
  public var vendor: String
  /// The processor's brand string, e.g. `AMD EPYC 9R14` (empty when unknown).
  public var model: String
  /// The usable extensions (the CPU has them and the OS saves their registers).
  public var features: Set<Feature>

  /// A processor described field by field (`current` is the one this process runs on).
  public init(architecture: String, vendor: String, model: String, features: Set<Feature>) {
    self.architecture = architecture
    self.vendor = vendor
    self.model = model
    self.features = features
  }

  /// True when every extension of AVX-512 that OpenBLAS's SkylakeX kernels use is usable.
  public var hasAVX512: Bool {
    features.isSuperset(of: [.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl])
  }

  /// The features as one text field, `avx avx2 fma …` in a fixed order.
  public var featureList: String { features.sorted().map(\.rawValue).joined(separator: " ") }

  /// The processor this process runs on.
  public static let current: CPUInfo = detect()

  private static func detect() -> CPUInfo {
    #if arch(x86_64)
      let architecture = "x86_64"
    #elseif arch(arm64)
      let architecture = "arm64"
    #else
      let architecture = "other"
    #endif
    guard runner_cpuid_available() != 0 else {
      return CPUInfo(architecture: architecture, vendor: "", model: "", features: [])
    }
    let leaf0 = cpuid(0)
    let vendor = text([leaf0[1], leaf0[3], leaf0[2]])
    let brand = (0x8000_0002...0x8000_0004).map { text(cpuid(UInt32($0))) }.joined()
    let model = brand.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    return CPUInfo(
      architecture: architecture, vendor: vendor, model: model, features: x86Features())
  }

  private static func x86Features() -> Set<Feature> {
    let leaf1 = cpuid(1)
    let leaf7 = cpuid(7)
    let leaf7s1 = cpuid(7, 1)
    let bit = { (register: UInt32, n: Int) in register & (1 << UInt32(n)) != 0 }
    var features: Set<Feature> = []
    let extended = cpuid(0x8000_0000)[0] >= 0x8000_0001 ? cpuid(0x8000_0001) : [0, 0, 0, 0]
    if bit(extended[3], 31) { features.insert(.amd3dnow) }
    if bit(leaf1[2], 0) { features.insert(.sse3) }
    if bit(leaf1[2], 9) { features.insert(.ssse3) }
    if bit(leaf1[2], 19) { features.insert(.sse41) }
    if bit(leaf1[2], 20) { features.insert(.sse42) }
    // AVX registers are usable only when the OS saves them (OSXSAVE, then XCR0 bits 1 and 2).
    guard bit(leaf1[2], 27) else { return features }
    let xcr0 = runner_xgetbv0()
    guard xcr0 & 0x6 == 0x6 else { return features }
    if bit(leaf1[2], 28) { features.insert(.avx) }
    if bit(leaf1[2], 12) { features.insert(.fma) }
    if bit(leaf7[1], 5) { features.insert(.avx2) }
    if bit(extended[2], 16) { features.insert(.fma4) }
    // AVX-512 also needs the opmask and upper-ZMM states (XCR0 bits 5-7).
    guard xcr0 & 0xE0 == 0xE0 else { return features }
    let avx512: [(Int, Feature)] = [
      (16, .avx512f), (17, .avx512dq), (28, .avx512cd), (30, .avx512bw), (31, .avx512vl),
    ]
    for (n, feature) in avx512 where bit(leaf7[1], n) { features.insert(feature) }
    if bit(leaf7s1[0], 5) { features.insert(.avx512bf16) }
    return features
  }

  private static func cpuid(_ leaf: UInt32, _ subleaf: UInt32 = 0) -> [UInt32] {
    var registers = [UInt32](repeating: 0, count: 4)
    _ = registers.withUnsafeMutableBufferPointer { runner_cpuid(leaf, subleaf, $0.baseAddress) }
    return registers
  }

  private static func text(_ registers: [UInt32]) -> String {
    var bytes: [UInt8] = []
    for register in registers {
      for shift in stride(from: UInt32(0), to: 32, by: 8) {
        bytes.append(UInt8((register >> shift) & 0xFF))
      }
    }
    return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
  }
}
