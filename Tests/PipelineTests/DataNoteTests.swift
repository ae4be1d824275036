import Testing

@testable import Pipeline

/// A run whose data takes seconds to read or generate says so before the first progress line
/// (a 100-million-sample generator was silent for a minute).
@Suite struct DataNoteTests {
  @Test func muchDataIsAnnouncedAndLittleIsNot() {
    #expect(
      ExperimentRunner.dataNote("big", bytes: 916 * 1024 * 1024)
        == "big: preparing about 916 MB of data before training")
    #expect(ExperimentRunner.dataNote("small", bytes: 255 * 1024 * 1024) == nil)
  }
}
