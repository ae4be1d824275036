import Testing

@testable import Conventions

/// `Invocation.inferred` names the command as the user can type it again, from `argv[0]` and
/// the working directory: a remedy saying `runner …` after `swift run runner …` is not found.
@Suite struct InvocationTests {
  /// The rule with a file system where only `packages` hold a Package.swift, and folders are
  /// the same only when their paths are.
  static func inferred(_ argv0: String, in directory: String, packages: [String] = []) -> String {
    Invocation.inferred(
      argv0: argv0, workingDirectory: directory, isPackage: { packages.contains($0) },
      sameDirectory: { $0 == $1 })
  }

  @Test func aNameFoundOnThePathIsTheNameAsTyped() {
    #expect(Self.inferred("runner", in: "/home/ana/cats") == "runner")
    #expect(Self.inferred("runner", in: "/work/pkg", packages: ["/work/pkg"]) == "runner")
  }

  @Test func theBuildOfThePackageInTheWorkingDirectoryIsSwiftRun() {
    let debug = "/work/pkg/.build/x86_64-unknown-linux-gnu/debug/runner"
    #expect(Self.inferred(debug, in: "/work/pkg", packages: ["/work/pkg"]) == "swift run runner")
  }

  /// A release build is started again as one: `swift run runner` would build the debug one
  /// (minutes) and run it (slower). SwiftPM's `.build/release` links to `.build/<triple>/release`.
  @Test func aReleaseBuildIsSwiftRunDashCRelease() {
    let packages = ["/work/pkg"]
    #expect(
      Self.inferred(".build/release/runner", in: "/work/pkg", packages: packages)
        == "swift run -c release runner")
    #expect(
      Self.inferred(
        "/work/pkg/.build/x86_64-unknown-linux-gnu/release/runner", in: "/work/pkg",
        packages: packages) == "swift run -c release runner")
    #expect(
      Self.inferred("../pkg/.build/release/runner", in: "/work/cats", packages: packages)
        == "swift run -c release --package-path /work/pkg runner")
    #expect(
      Self.inferred(
        "/w s@2/.build/arm64-apple-macosx/release/runner", in: "/tmp", packages: ["/w s@2"])
        == "swift run -c release --package-path '/w s@2' runner")
  }

  /// An executable of a package's `.build` that is not in a debug or release folder is not
  /// one `swift run` starts: the path as typed.
  @Test func aBuildFolderOfNoConfigurationIsThePathAsTyped() {
    let packages = ["/work/pkg"]
    #expect(
      Self.inferred(".build/profile/runner", in: "/work/pkg", packages: packages)
        == ".build/profile/runner")
    #expect(
      Self.inferred(".build/runner", in: "/work/pkg", packages: packages) == ".build/runner")
    #expect(
      Self.inferred(".build/a/b/debug/runner", in: "/work/pkg", packages: packages)
        == ".build/a/b/debug/runner")
  }

  @Test func elsewhereSwiftRunNamesThePackagesPath() {
    let debug = "/work/pkg/.build/debug/runner"
    #expect(
      Self.inferred(debug, in: "/work/pkg/experiments", packages: ["/work/pkg"])
        == "swift run --package-path /work/pkg runner")
    #expect(
      Self.inferred("../pkg/./.build/debug/runner", in: "/work/other", packages: ["/work/pkg"])
        == "swift run --package-path /work/pkg runner")
    #expect(
      Self.inferred("/my work/pkg/.build/debug/runner", in: "/tmp", packages: ["/my work/pkg"])
        == "swift run --package-path '/my work/pkg' runner")
  }

  /// A `.build` folder that no package holds is no SwiftPM build: the path as typed, quoted.
  @Test func anyOtherPathIsAsTyped() {
    #expect(
      Self.inferred("./bin/runner", in: "/work/pkg", packages: ["/work/pkg"]) == "./bin/runner")
    #expect(Self.inferred("/opt/runner/bin/runner", in: "/tmp") == "/opt/runner/bin/runner")
    #expect(Self.inferred("/copy/.build/debug/runner", in: "/copy") == "/copy/.build/debug/runner")
    #expect(Self.inferred("./my bin/runner", in: "/tmp") == "'./my bin/runner'")
  }

  /// In-process (tests, before the executable sets it) the command is `runner`.
  @Test func theDefaultIsTheProgramsName() {
    #expect(Invocation.command == "runner")
    #expect(Invocation.commandLine(["data", "fetch", "mnist"]) == "runner data fetch mnist")
  }

  /// Each argument is shell-quoted: the line pastes as the words it names.
  @Test func aCommandLineQuotesEachArgument() {
    #expect(
      Invocation.commandLine(["sweep", "my dir/s.yaml", "--dry-run"])
        == "runner sweep 'my dir/s.yaml' --dry-run")
    #expect(
      Invocation.commandLine(["report", "runs/it's@2/cat"])
        == #"runner report 'runs/it'\''s@2/cat'"#)
    #expect(Invocation.commandLine(["sweep", "--shard", "i/n"]) == "runner sweep --shard i/n")
  }

  @Test func shellQuotingLeavesPlainWordsAndQuotesTheRest() {
    #expect("/work/pkg-1.2/a_b".shellQuoted == "/work/pkg-1.2/a_b")
    #expect("my dir".shellQuoted == "'my dir'")
    #expect("it's".shellQuoted == #"'it'\''s'"#)
    #expect("$HOME".shellQuoted == "'$HOME'")
    #expect("".shellQuoted == "''")
  }
}
