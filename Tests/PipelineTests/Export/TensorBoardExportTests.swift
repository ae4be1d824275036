import Foundation
import Testing

@testable import Pipeline

/// TensorBoard event files against the one TensorBoard's own writer produced for the same
/// values (`scripts/reference/exports/tensorboard_events.py`), byte for byte.
struct TensorBoardExportTests {
  /// The run the reference script writes (keep in sync with its HPARAMS and TIMELINE).
  static var fixtureRun: ExportedRun {
    ExportedRun(
      name: "cat", folder: URL(fileURLWithPath: "/tmp"), specName: "cat", specDescription: "",
      parameters: [
        ("optimizer.learning_rate", "0.005"), ("model.type", "logreg"),
        ("seed", "9365514472884010311"), ("optimizer.iterations", "2000"),
        ("dataset.split.shuffle", "true"), ("metrics", "[accuracy]"),
      ],
      stepColumn: "iteration",
      history: [
        (0, [("train_loss", 0.6931471805599465), ("train_accuracy", 0.0)]),
        (100, [("train_loss", 0.5845083636993079), ("train_accuracy", 0.6794258373205742)]),
      ],
      finalStep: 2000,
      finals: [
        ("train_loss", 0.13560807525911955), ("train_accuracy", 0.9904306220095693),
        ("iterations", 2000),
      ],
      integers: ["iterations": 2000],
      outcomes: [("stop_reason", "completed")], startedAt: 1_764_547_200, succeeded: true)
  }

  @Test func crc32cMatchesItsCheckValue() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
  }

  @Test func eventsEqualTensorBoardsOwnWriterByteForByte() throws {
    let url = TestProject.root.appendingPathComponent(
      "Tests/PipelineTests/Fixtures/tensorboard_events.bin")
    let expected = Array(try Data(contentsOf: url))
    let ours = TensorBoardExport.events(Self.fixtureRun)
    let records = try TFRecords.read(ours)
    let expectedRecords = try TFRecords.read(expected)
    #expect(records.count == expectedRecords.count)
    let firstDifference = zip(ours, expected).enumerated().first { $0.element.0 != $0.element.1 }
    #expect(firstDifference == nil, "first differing byte at \(firstDifference?.offset ?? -1)")
    #expect(ours.count == expected.count)
  }

  @Test func aHugeSeedStaysTextAndFlagsAreBooleans() {
    #expect(TensorBoardEvents.HParam(text: "9365514472884010311") == .string("9365514472884010311"))
    #expect(TensorBoardEvents.HParam(text: "42") == .number(42))
    #expect(TensorBoardEvents.HParam(text: "1e-08") == .number(1e-08))
    #expect(TensorBoardEvents.HParam(text: "true") == .bool(true))
    #expect(TensorBoardEvents.HParam(text: "relu") == .string("relu"))
  }

  /// Writes `run` into `folder` as `runner export tensorboard` does; returns the path written.
  static func export(
    _ run: ExportedRun = fixtureRun, into folder: URL, midway: (() -> Void)? = nil
  ) throws -> String {
    var paths: [String] = []
    try TensorBoardExport.write([(run, folder)], wrote: { paths.append($0) }, midway: midway)
    return try #require(paths.first)
  }

  /// The fixture run as started `seconds` after 1970: its event file's name says so.
  static func run(startedAt seconds: Double) -> ExportedRun {
    var run = fixtureRun
    run.startedAt = seconds
    return run
  }

  static func names(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func writingTwiceGivesOneFileWithTheSameBytes() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    // An earlier export's file (another start time) is replaced; the user's file stays.
    try Data([0]).write(to: folder.appendingPathComponent("events.out.tfevents.1.runner"))
    try Data([1, 2, 3]).write(to: folder.appendingPathComponent("notes.txt"))
    let first = try Self.export(into: folder)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
    let second = try Self.export(into: folder)
    #expect(first == second && first.hasSuffix("events.out.tfevents.1764547200.runner"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: second)) == bytes)
    #expect(try Self.names(folder) == ["events.out.tfevents.1764547200.runner", "notes.txt"])
  }

  /// Another writer's event file in the folder: TensorBoard would read it as part of the same
  /// run, so the export is refused and the folder left as it was.
  @Test func anotherWritersEventFileIsRefused() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let foreign = folder.appendingPathComponent("events.out.tfevents.1.other")
    try Data([1, 2, 3]).write(to: foreign)
    #expect(throws: ExportError.foreignEvents(path: foreign.path)) {
      try Self.export(into: folder)
    }
    #expect(try Self.names(folder) == [foreign.lastPathComponent])
  }

  /// Two runs sent into one folder by one export (as two run names differing only in case do on
  /// a case-insensitive disk): the first is written, the second refused, not mixed with it.
  @Test func twoRunsIntoOneFolderAreRefusedNotMixed() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = folder.appendingPathComponent("events.out.tfevents.1764547200.runner")
    #expect(throws: ExportError.sharedFolder(path: first.path)) {
      try TensorBoardExport.write([
        (Self.fixtureRun, folder), (Self.run(startedAt: 1_764_550_000), folder),
      ])
    }
    #expect(try Self.names(folder) == [first.lastPathComponent])
    // Even when the two runs started in the same second (their files would have one name).
    try FileManager.default.removeItem(at: first)
    var other = Self.fixtureRun
    other.name = "Cat"
    #expect(throws: ExportError.sharedFolder(path: first.path)) {
      try TensorBoardExport.write([(Self.fixtureRun, folder), (other, folder)])
    }
    #expect(try Data(contentsOf: first) == Data(TensorBoardExport.events(Self.fixtureRun)))
    // The same run exported twice at once (its file made since the check, byte for byte) is
    // no clash.
    try FileManager.default.removeItem(at: first)
    try TensorBoardExport.write([(Self.fixtureRun, folder), (Self.fixtureRun, folder)])
    #expect(try Self.names(folder) == [first.lastPathComponent])
  }

  /// Another export writing into the folder while this one writes (after the folder was checked
  /// again, before the file is in place): this export is refused and removes the file it made;
  /// the other export's file and an earlier export's are kept.
  @Test func anotherExportAtTheSameTimeIsRefused() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let earlier = folder.appendingPathComponent("events.out.tfevents.1.runner")
    try Data([0]).write(to: earlier)
    let other = folder.appendingPathComponent("events.out.tfevents.5.runner")
    #expect(throws: ExportError.sharedFolder(path: other.path)) {
      try Self.export(into: folder) { try? Data([1]).write(to: other) }
    }
    #expect(try Self.names(folder) == [earlier.lastPathComponent, other.lastPathComponent])
    // A training script's event file appearing then is refused as another writer's.
    try FileManager.default.removeItem(at: other)
    let script = folder.appendingPathComponent("events.out.tfevents.5.host")
    #expect(throws: ExportError.foreignEvents(path: script.path)) {
      try Self.export(into: folder) { try? Data([1]).write(to: script) }
    }
    #expect(try Self.names(folder) == [earlier.lastPathComponent, script.lastPathComponent])
  }

  /// The same run exported twice at once over an earlier export: the other export replaces the
  /// earlier file while this one writes. This one finds it gone and still succeeds, keeping the
  /// one event file (it used to fail with "No such file" and remove the file both wrote).
  @Test func theSameExportTwiceAtOnceKeepsTheEventFile() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data([0]).write(to: folder.appendingPathComponent("events.out.tfevents.1.runner"))
    let path = try Self.export(into: folder) { _ = try? Self.export(into: folder) }
    #expect(try Self.names(folder) == [URL(fileURLWithPath: path).lastPathComponent])
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: path))
        == Data(TensorBoardExport.events(Self.fixtureRun)))
  }
}

/// A TFRecord reader that checks both masked CRCs of every record.
enum TFRecords {
  struct Corrupt: Error {}

  static func read(_ bytes: [UInt8]) throws -> [[UInt8]] {
    var records: [[UInt8]] = []
    var offset = 0
    func le<T: FixedWidthInteger>(_ type: T.Type, at start: Int) -> T {
      bytes[start..<start + MemoryLayout<T>.size].reversed().reduce(0) { $0 << 8 | T($1) }
    }
    while offset < bytes.count {
      guard offset + 12 <= bytes.count else { throw Corrupt() }
      let length = Int(le(UInt64.self, at: offset))
      guard le(UInt32.self, at: offset + 8) == CRC32C.masked(bytes[offset..<offset + 8]),
        offset + 16 + length <= bytes.count
      else { throw Corrupt() }
      let data = Array(bytes[offset + 12..<offset + 12 + length])
      guard le(UInt32.self, at: offset + 12 + length) == CRC32C.masked(data) else {
        throw Corrupt()
      }
      records.append(data)
      offset += 16 + length
    }
    return records
  }
}
