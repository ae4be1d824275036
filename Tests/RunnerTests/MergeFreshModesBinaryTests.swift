import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner merge` of shard folders made read-only (`chmod -R a-w`) gives a merged folder with
/// the modes of files the runner writes fresh, never the shards' read-only bits (tester BD 10:
/// the copies were read-only, so a later merge or resume into the folder was refused as
/// protected although the runner wrote it).
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct MergeFreshModesBinaryTests {
  /// The mode (`lstat`) of every entry below `dir` but links, by relative path.
  static func modes(_ dir: URL) -> [String: mode_t] {
    var out: [String: mode_t] = [:]
    for path in (try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? [] {
      var info = stat()
      guard lstat(dir.appendingPathComponent(path).path, &info) == 0,
        info.st_mode & S_IFMT != S_IFLNK
      else { continue }
      out[path] = info.st_mode
    }
    return out
  }

  /// Sets the mode of `dir` and every entry below it to `mode` for folders, `mode & 0o666` for
  /// files, deepest first.
  static func chmodTree(_ dir: URL, folders mode: mode_t) {
    let paths =
      ((try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? [])
      .sorted().reversed().map { dir.appendingPathComponent($0).path } + [dir.path]
    for path in paths {
      var info = stat()
      guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { continue }
      _ = chmod(path, info.st_mode & S_IFMT == S_IFDIR ? mode : mode & 0o666)
    }
  }

  @Test func aReadOnlyShardIsMergedWithTheRunnersOwnModes() throws {
    let dir = SweepBinary.temporaryDirectory()
    let shards = try SweepBinary.shards("linear-grid", in: dir)
    let fresh = shards.map(Self.modes)
    for shard in shards { Self.chmodTree(shard, folders: 0o555) }
    defer {
      for shard in shards { Self.chmodTree(shard, folders: 0o755) }
      try? FileManager.default.removeItem(at: dir)
    }
    let merged = dir.appendingPathComponent("m/sweep-linear-grid")
    let m = try SweepBinary.run(["merge"] + shards.map(\.path) + ["--into", merged.path])
    #expect(m.status == 0, "\(m.error)")
    let copied = Self.modes(merged)
    // Each copied trial file and folder has the mode the shard's run gave it.
    var compared = 0
    var differing: [String] = []
    for modes in fresh {
      for (path, mode) in modes where path.count >= 12 && path.prefix(12).allSatisfy(\.isHexDigit) {
        guard let got = copied[path] else { continue }
        if got != mode { differing.append("\(path) \(String(got, radix: 8))") }
        compared += 1
      }
    }
    #expect(compared > 0)
    #expect(differing.isEmpty, "\(differing.count) with other modes: \(differing.prefix(3))")
    #expect(!copied.values.contains { $0 & S_IWUSR == 0 })
    // A merge into it again is not refused as protected.
    let again = try SweepBinary.run(["merge"] + shards.map(\.path) + ["--into", merged.path])
    #expect(again.status == 0, "\(again.error)")
  }
}
