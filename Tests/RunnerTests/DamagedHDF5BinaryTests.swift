import Datasets
import Foundation
import Testing

extension InputFaultBinaryTests {
  // A dataset whose layout a fuzzer turned into compact storage of 16 bytes: `validate` said
  // ok, `run` trained on memory outside the file (another loss on every run) and `data show`
  // crashed (exit 139). All three now refuse it (exit 65), located at `features:`.
  @Test func aDatasetWithLessStorageThanItsShapeIsRefusedEverywhere() throws {
    let dir = try Self.project([:])
    let h5 = dir.appendingPathComponent("damaged.h5")
    try HDF5File.write(
      h5.path,
      arrays: [
        ("x", try NDArray(shape: [12, 2], storage: .float64((0..<24).map(Double.init)))),
        ("y", try NDArray(shape: [12], storage: .int64((0..<12).map { Int64($0 % 2) }))),
      ])
    // The layout message of `x` (version 3, contiguous, an address, then its 192 bytes) made
    // compact storage of 16 bytes.
    var bytes = [UInt8](try Data(contentsOf: h5))
    let size: [UInt8] = [192, 0, 0, 0, 0, 0, 0, 0]
    func isLayout(_ i: Int) -> Bool {
      bytes[i] == 3 && bytes[i + 1] == 1 && Array(bytes[(i + 10)..<(i + 18)]) == size
    }
    let at = try #require((0..<(bytes.count - 18)).first(where: isLayout))
    bytes.replaceSubrange((at + 1)..<(at + 4), with: [0, 16, 0])
    try Data(bytes).write(to: h5)
    let spec = dir.appendingPathComponent("damaged.yaml")
    try Self.spec("damaged.h5").replacingOccurrences(
      of: "  target: label\n", with: "  features: x\n  target: y\n"
    ).write(to: spec, atomically: true, encoding: .utf8)
    let message =
      "\(h5.path): dataset 'x' is damaged: its compact storage holds 16 bytes, its shape (12, 2) "
      + "of float64 needs 192\n"
    try Self.expectRefused(spec.path, in: dir, "\(spec.path):4:13: error: " + message)
    let shown = try Self.run(["data", "show", h5.path], in: dir)
    #expect(shown.status == 65)
    #expect(shown.error == "error: " + message, "\(shown.error)")
  }
}
