// swift-tools-version: 6.1
import PackageDescription

/// The engine and the data loaders hold the hot loops (elementwise kernels, activations,
/// losses, parsing). They are compiled with optimization even in debug builds, because
/// `swift run runner …` (a debug build) is how users start the tool. docs/benchmarks.md
/// compares the two builds.
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
  name: "runner",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "runner", targets: ["runner"]),
    .executable(name: "bench", targets: ["bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    // System libraries (installed by scripts/setup.sh).
    .systemLibrary(
      name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // CPUID and XGETBV (header only): which BLAS kernels this CPU can run.
    .systemLibrary(name: "CCPUID"),
    // Runs a C library call so that a crash inside it (libhdf5 on a damaged file) is caught
    // on that thread and returned as an error, never killing the process.
    .target(name: "CCrashGuard"),
    // The process's CPU affinity and name (GNU calls Swift's Glibc module does not export).
    .target(name: "CProcessControl"),

    // What every module shares: exit statuses, the RFC 4180 CSV reader and writer, the
    // confusion matrix and its scores. Pure Swift, no Foundation.
    .target(name: "Conventions", swiftSettings: optimized),
    // The concepts the spec language and the engine share, each declared once with its keys.
    .target(name: "Vocabulary", dependencies: ["Conventions"]),
    // Matrices, models, losses, optimizers, regularizers, metrics, the training loop.
    .target(
      name: "Engine", dependencies: ["Conventions", "Vocabulary", "COpenBLAS", "CCPUID"],
      exclude: ["README.md"], swiftSettings: optimized),
    // Loaders (CSV, HDF5, NPY/NPZ, IDX), generators, preprocessing, splits, named datasets.
    .target(
      name: "Datasets",
      dependencies: [
        "Conventions", "Vocabulary", "Engine", "CHDF5", "CZlib", "CCrashGuard",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: optimized),
    // YAML -> typed, validated spec with located diagnostics, overrides, sweeps.
    // Optimized too: `runner validate` decodes and writes every trial of a sweep.
    .target(
      name: "Specs",
      dependencies: ["Conventions", "Vocabulary", .product(name: "Yams", package: "Yams")],
      swiftSettings: optimized),
    // CSV, bias/variance tables, SVG plots, HTML/Markdown reports, results diff.
    .target(name: "Reports", dependencies: ["Conventions", "Vocabulary"]),
    // Spec -> run plans -> engine -> results.
    .target(
      name: "Pipeline",
      dependencies: ["Conventions", "Engine", "Datasets", "Specs", "Reports", "CProcessControl"]),
    // Command-line options shared by the runner and the benchmarks.
    .target(
      name: "CommandLineOptions",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
    // The thin command-line tool.
    .executableTarget(
      name: "runner",
      dependencies: [
        "Conventions", "Pipeline", "Specs", "Reports", "Datasets", "Engine", "CommandLineOptions",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Benchmarks (figures printed beside a peer measured in the same invocation).
    .executableTarget(
      name: "bench",
      dependencies: [
        "Conventions", "Pipeline", "Specs", "Reports", "Datasets", "Engine", "CommandLineOptions",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], swiftSettings: optimized),

    // Every test process works in a temporary folder of its own (TMPDIR while it runs), which it
    // removes when it exits: a bare `swift test` leaves nothing in the temporary directory.
    .target(name: "TestScratch", path: "Tests/TestScratch"),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "Datasets", "TestScratch"]),
    .testTarget(name: "ConventionsTests", dependencies: ["Conventions", "TestScratch"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "TestScratch"]),
    .testTarget(name: "SpecsTests", dependencies: ["Specs", "TestScratch"], exclude: ["BadSpecs"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "TestScratch"], exclude: ["Fixtures"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: [
        "Pipeline", "Datasets", "Engine", "Reports", "Specs", "TestScratch", "CProcessControl",
        .product(name: "Yams", package: "Yams"),
      ], exclude: ["Fixtures", "Sweep"]),
    .testTarget(
      name: "RunnerTests",
      dependencies: ["runner", "Conventions", "Pipeline", "Engine", "Datasets", "TestScratch"]),
  ],
  swiftLanguageModes: [.v6]
)
