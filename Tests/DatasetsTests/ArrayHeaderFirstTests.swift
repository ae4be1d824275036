import Foundation
import Testing

@testable import Datasets

/// Tester AW's F9: `runner run` inflated a whole NPZ member (1 GiB) before refusing a sample
/// count that `runner validate` finds from the two headers. The run reads the features'
/// header and the targets first, so the count is refused before any feature value is read.
@Suite struct ArrayHeaderFirstTests {
  /// An uncompressed NPZ of `x` (20 samples) and `y` (5 labels) whose `x` values are damaged
  /// after its header: reading them fails its CRC check, reading its header does not.
  static func archive(_ dir: TemporaryDirectory) throws -> String {
    let x = try NDArray(shape: [20, 3], storage: .float64((0..<60).map(Double.init)))
    let y = try NDArray(shape: [5], storage: .float64([0, 1, 0, 1, 0]))
    var bytes = NPZFile.encode([("x", x), ("y", y)], compressed: false)
    // x's last value byte, just before y's local header (`PK\u{3}\u{4}`).
    let second = try #require(
      (1..<bytes.count - 3).last { bytes[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 3, 4]) })
    bytes[second - 1] ^= 0xFF
    return dir.write("xy.npz", bytes)
  }

  @Test func aCountTheHeadersContradictIsRefusedBeforeTheValuesAreRead() throws {
    let dir = TemporaryDirectory()
    let path = try Self.archive(dir)
    // The damage is real: reading x whole fails.
    #expect(throws: (any Error).self) { _ = try NPZFile.read(path, member: "x") }
    let source = DataSource.arrays(
      features: ArrayReference(file: path, dataset: "x"),
      target: ArrayReference(file: path, dataset: "y"))
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    let error = InputFaultTests.dataError {
      _ = try loader.load(source, target: .classification(classCount: nil))
    }
    #expect(
      error?.description.contains("5 targets for 20 samples in \(path), member 'x'") == true,
      "\(String(describing: error))")
  }
}
