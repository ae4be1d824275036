import Conventions
import Foundation
import Testing

@testable import Pipeline

/// `runner compare` of a run folder that a run replaces while it is read (tester AQ, session
/// 39, AQ9): read again, so the comparison holds one run's files, never two runs' mixed; a folder
/// replaced at every reading is refused, naming it.
@Suite struct CompareRereadTests {
  @Test func aFolderReplacedWhileReadIsReadAgainWhole() throws {
    let root = try ResultsIndexTests.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let cat = root.appendingPathComponent("cat")
    nonisolated(unsafe) var replaced = 0
    let entries = try RunComparer.entries(["cat", "xor-mlp-sigmoid"], root: root) { folder in
      // Once, during the first reading of cat: the xor run is put in its place.
      guard folder.lastPathComponent == "cat", replaced == 0 else { return }
      replaced += 1
      try? fm.moveItem(at: cat, to: root.appendingPathComponent("retired-cat"))
      try? fm.copyItem(at: root.appendingPathComponent("xor-mlp-sigmoid"), to: cat)
    }
    #expect(replaced == 1)
    // The figures and the history of cat are now the xor run's, together.
    let (now, xor) = (entries[0], entries[1])
    #expect(now.run.metric("train_loss") != nil)
    #expect(now.run.metric("train_loss") == xor.run.metric("train_loss"))
    #expect(now.history?.rows == xor.history?.rows)
    #expect(now.run.parameters.map(\.text) == xor.run.parameters.map(\.text))
  }

  @Test func aFolderReplacedAtEveryReadingIsRefused() throws {
    let root = try ResultsIndexTests.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let cat = root.appendingPathComponent("cat")
    var round = 0
    #expect(throws: CompareError.self) {
      try RunComparer.entries(["cat", "xor-mlp-sigmoid"], root: root) { folder in
        guard folder.lastPathComponent == "cat" else { return }
        round += 1
        try? fm.moveItem(at: cat, to: root.appendingPathComponent("retired-\(round)"))
        try? fm.copyItem(at: root.appendingPathComponent("retired-\(round)"), to: cat)
      }
    }
    #expect(round == FileIdentity.rereads)
  }
}
