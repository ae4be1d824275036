import Conventions
import Foundation
import Testing

@testable import Reports

/// A fresh temporary directory per test.
func temporaryDirectory(_ name: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("reports-tests-\(getpid())-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite("Atomic results files")
struct AtomicFileTests {
  @Test("writes into new directories and replaces old contents, leaving no temporaries")
  func writeAndReplace() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("run/metrics.csv")
    try AtomicFile.write("old\n", to: file)
    try AtomicFile.write("new\n", to: file, durable: true)
    #expect(try AtomicFile.read(file) == "new\n")
    let names = try FileManager.default.contentsOfDirectory(
      atPath: file.deletingLastPathComponent().path)
    #expect(names == ["metrics.csv"])
  }

  @Test("a table written and read back is equal")
  func tableRoundTrip() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var table = try CSVTable(header: ["x", "y"])
    try table.append([.integer(1), .text("a,b")])
    let file = directory.appendingPathComponent("t.csv")
    try table.write(to: file)
    #expect(try CSVTable(contentsOf: file) == table)
  }

  @Test("missing and unwritable files are typed errors")
  func errors() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("nope.csv")
    #expect(throws: ResultsFileError.missing(path: missing.path)) { try AtomicFile.read(missing) }
    let blocker = directory.appendingPathComponent("file")
    try AtomicFile.write("x", to: blocker)
    #expect(throws: ResultsFileError.self) {
      try AtomicFile.write("y", to: blocker.appendingPathComponent("inside.csv"))
    }
  }

  @Test("several files are replaced only once all are written; a failed write changes none")
  func allOrNothing() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let a = directory.appendingPathComponent("a.md")
    let b = directory.appendingPathComponent("plots/b.svg")
    try AtomicFile.write([(a, Data("a1".utf8)), (b, Data("b1".utf8))])
    #expect(try AtomicFile.read(a) == "a1")
    #expect(try AtomicFile.read(b) == "b1")
    // The third file cannot be written (its folder is a file): a and b keep their contents.
    let blocked = directory.appendingPathComponent("a.md/c.html")
    #expect(throws: ResultsFileError.self) {
      try AtomicFile.write([(a, Data("a2".utf8)), (b, Data("b2".utf8)), (blocked, Data())])
    }
    #expect(try AtomicFile.read(a) == "a1")
    #expect(try AtomicFile.read(b) == "b1")
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(left == ["a.md", "plots"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: b.deletingLastPathComponent().path) == [
        "b.svg"
      ])
  }
}
