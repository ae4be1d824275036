import Datasets
import Foundation
import Testing

extension InputFaultBinaryTests {
  // A root-group local heap whose data address is undefined (all ones) crashed libhdf5 inside
  // the runner: `data show` and `run` died of SIGSEGV (exit 139). The crash is now caught and
  // refused as a damaged file, exit 65, located at `file:`, and the run leaves nothing.
  @Test func aFileThatCrashesHDF5IsRefusedAsDamaged() throws {
    let dir = try Self.project([:])
    let h5 = dir.appendingPathComponent("crashing.h5")
    try HDF5File.write(
      h5.path,
      arrays: [
        ("x", try NDArray(shape: [12, 2], storage: .float64((0..<24).map(Double.init)))),
        ("y", try NDArray(shape: [12], storage: .int64((0..<12).map { Int64($0 % 2) }))),
      ])
    // The local heap: "HEAP", version, 3 reserved bytes, its data segment's size, the offset
    // of its free list, then the data segment's address.
    let original = [UInt8](try Data(contentsOf: h5))
    var bytes = original
    let heap = try #require(
      (0..<(original.count - 32)).first { Array(original[$0..<($0 + 4)]) == Array("HEAP".utf8) })
    bytes.replaceSubrange((heap + 24)..<(heap + 32), with: [UInt8](repeating: 0xff, count: 8))
    try Data(bytes).write(to: h5)
    let spec = dir.appendingPathComponent("crashing.yaml")
    try Self.spec("crashing.h5").replacingOccurrences(
      of: "  target: label\n", with: "  features: x\n  target: y\n"
    ).write(to: spec, atomically: true, encoding: .utf8)
    let message =
      "\(h5.path): HDF5 crashed reading it: the file is damaged (its internal structure is "
      + "broken; re-create it, e.g. save the arrays again with h5py)\n"
    try Self.expectRefused(spec.path, in: dir, "\(spec.path):3:9: error: " + message)
    let shown = try Self.run(["data", "show", h5.path], in: dir)
    #expect(shown.status == 65)
    #expect(shown.error == "error: " + message, "\(shown.error)")
    // A data segment size of all ones crashes inside malloc, holding its lock: the runner hung
    // when the crash was caught on the thread that goes on to report it.
    bytes.replaceSubrange(
      (heap + 24)..<(heap + 32), with: [UInt8](original[(heap + 24)..<(heap + 32)]))
    bytes.replaceSubrange((heap + 8)..<(heap + 16), with: [UInt8](repeating: 0xff, count: 8))
    try Data(bytes).write(to: h5)
    let sized = try Self.run(["data", "show", h5.path], in: dir)
    #expect(sized.status == 65)
    // (glibc's own "malloc(): corrupted top size" line comes first: it writes it before aborting)
    #expect(sized.error.hasSuffix("\nerror: " + message), "\(sized.error)")
  }
}
