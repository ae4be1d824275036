import Testing

@testable import Pipeline

@Suite("Warnings read from notes")
struct WarningLogTests {
  @Test("a note's warnings are kept whole, each once, and other notes are not warnings")
  func warningsKeptWholeEachOnce() {
    let log = WarningLog()
    log.record(note: "results: here")
    log.record(note: "warning: a\n  continued\nwarning: b")
    log.record(note: "note: c\nwarning: b")
    #expect(log.recorded == ["a\n  continued", "b"])
  }
}
