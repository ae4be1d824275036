import Foundation
import Testing

@testable import Conventions

/// `PathEntry` names what is at a path from `stat` alone (links followed), one noun per kind.
@Suite struct PathEntryTests {
  /// A fresh folder of its own, removed by the caller.
  static func folder(_ label: String = #function) throws -> String {
    let path = NSTemporaryDirectory() + "pe-\(getpid())-\(label.prefix(12))"
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func aRegularFileHasItsSizeAndNoRefusal() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/data.csv"
    #expect(FileManager.default.createFile(atPath: file, contents: Data("a,b\n".utf8)))
    #expect(PathEntry.of(file) == .regular(size: 4))
    #expect(PathEntry.of(file).refusal == nil)
  }

  @Test func nothingThereIsMissingAlsoUnderAFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/data.csv"
    #expect(FileManager.default.createFile(atPath: file, contents: Data()))
    #expect(PathEntry.of(folder + "/none") == .missing)
    #expect(PathEntry.of(file + "/below") == .missing)
    #expect(PathEntry.of(folder + "/none").refusal == nil)
  }

  @Test func aDirectoryIsNamed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(PathEntry.of(folder) == .directory)
    #expect(PathEntry.of(folder).refusal == "is a directory, not a regular file")
  }

  @Test func aNamedPipeIsNamedWithoutBeingOpened() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let fifo = folder + "/pipe.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    // Opening a FIFO with no writer would block this test forever.
    #expect(PathEntry.of(fifo) == .fifo)
    #expect(PathEntry.of(fifo).noun == "a named pipe (FIFO)")
    #expect(PathEntry.of(fifo).refusal == "is a named pipe (FIFO), not a regular file")
  }

  @Test func devNullIsACharacterDevice() {
    #expect(PathEntry.of("/dev/null") == .characterDevice)
    #expect(PathEntry.of("/dev/null").refusal == "is a character device, not a regular file")
  }

  @Test func aLinkThroughALinkToAFileIsTheFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(FileManager.default.createFile(atPath: folder + "/file", contents: Data("xyz".utf8)))
    #expect(symlink(folder + "/file", folder + "/one") == 0)
    #expect(symlink(folder + "/one", folder + "/two") == 0)
    #expect(PathEntry.of(folder + "/two") == .regular(size: 3))
    #expect(symlink(folder + "/gone", folder + "/dangling") == 0)
    #expect(PathEntry.of(folder + "/dangling") == .missing)
  }

  @Test func aSymbolicLinkLoopIsNamed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(symlink(folder + "/b", folder + "/a") == 0)
    #expect(symlink(folder + "/a", folder + "/b") == 0)
    #expect(PathEntry.of(folder + "/a") == .symlinkLoop)
    #expect(
      PathEntry.of(folder + "/a").refusal
        == "is a symbolic link loop (too many levels of links), not a regular file")
  }

  @Test func aSocketIsNamed() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/s"
    #if canImport(Glibc)
      let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      raw.copyBytes(from: bytes)
      raw[bytes.count] = 0
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    try #require(bound == 0)
    #expect(PathEntry.of(path) == .socket)
    #expect(PathEntry.of(path).refusal == "is a socket, not a regular file")
  }

  @Test func everyKindHasItsOwnNoun() {
    let kinds: [PathEntry] = [
      .regular(size: 0), .missing, .directory, .fifo, .characterDevice, .blockDevice, .socket,
      .symlinkLoop, .inaccessible(reason: "Permission denied"), .unknown,
    ]
    #expect(Set(kinds.map(\.noun)).count == kinds.count)
    #expect(
      PathEntry.inaccessible(reason: "Permission denied").refusal
        == "is inaccessible (Permission denied), not a regular file")
  }
}
