import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Two processes rewriting one folder in place (shards of a sweep writing its summary and
/// report) check, write and record its files one at a time: the folder's flock is held for the
/// whole body, released after it, and a nested call does not wait for itself.
@Suite struct WrittenRecordSerializedTests {
  /// Whether another open file description can take `folder`'s flock now.
  static func isFree(_ folder: URL) -> Bool {
    let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    _ = flock(fd, LOCK_UN)
    return true
  }

  @Test func theFolderIsLockedForTheBodyOnlyAndANestedCallRunsAtOnce() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("written-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(Self.isFree(folder))
    var ran: [String] = []
    WrittenRecord.serialized(in: folder) {
      #expect(!Self.isFree(folder))
      WrittenRecord.serialized(in: folder) { ran.append("nested") }
      #expect(!Self.isFree(folder))
      ran.append("outer")
    }
    #expect(ran == ["nested", "outer"])
    #expect(Self.isFree(folder))
    // A folder that is not there: the body runs, unlocked.
    let missing = folder.appendingPathComponent("missing")
    #expect(WrittenRecord.serialized(in: missing) { 7 } == 7)
  }
}
