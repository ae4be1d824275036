extension BLASKernel {
  /// Every x86-64 kernel name OpenBLAS 0.3.21 accepts in `OPENBLAS_CORETYPE` (any case): the
  /// policy's kernels, then older ones the policy never chooses, with the extensions their code
  /// uses (read from Debian's build: `objdump -d`). The 32-bit names load Prescott's kernel on
  /// x86-64; Opteron's use 3DNow! and Bulldozer to Excavator AMD's FMA4, which no Intel CPU and
  /// no Zen has (OpenBLAS loads them there all the same, and the first product dies with an
  /// illegal instruction).
  public static let openBLASNames: [BLASKernel] =
    all
    + [
      ("Katmai", [.sse3], "Prescott"), ("Coppermine", [.sse3], "Prescott"),
      ("Northwood", [.sse3], "Prescott"), ("Banias", [.sse3], "Prescott"),
      ("Athlon", [.sse3], "Prescott"), ("Atom", [.ssse3], "Atom"), ("Core2", [.ssse3], "Core2"),
      ("Penryn", [.ssse3, .sse41], "Penryn"), ("Dunnington", [.ssse3, .sse41], "Dunnington"),
      ("Opteron", [.amd3dnow], "Opteron"), ("Opteron_SSE3", [.amd3dnow, .sse3], "Opteron_SSE3"),
      ("Barcelona", [.sse3], "Barcelona"), ("Nano", [.ssse3], "Nano"),
      ("Bobcat", [.ssse3], "Bobcat"), ("Bulldozer", [.avx, .fma4], "Bulldozer"),
      ("Piledriver", [.avx, .fma, .fma4], "Piledriver"),
      ("Steamroller", [.avx, .fma, .fma4], "Steamroller"),
      ("Excavator", [.avx, .fma, .fma4], "Excavator"),
    ].map { BLASKernel(name: $0.0, required: $0.1, numericClass: $0.2) }

  /// The OpenBLAS kernel called `name` in `OPENBLAS_CORETYPE` (any case), policy kernels and
  /// older ones alike; nil for a name OpenBLAS does not know (it then ignores the variable).
  public static func openBLASNamed(_ name: String) -> BLASKernel? {
    openBLASNames.first { $0.name.lowercased() == name.lowercased() }
  }
}
