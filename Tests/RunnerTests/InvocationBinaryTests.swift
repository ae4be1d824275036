import Foundation
import Testing

/// The built runner names the command to type in its remedies as the user started it: the
/// README's `swift run runner …` gets `swift run runner ls`, not `runner ls`, which no shell
/// finds (`runner: command not found`) until the user puts it on PATH.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct InvocationBinaryTests {
  /// A folder with `pkg/Package.swift` and the built runner at `pkg/.build/debug/runner`
  /// (a link), and the same runner at `bin/runner` (a link, outside any build folder).
  static func layout(_ label: String = #function) throws -> URL {
    let root = SweepBinary.temporaryDirectory(label).resolvingSymlinksInPath()
    let build = root.appendingPathComponent("pkg/.build/debug")
    let bin = root.appendingPathComponent("bin")
    for folder in [build, bin] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try "// swift-tools-version: 6.1\n".write(
      to: root.appendingPathComponent("pkg/Package.swift"), atomically: true, encoding: .utf8)
    for link in [build, bin] {
      try FileManager.default.createSymbolicLink(
        at: link.appendingPathComponent("runner"), withDestinationURL: SweepBinary.executable!)
    }
    return root
  }

  /// Standard error of `typed arguments` run by a shell in `directory` (the shell passes
  /// `typed` to the runner as its `argv[0]`), with `path` in front of PATH.
  static func run(_ typed: String, _ arguments: [String], in directory: URL, path: URL? = nil)
    throws -> String
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec \(typed) \"$@\"", "sh"] + arguments
    process.currentDirectoryURL = directory
    let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    process.environment = [
      "PATH": path.map { $0.path + ":" + inherited } ?? inherited, "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  /// `runner compare` of a run that is not there points at `… ls`, named as it was started.
  @Test func theRemedyNamesSwiftRunForTheBinaryOfAPackagesBuildFolder() throws {
    let root = try Self.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let package = root.appendingPathComponent("pkg")
    let compare = ["compare", "nosuch", "other"]
    let inPackage = try Self.run(".build/debug/runner", compare, in: package)
    #expect(
      inPackage
        == "error: no run 'nosuch': neither a folder nor a run under \(package.path)/results "
        + "(see `swift run runner ls`)\n")
    let elsewhere = try Self.run(
      "../pkg/.build/debug/runner", compare, in: root.appendingPathComponent("bin"))
    #expect(
      elsewhere.hasSuffix("(see `swift run --package-path \(package.path) runner ls`)\n"),
      "\(elsewhere)")
    let absolute = try Self.run(package.path + "/.build/debug/runner", compare, in: root)
    #expect(
      absolute.hasSuffix("(see `swift run --package-path \(package.path) runner ls`)\n"),
      "\(absolute)")
  }

  /// Found on PATH it is `runner`; started by any other path, that path as typed.
  @Test func onThePathItIsRunnerElseThePathAsTyped() throws {
    let root = try Self.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let onPath = try Self.run(
      "runner", ["valdate"], in: root, path: root.appendingPathComponent("bin"))
    #expect(onPath.hasSuffix("help: see `runner --help` for the commands\n"), "\(onPath)")
    let typed = try Self.run("./bin/runner", ["valdate"], in: root)
    #expect(typed.hasSuffix("help: see `./bin/runner --help` for the commands\n"), "\(typed)")
  }

  /// The argument parser's own usage errors name it the same way.
  @Test func usageErrorsNameTheCommandAsStarted() throws {
    let root = try Self.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let usage = try Self.run(
      ".build/debug/runner", ["diff"], in: root.appendingPathComponent("pkg"))
    #expect(usage.contains("See 'swift run runner diff --help' for more information."), "\(usage)")
  }

  /// Hydra's multirun in a `--set` is told to run the spec with `… sweep`, named as started.
  @Test func theMultirunNoteNamesTheSweepCommandAsStarted() throws {
    let root = try Self.layout()
    defer { try? FileManager.default.removeItem(at: root) }
    let package = root.appendingPathComponent("pkg")
    try "name: m\ndataset: {generator: {type: linear, samples: 20}}\nmodel: {type: linreg}\n"
      .write(to: package.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
    let said = try Self.run(
      ".build/debug/runner", ["validate", "m.yaml", "--set", "optimizer.learning_rate=0.1,0.01"],
      in: package)
    #expect(said.contains("run the spec with `swift run runner sweep`, a trial for"), "\(said)")
  }

  /// The words `/bin/sh` reads from `line`, one per element.
  static func words(_ line: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "printf '%s\\0' " + line]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\0").map(String.init)
  }

  /// A release build in SwiftPM's layout (`.build/release` links to `.build/<triple>/release`)
  /// of a package in a folder with a space and an `@` (Jenkins' `workspace/runner@2`), told a
  /// spec in a folder with a space: the remedy is a release `swift run` with both paths quoted,
  /// which the shell reads back as the words meant.
  @Test func aReleaseBuildsRemedyIsSwiftRunDashCReleaseAndPastesAsMeant() throws {
    let root = SweepBinary.temporaryDirectory().resolvingSymlinksInPath()
    defer { try? FileManager.default.removeItem(at: root) }
    let package = root.appendingPathComponent("work space/runner@2")
    let triple = package.appendingPathComponent(".build/x86_64-unknown-linux-gnu/release")
    try FileManager.default.createDirectory(at: triple, withIntermediateDirectories: true)
    try "// swift-tools-version: 6.1\n".write(
      to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: triple.appendingPathComponent("runner"), withDestinationURL: SweepBinary.executable!)
    try FileManager.default.createSymbolicLink(
      atPath: package.appendingPathComponent(".build/release").path,
      withDestinationPath: "x86_64-unknown-linux-gnu/release")
    let specs = root.appendingPathComponent("my specs")
    try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: SweepBinary.fixture("kill-grid.yaml"),
      toPath: specs.appendingPathComponent("s.yaml").path)
    let error = try Self.run(
      "'work space/runner@2/.build/release/runner'", ["run", "my specs/s.yaml"], in: root)
    let command =
      "swift run -c release --package-path '\(package.path)' runner sweep 'my specs/s.yaml'"
    #expect(
      error
        == "error: my specs/s.yaml declares `sweep:`; run it with `\(command)` "
        + "(a single run never writes a sweep's folder)\n")
    #expect(
      try Self.words(command)
        == [
          "swift", "run", "-c", "release", "--package-path", package.path, "runner", "sweep",
          "my specs/s.yaml",
        ])
  }

  /// This package's own build, as `swift run runner` starts it from the project folder.
  @Test(
    .enabled(
      if: SweepBinary.executable?.path.hasPrefix(SweepBinary.root.path + "/.build/") == true,
      "the runner is built in this package's .build"))
  func thisPackagesBuildIsSwiftRunRunner() throws {
    let r = try SweepBinary.run(["valdate"], in: SweepBinary.root)
    #expect(r.status == 64)
    #expect(
      r.error.hasSuffix("help: see `swift run runner --help` for the commands\n"), "\(r.error)")
  }
}
