/// How the runner chooses OpenBLAS's compute kernel (its `OPENBLAS_CORETYPE`).
///
/// OpenBLAS built with DYNAMIC_ARCH picks a kernel for the CPU when it loads, and results
/// depend on the kernel: a product summed in another order rounds differently. Left alone,
/// Debian's 0.3.21 also falls back to its slow Prescott kernel on some AVX-512 CPUs. The
/// policy makes the choice explicit and the same on every machine that can run it.
public enum BLASKernelPolicy: Sendable, Equatable, CustomStringConvertible {
  /// One kernel for every x86-64 CPU with AVX2 and FMA (Haswell), so Intel and AMD machines
  /// give byte-identical results. The default.
  case reproducible
  /// The fastest kernel this CPU supports (AVX-512 kernels only where the CPU has them).
  case fastest
  /// One named OpenBLAS kernel, e.g. `Haswell`; refused when the CPU cannot run it.
  case kernel(String)

  /// The policy's spelling: `reproducible`, `fastest` or the kernel's name.
  public var description: String {
    switch self {
    case .reproducible: "reproducible"
    case .fastest: "fastest"
    case .kernel(let name): name
    }
  }

  /// The kernel every reproducible run uses on x86-64 CPUs with AVX2 and FMA.
  public static let reproducibleKernel = "Haswell"

  /// Parses `reproducible`, `fastest` or a kernel name (any case); nil for anything else.
  public init?(_ text: String) {
    switch text.lowercased() {
    case "reproducible": self = .reproducible
    case "fastest": self = .fastest
    default:
      guard let kernel = BLASKernel.named(text) else { return nil }
      self = .kernel(kernel.name)
    }
  }

  /// The values `init?(_:)` accepts, for messages.
  public static var accepted: String {
    "reproducible, fastest or a kernel (\(BLASKernel.all.map(\.name).joined(separator: ", ")))"
  }

  /// The kernel to load on `cpu`, nil to leave the choice to OpenBLAS (no x86 kernel fits).
  public func kernel(for cpu: CPUInfo) throws(BLASKernelError) -> String? {
    guard cpu.architecture == "x86_64" else {
      if case .kernel(let name) = self { throw .notThisArchitecture(name, cpu.architecture) }
      return nil
    }
    switch self {
    case .reproducible:
      // Haswell's kernels on every AVX2 CPU; older CPUs get the best one they can run, which
      // is at least never Prescott's where something better runs.
      return BLASKernel.all.last { $0.name == Self.reproducibleKernel && $0.runs(on: cpu) }?.name
        ?? BLASKernel.fastest(on: cpu)?.name
    case .fastest:
      return BLASKernel.fastest(on: cpu)?.name
    case .kernel(let name):
      let kernel = BLASKernel.named(name)!
      guard kernel.runs(on: cpu) else {
        throw .unsupported(name, missing: kernel.required.subtracting(cpu.features))
      }
      return kernel.name
    }
  }
}

/// An OpenBLAS x86-64 kernel the policy can choose, with the extensions it needs.
public struct BLASKernel: Sendable, Equatable {
  /// OpenBLAS's name for it (`OPENBLAS_CORETYPE`, `openblas_get_corename()` in any case).
  public let name: String
  /// The instruction-set extensions its code uses.
  public let required: Set<CPUInfo.Feature>
  /// Kernels whose arithmetic is the same code (byte-identical results): OpenBLAS's Zen
  /// target uses the Haswell kernels.
  public let numericClass: String

  /// The kernels, slowest first.
  public static let all: [BLASKernel] = [
    BLASKernel(name: "Prescott", required: [.sse3], numericClass: "Prescott"),
    BLASKernel(
      name: "Nehalem", required: [.sse3, .ssse3, .sse41, .sse42], numericClass: "Nehalem"),
    BLASKernel(name: "Sandybridge", required: [.avx], numericClass: "Sandybridge"),
    BLASKernel(name: "Zen", required: [.avx, .avx2, .fma], numericClass: "Haswell"),
    BLASKernel(name: "Haswell", required: [.avx, .avx2, .fma], numericClass: "Haswell"),
    BLASKernel(
      name: "SkylakeX",
      required: [.avx2, .fma, .avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl],
      numericClass: "SkylakeX"),
    BLASKernel(
      name: "Cooperlake",
      required: [.avx2, .fma, .avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl, .avx512bf16],
      numericClass: "Cooperlake"),
  ]

  /// The kernel called `name` (any case).
  public static func named(_ name: String) -> BLASKernel? {
    all.first { $0.name.lowercased() == name.lowercased() }
  }

  /// The numeric class of a kernel OpenBLAS reports (its own name when not in the table).
  public static func numericClass(of coreName: String) -> String {
    openBLASNamed(coreName)?.numericClass ?? coreName
  }

  /// True when `cpu` has every extension the kernel uses.
  public func runs(on cpu: CPUInfo) -> Bool {
    cpu.architecture == "x86_64" && required.isSubset(of: cpu.features)
  }

  /// The fastest kernel for GEMM that runs on `cpu`: SkylakeX on Intel CPUs with AVX-512
  /// (Cooperlake adds bfloat16 routines only), Haswell on AVX2 and on AMD CPUs (Zen 4 runs
  /// 512-bit instructions as two 256-bit halves: measured, its SkylakeX sgemm is no faster than
  /// Haswell's), else the newest that runs.
  public static func fastest(on cpu: CPUInfo) -> BLASKernel? {
    let candidates = all.filter { $0.runs(on: cpu) && $0.name != "Cooperlake" && $0.name != "Zen" }
    if cpu.vendor == "AuthenticAMD", let haswell = candidates.last(where: { $0.name == "Haswell" })
    {
      return haswell
    }
    return candidates.last
  }
}

/// A kernel the policy cannot load here.
public enum BLASKernelError: Error, Equatable, CustomStringConvertible {
  /// The CPU lacks extensions the kernel uses (loading it would crash).
  case unsupported(String, missing: Set<CPUInfo.Feature>)
  /// Named kernels exist for x86-64 only.
  case notThisArchitecture(String, String)

  /// What cannot run here and the fix: use `reproducible` or `fastest`.
  public var description: String {
    switch self {
    case .unsupported(let name, let missing):
      "this CPU cannot run OpenBLAS's \(name) kernel (it lacks \(missing.sorted().map(\.rawValue).joined(separator: ", "))); use 'reproducible' or 'fastest'"
    case .notThisArchitecture(let name, let architecture):
      "the \(name) kernel is for x86-64, and this machine is \(architecture); use 'reproducible' or 'fastest'"
    }
  }
}
