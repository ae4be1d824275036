import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// How the commands that download a catalog file show it and stop: `run` draws the download
/// as `data fetch` does, `predict --data` downloads a catalog file as `run` does, and a
/// Ctrl-C during a data command's download leaves nothing in the cache.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DownloadCommandsBinaryTests {
  typealias Files = CatalogFileDownloadBinaryTests

  // Session 42: `runner run` on an empty cache showed only a "downloaded …" line once each file
  // was in, so a mirror being tried (or stalling) was silent; its start is now drawn as
  // `runner data fetch` draws it (piped: a line as a file starts and one as it ends).
  @Test func runShowsTheDownloadAsItStarts() throws {
    let (dir, spec, environment) = try Files.setUp(Files.cat)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", dir.appendingPathComponent("r").path],
      environment: environment)
    #expect(r.status == 66, "\(r.error)")
    #expect(
      r.error.hasPrefix("downloading \(Files.mirror)catvnoncat/train_catvnoncat.h5\n"),
      "\(r.error)")
  }

  // Session 42: `predict --data catvnoncat/test_catvnoncat.h5` said "data file not found" on an
  // empty cache, where a run's `file:` naming it downloads it.
  @Test func predictDownloadsACatalogFileNamedByItsPath() throws {
    let (dir, spec, params) = try CommandFaultBinaryTests.trained()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try SweepBinary.run(
      [
        "predict", spec, "--params", params, "--data", "catvnoncat/test_catvnoncat.h5",
        "--features", "test_set_x", "-o", "-",
      ],
      environment: [
        "XDG_CACHE_HOME": dir.appendingPathComponent("cache").path, "HOME": dir.path,
        "RUNNER_DATASET_MIRRORS": Files.mirror,
      ], in: dir)
    #expect(r.status == 66, "\(r.error)")
    #expect(r.error.contains("downloading \(Files.mirror)catvnoncat/test_catvnoncat.h5\n"))
    #expect(r.error.contains("could not be downloaded"), "\(r.error)")
    #expect(!r.error.contains("not found"), "\(r.error)")
  }

  // Review s41 §4: `data show` and `data split` download but had no stops: a Ctrl-C killed
  // them at once (no line, exit by the signal), leaving the partial file and the cache folders
  // made for it. The folders this download made are removed with it (`rmdir` only).
  @Test(arguments: [
    ["data", "show", "catvnoncat"], ["data", "split"], ["data", "fetch", "mnist"],
  ])
  func ctrlCDuringADataCommandsDownloadLeavesNothing(_ command: [String]) throws {
    let (dir, spec, environment) = try Files.setUp(Files.cat)
    defer { try? FileManager.default.removeItem(at: dir) }
    let mirror = try SilentMirror()
    defer { mirror.stop() }
    var env = environment
    env["RUNNER_DATASET_MIRRORS"] = mirror.url
    let dataset = command.count == 3 ? command[2] : "catvnoncat"
    let folder = dir.appendingPathComponent("cache/runner/\(dataset)")
    let r = try SweepBinary.run(
      command + (command.count == 2 ? [spec] : []), environment: env, in: dir,
      interruptOnceExists: folder)
    #expect(r.signalled)
    #expect(r.status == 130, "\(r.error)")
    #expect(
      r.error.contains("interrupted: the files fetched so far are whole and verified"),
      "\(r.error)")
    // Nor Foundation's folders for a URLSession (tester AU F11e: an empty
    // `org.swift.foundation.URLCache/runner` in the cache, a cookie folder in ~/.local/share).
    // Under load Foundation may make its (empty) URLCache folder on its own thread after the
    // interrupt's cleanup ran: not the runner's, and left out here; nothing else may stay.
    let left = ((try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? []).filter {
      ![
        "cache", "cache/org.swift.foundation.URLCache",
        "cache/org.swift.foundation.URLCache/runner",
      ]
      .contains($0)
    }
    #expect(left == ["spec.yaml"] || left.isEmpty, "\(left)")
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent(".local").path),
      "\(left)")
  }

  // Review s41 §6: with downloads off (`RUNNER_DATASET_MIRRORS` set and empty), `sweep
  // --dry-run` said "`runner data fetch catvnoncat` downloads it", and that fetch refused. A
  // file that cannot be downloaded is no pending download, by the rule `validate` follows.
  @Test func aDryRunWithDownloadsOffAdvisesNoFetch() throws {
    let sweep =
      Files.cat + "sweep:\n  method: grid\n  parameters:\n    regularization.l2: [0.0, 0.1]\n"
    let (dir, spec, environment) = try Files.setUp(sweep)
    defer { try? FileManager.default.removeItem(at: dir) }
    var off = environment
    off["RUNNER_DATASET_MIRRORS"] = ""
    let r = try SweepBinary.run(
      ["sweep", spec, "--dry-run", "--results-dir", dir.appendingPathComponent("r").path],
      environment: off)
    let all = r.output + r.error
    #expect(!all.contains("data fetch catvnoncat"), "\(all)")
    #expect(!all.contains("not downloaded yet"), "\(all)")
    let validate = try SweepBinary.run(["validate", spec], environment: off)
    #expect(validate.status == 66, "\(validate.error)")
    #expect(validate.error.contains("downloads are off"), "\(validate.error)")
  }

  // Tester AU F11i: `data list` listed a searched folder that does not exist as if the runner
  // expected it there (`../shared/datasets` of a project without one).
  @Test func dataListSaysWhichSearchedFolderIsAbsent() throws {
    let (dir, _, environment) = try Files.setUp("")
    defer { try? FileManager.default.removeItem(at: dir) }
    var env = environment
    let nowhere = dir.appendingPathComponent("nowhere").path
    env["RUNNER_DATA_PATH"] = nowhere + ":" + dir.path
    let r = try SweepBinary.run(["data", "list"], environment: env, in: dir)
    #expect(r.status == 0, "\(r.error)")
    #expect(r.output.contains("searched: \(nowhere) (absent), \(dir.path), "), "\(r.output)")
  }
}

/// A mirror that takes connections and never answers (a stalled server): a download from it
/// waits until it is stopped.
final class SilentMirror: @unchecked Sendable {
  private let socketFD: Int32
  let url: String

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    socketFD = fd
    url = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/"
  }

  func stop() { close(socketFD) }
}
