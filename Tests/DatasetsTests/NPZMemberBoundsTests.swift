import Foundation
import Testing

@testable import Datasets

/// An NPZ member's `.npy` header is read before the member is inflated: a member larger than
/// its shape needs (a zip bomb behind a `(20, 3)` header) is refused uninflated, and the
/// memory estimate takes the member's shape and uncompressed size, not one value per byte
/// of the (compressed) archive.
@Suite struct NPZMemberBoundsTests {
  /// A deflated NPZ of `x.npy` with `(20, 3)` float64 in its header and `extra` zero bytes
  /// after its values.
  static func bomb(_ dir: TemporaryDirectory, extra: Int) throws -> String {
    let x = try NDArray(shape: [20, 3], storage: .float64((0..<60).map(Double.init)))
    let payload = NPYFile.encode(x) + [UInt8](repeating: 0, count: extra)
    return dir.write(
      "bomb.npz", zip(name: "x.npy", stored: Inflater.compress(payload), size: payload.count))
  }

  /// A one-member ZIP archive whose member `name` holds the deflated bytes `stored` of `size`
  /// bytes. Its CRC is left 0: the member inflated whole fails its CRC check, so only a
  /// refusal made before inflating it names the extra bytes.
  static func zip(name: String, stored: [UInt8], size: Int) -> [UInt8] {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    let fileName = Array(name.utf8)
    let common =
      le16(20) + le16(0) + le16(8) + le16(0) + le16(0x21) + le32(0) + le32(stored.count)
      + le32(size) + le16(fileName.count) + le16(0)
    var out = le32(0x0403_4B50) + common + fileName + stored
    let central =
      le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0)
      + fileName
    let centralOffset = out.count
    out += central
    out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1)
    out += le32(central.count) + le32(centralOffset) + le16(0)
    return out
  }

  @Test func aMemberLargerThanItsHeaderSaysIsRefusedBeforeItIsInflated() throws {
    let dir = TemporaryDirectory()
    let path = try Self.bomb(dir, extra: 4 << 20)
    let message =
      "\(path), member 'x' (offset 608): \(4 << 20) bytes of extra data after the 480 bytes that "
      + "shape (20, 3) of float64 needs: the header's shape is wrong or the file is damaged; "
      + "save the array again with np.save"
    #expect(
      InputFaultTests.dataError { _ = try NPZFile.read(path, member: "x") }?.description
        == message)
    #expect(
      InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: path) }?.description
        == message)
    // No memory estimate applies to what the loader refuses uninflated.
    #expect(!StoredShape.of(path, dataset: "x").readable)
  }

  @Test func theMemoryEstimateTakesTheMembersShapeAndSize() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [500, 4], storage: .float64([Double](repeating: 0, count: 2000)))
    let path = dir.write("d.npz", NPZFile.encode([("X", x)], compressed: true))
    let shape = StoredShape.of(path, dataset: "X")
    #expect(shape.samples == 500 && shape.valuesPerSample == 4)
    #expect(shape.bytes == Double(NPYFile.encode(x).count))
    #expect(try DataLoader.checkMember("X", in: path) == [500, 4])
    // `runner validate` reads array files up to a size once inflated, not on disk.
    let source = DataSource.arrays(features: ArrayReference(file: path, dataset: "X"), target: nil)
    let configuration = DataConfiguration(
      split: .given(train: source, dev: nil, test: nil), target: .regression, seed: 1)
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    #expect(loader.featureArrayFiles(configuration).map(\.bytes) == [NPYFile.encode(x).count])
  }
}
