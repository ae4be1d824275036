import Foundation
import Synchronization
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

  /// Two threads of one process (a sweep's trials finishing at once) take turns: the second
  /// waits for the first's body instead of running beside it (tester BN-1: it ran unlocked and
  /// the two read-modify-writes of the record lost a digest).
  @Test func twoThreadsOfOneProcessTakeTurns() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("written-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let inside = Mutex<(now: Int, most: Int)>((0, 0))
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      for _ in 0..<20 {
        WrittenRecord.serialized(in: folder) {
          inside.withLock {
            $0.now += 1
            $0.most = max($0.most, $0.now)
          }
          usleep(500)
          inside.withLock { $0.now -= 1 }
        }
      }
    }
    #expect(inside.withLock { $0.most } == 1)
  }

  /// A write records the new digest beside the earlier one before the file is put in place:
  /// killed between the two, either file is the runner's own (tester BN-1: the earlier record
  /// alone made the new summary "one you edited", kept in `.history`).
  @Test func aWriteUnderWayRecordsBothDigests() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("written-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("summary.csv")
    let (old, new) = (Data("a\n1\n".utf8), Data("a\n2\n".utf8))
    try old.write(to: file)
    let first = WrittenRecord.updated(with: [("summary.csv", old)], in: folder)
    try first.bytes.write(to: folder.appendingPathComponent(first.name))
    #expect(WrittenRecord.isOwn("summary.csv", in: folder))

    let final = try WrittenRecord.prepared(with: [("summary.csv", new)], in: folder)
    #expect(WrittenRecord.isOwn("summary.csv", in: folder))  // killed before the file
    try new.write(to: file)
    #expect(WrittenRecord.isOwn("summary.csv", in: folder))  // killed before the record
    try final.bytes.write(to: folder.appendingPathComponent(final.name))
    #expect(WrittenRecord.isOwn("summary.csv", in: folder))
    #expect(WrittenRecord.digests(in: folder)["summary.csv"]?.count == 1)
    try old.write(to: file)
    #expect(!WrittenRecord.isOwn("summary.csv", in: folder))  // the earlier one is gone
  }
}
