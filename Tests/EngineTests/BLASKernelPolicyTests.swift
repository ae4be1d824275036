import Engine
import Testing

/// Which OpenBLAS kernel each policy picks, on CPUs described by their features.
@Suite struct BLASKernelPolicyTests {
  static let sse: Set<CPUInfo.Feature> = [.sse3, .ssse3, .sse41, .sse42]
  static let avx2 = sse.union([.avx, .fma, .avx2])
  static let avx512 = avx2.union([.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl])

  static func cpu(_ features: Set<CPUInfo.Feature>, vendor: String = "GenuineIntel") -> CPUInfo {
    CPUInfo(architecture: "x86_64", vendor: vendor, model: "test", features: features)
  }

  @Test func reproducibleIsHaswellOnEveryAVX2CPU() throws {
    for features in [Self.avx2, Self.avx512, Self.avx512.union([.avx512bf16])] {
      for vendor in ["GenuineIntel", "AuthenticAMD"] {
        #expect(
          try BLASKernelPolicy.reproducible.kernel(for: Self.cpu(features, vendor: vendor))
            == "Haswell")
      }
    }
  }

  @Test func neverPrescottWhereSomethingBetterRuns() throws {
    #expect(
      try BLASKernelPolicy.reproducible.kernel(for: Self.cpu(Self.sse.union([.avx])))
        == "Sandybridge")
    #expect(try BLASKernelPolicy.reproducible.kernel(for: Self.cpu(Self.sse)) == "Nehalem")
    #expect(try BLASKernelPolicy.reproducible.kernel(for: Self.cpu([.sse3])) == "Prescott")
  }

  @Test func fastestUsesAVX512OnlyWhereTheCPUHasIt() throws {
    #expect(try BLASKernelPolicy.fastest.kernel(for: Self.cpu(Self.avx2)) == "Haswell")
    #expect(try BLASKernelPolicy.fastest.kernel(for: Self.cpu(Self.avx512)) == "SkylakeX")
    #expect(
      try BLASKernelPolicy.fastest.kernel(for: Self.cpu(Self.avx512.union([.avx512bf16])))
        == "SkylakeX")
    // AMD's AVX-512 (Zen 4) runs at half width: Haswell's kernels are as fast there.
    let zen4 = Self.cpu(Self.avx512, vendor: "AuthenticAMD")
    #expect(try BLASKernelPolicy.fastest.kernel(for: zen4) == "Haswell")
    // AVX-512F alone (no BW/DQ/VL) is not enough for the SkylakeX kernels.
    #expect(
      try BLASKernelPolicy.fastest.kernel(for: Self.cpu(Self.avx2.union([.avx512f]))) == "Haswell")
  }

  @Test func aNamedKernelTheCPUCannotRunIsRefused() throws {
    #expect(try BLASKernelPolicy.kernel("Zen").kernel(for: Self.cpu(Self.avx2)) == "Zen")
    #expect(
      throws: BLASKernelError.unsupported(
        "SkylakeX", missing: [.avx512bw, .avx512cd, .avx512dq, .avx512f, .avx512vl])
    ) {
      try BLASKernelPolicy.kernel("SkylakeX").kernel(for: Self.cpu(Self.avx2))
    }
    let error = BLASKernelError.unsupported("Haswell", missing: [.avx2, .fma])
    #expect(
      error.description
        == "this CPU cannot run OpenBLAS's Haswell kernel (it lacks fma, avx2); use 'reproducible' or 'fastest'"
    )
  }

  @Test func otherArchitecturesKeepOpenBLASsOwnChoice() throws {
    let arm = CPUInfo(architecture: "arm64", vendor: "", model: "", features: [])
    #expect(try BLASKernelPolicy.reproducible.kernel(for: arm) == nil)
    #expect(try BLASKernelPolicy.fastest.kernel(for: arm) == nil)
    #expect(throws: BLASKernelError.notThisArchitecture("Haswell", "arm64")) {
      try BLASKernelPolicy.kernel("Haswell").kernel(for: arm)
    }
  }

  @Test func parsingAndNumericClasses() {
    #expect(BLASKernelPolicy("reproducible") == .reproducible)
    #expect(BLASKernelPolicy("FASTEST") == .fastest)
    #expect(BLASKernelPolicy("haswell") == .kernel("Haswell"))
    #expect(BLASKernelPolicy("turbo") == nil)
    #expect(BLASKernel.numericClass(of: "Zen") == BLASKernel.numericClass(of: "HASWELL"))
    #expect(BLASKernel.numericClass(of: "SkylakeX") != BLASKernel.numericClass(of: "Haswell"))
    #expect(BLASKernel.numericClass(of: "NEOVERSEN1") == "NEOVERSEN1")
  }

  @Test func thisProcessReportsItsKernel() {
    #expect(!BLAS.coreName.isEmpty)
    #expect(BLAS.version.hasPrefix("0."))
    #expect(CPUInfo.current.architecture != "")
  }
}
