import Engine
import Testing

@testable import Datasets

@Suite struct NPYFileTests {
  @Test(.needsSharedData) func courseCopiesEqualTheHDF5Arrays() throws {
    let x = try NPYFile.read(SharedData.path("catvnoncat/train_x.npy"))
    let h5 = try HDF5File.read(
      SharedData.path("catvnoncat/train_catvnoncat.h5"), dataset: "train_set_x")
    #expect(x.shape == [209, 64, 64, 3])
    #expect(x.storage == h5.storage)
    let y = try NPYFile.read(SharedData.path("catvnoncat/test_y.npy"))
    #expect(y.shape == [50] && y.elementType == .int64)
    #expect(try y.classIndices(classCount: 2).filter { $0 == 1 }.count == 33)
  }

  @Test(arguments: [false, true], [false, true])
  func readsBothByteOrdersAndLayouts(bigEndian: Bool, fortran: Bool) throws {
    let arrays = try [
      NDArray(shape: [2, 3], storage: .float64([1, 2, 3, 4, 5, 6.5])),
      NDArray(shape: [2, 3, 2], storage: .int32((0..<12).map { Int32($0) - 6 })),
      NDArray(shape: [4], storage: .uint16([1, 256, 65535, 0])),
      NDArray(shape: [3, 2], storage: .float32([0.25, -1, 3, 4, 5, 1e-3])),
      NDArray(shape: [2, 2], storage: .bool([true, false, false, true])),
    ]
    for array in arrays {
      let bytes = NPYFile.encode(array, bigEndian: bigEndian, fortranOrder: fortran)
      let read = try bytes.withUnsafeBytes { try NPYFile.parse($0, origin: "fixture.npy") }
      #expect(read.shape == array.shape)
      #expect(read.storage == array.storage)
    }
  }

  @Test func fortranOrderIsReorderedToRows() throws {
    // numpy: np.asfortranarray(np.arange(6).reshape(2, 3)) stores 0 3 1 4 2 5.
    let header = "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }"
    var bytes = NPYFile.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
    for v in [0, 3, 1, 4, 2, 5] as [Int64] { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    let read = try bytes.withUnsafeBytes { try NPYFile.parse($0, origin: "f.npy") }
    #expect(read.storage == .int64([0, 1, 2, 3, 4, 5]))
  }

  @Test func refusesBadMagicTruncationAndUnknownTypes() throws {
    let dir = TemporaryDirectory()
    let good = NPYFile.encode(try NDArray(shape: [3], storage: .float64([1, 2, 3])))
    let truncated = dir.write("t.npy", Array(good.dropLast(5)))
    var error = #expect(throws: DataError.self) { try NPYFile.read(truncated) }
    #expect(
      error?.description
        == "\(truncated) (offset 128): truncated data: shape (3,) of float64 needs 24 bytes, 19 present"
    )
    #expect(error?.exitCode == 65)

    let badMagic = dir.write("m.npy", [0x50, 0x4B] + Array(good.dropFirst(2)))
    error = #expect(throws: DataError.self) { try NPYFile.read(badMagic) }
    #expect(
      error?.description
        == "\(badMagic) (offset 0): not a .npy file (bad magic; expected \\x93NUMPY)")

    let header = "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }"
    let complex = dir.write(
      "c.npy", NPYFile.magic + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8))
    error = #expect(throws: DataError.self) { try NPYFile.read(complex) }
    #expect(error?.description.contains("unsupported dtype '<c16'") == true)

    let missing = #expect(throws: DataError.self) { try NPYFile.read(dir.path + "/none.npy") }
    #expect(missing?.exitCode == 66)
  }
}
