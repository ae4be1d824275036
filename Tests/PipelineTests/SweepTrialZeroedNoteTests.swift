import Foundation
import Specs
import Testing

@testable import Pipeline

/// A float32 sweep starting from saved values below float32's smallest says, as a run says it
/// (`SavedValuesFloat32Tests`), that they are read as 0: once for the whole sweep per array and
/// place in the spec, not once per trial (every trial reading the same `init.from` would repeat
/// the same line), located at `model.init.from`, or at the value of an axis over it.
@Suite struct SweepTrialZeroedNoteTests {
  /// `SavedValuesFloat32Tests.spec`'s float32 run saved in `directory/name`, its first layer's
  /// weights holding 2 values below float32's smallest when `tiny`; its params/ folder.
  static func saved(in directory: URL, name: String, tiny: Bool) throws -> URL {
    let folder = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let (_, params) = try SavedValuesFloat32Tests.savedRun(in: folder)
    let values = [0.5, tiny ? 1e-50 : 0.2, -0.25, tiny ? -1e-46 : 0.3, 0.75, 0.1]
    try InitFromStrictTests.write(
      values, shape: [2, 3], to: params.appendingPathComponent("layer1_weights.npy"))
    return params
  }

  /// The note a float32 run gives of `saved`'s weights.
  static func note(_ saved: URL) -> String {
    "note: \(saved.appendingPathComponent("layer1_weights.npy").path) holds 2 nonzero values "
      + "too small for float32 (its smallest is \(Float.leastNonzeroMagnitude)), read as 0 "
      + "under dtype: float32"
  }

  /// The sweep's notes on values read as 0 (`spec` written in `directory` with its data).
  static func zeroedNotes(_ spec: String, in directory: URL, results: String = "results") throws
    -> [String]
  {
    try "x1,x2,y\n1.0,0.5,0.2\n2,0,1\n0,-1,0.5\n-1,1,0\n".write(
      to: directory.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    let file = try TestProject.writeSpec(spec, named: "warm.yaml", in: directory)
    let events = EventLog()
    let outcome = try SweepRunner.run(
      specPath: file,
      options: SweepFixture.options(root: directory.appendingPathComponent(results), jobs: 2)
    ) { events.append($0) }
    #expect(outcome.failed.isEmpty)
    return events.notes.filter { $0.contains("too small for") }
  }

  @Test func everyTrialStartingFromTheSameArraysGivesOneNote() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try Self.saved(in: directory, name: "a", tiny: true)
    let spec =
      SavedValuesFloat32Tests.spec.replacingOccurrences(of: "name: small", with: "name: warm")
      .replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n")
      + "\nsweep:\n  parameters: {optimizer.learning_rate: [0.1, 0.2, 0.3]}\n"
    let notes = try Self.zeroedNotes(spec, in: directory)
    let warm = directory.appendingPathComponent("warm.yaml").path
    #expect(notes.count == 1, "\(notes)")
    // At the key, as a run's: `warm.yaml:6:16: note: …`.
    let first = notes.first ?? ""
    #expect(first.hasPrefix("\(warm):6:16: " + Self.note(saved)), "\(first)")

    // float64 holds them: no note.
    let plain = spec.replacingOccurrences(of: "dtype: float32\n", with: "")
    #expect(try Self.zeroedNotes(plain, in: directory, results: "float64").isEmpty)
  }

  @Test func anAxisOverInitFromSaysItAtTheValue() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let tiny = try Self.saved(in: directory, name: "a", tiny: true)
    let plain = try Self.saved(in: directory, name: "b", tiny: false)
    let spec =
      SavedValuesFloat32Tests.spec.replacingOccurrences(of: "name: small", with: "name: warm")
      .replacingOccurrences(
        of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(plain.path)}\n")
        + """

        sweep:
          parameters:
            optimizer.learning_rate: [0.1, 0.2]
            model.init.from: [\(plain.path), \(tiny.path)]

        """
    let notes = try Self.zeroedNotes(spec, in: directory)
    let warm = directory.appendingPathComponent("warm.yaml").path
    #expect(notes.count == 1, "\(notes)")
    // At the second value of the axis's list (line 14).
    let column = "    model.init.from: [\(plain.path), ".count + 1
    #expect((notes.first ?? "").hasPrefix("\(warm):14:\(column): " + Self.note(tiny)), "\(notes)")
  }
}
