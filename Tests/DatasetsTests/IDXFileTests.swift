import CZlib
import Engine
import Foundation
import Testing

@testable import Datasets

/// gzip-compresses bytes with zlib (fixtures for IDX tests).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
  let path = NSTemporaryDirectory() + "gz-" + UUID().uuidString
  defer { try? FileManager.default.removeItem(atPath: path) }
  let file = gzopen(path, "wb")
  _ = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
  gzclose(file)
  return Array(FileManager.default.contents(atPath: path) ?? Data())
}

func idxImages(count: Int, rows: Int, cols: Int) -> [UInt8] {
  var bytes: [UInt8] = [0, 0, 8, 3]
  for d in [count, rows, cols] { bytes += [0, 0, UInt8(d >> 8), UInt8(d & 0xFF)] }
  bytes += (0..<(count * rows * cols)).map { UInt8($0 % 251) }
  return bytes
}

@Suite struct IDXFileTests {
  @Test func readsPlainAndGzippedImagesExactly() throws {
    let dir = TemporaryDirectory()
    let raw = idxImages(count: 3, rows: 4, cols: 5)
    let plain = dir.write("imgs-idx3-ubyte", raw)
    let packed = dir.write("imgs-idx3-ubyte.gz", gzip(raw))
    for path in [plain, packed] {
      let array = try IDXFile.read(path)
      #expect(array.shape == [3, 4, 5])
      #expect(array.storage == .uint8(Array(raw[16...])))
      let matrix = try IDXFile.readMatrix(path, as: Float.self)
      #expect(matrix.rows == 3 && matrix.cols == 20)
      #expect(matrix.storage == raw[16...].map { Float($0) })
      #expect(try FileFormat.detect(path) == .idx)
    }
    var labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 4, 7, 2, 1, 0]
    #expect(try IDXFile.read(dir.write("l.idx", labels)).storage == .uint8([7, 2, 1, 0]))
    labels = [0, 0, 0x0C, 1, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0, 1, 0]
    #expect(try IDXFile.read(dir.write("i32.idx", labels)).storage == .int32([-2, 256]))
  }

  @Test func damagedFilesAreRefusedWithTheOffset() throws {
    let dir = TemporaryDirectory()
    let raw = idxImages(count: 2, rows: 3, cols: 3)
    let short = dir.write("short.idx", Array(raw.dropLast(4)))
    var error = #expect(throws: DataError.self) { try IDXFile.read(short) }
    #expect(
      error?.description
        == "\(short) (offset 30): truncated data: shape (2, 3, 3) of uint8 needs 18 bytes from offset 16, only 14 present"
    )
    let long = dir.write("long.idx", raw + [1])
    error = #expect(throws: DataError.self) { try IDXFile.read(long) }
    #expect(
      error?.description
        == "\(long) (offset 34): extra data after the 34 bytes the header announces")
    let magic = dir.write("magic.idx", [0, 1, 8, 3] + raw.dropFirst(4))
    error = #expect(throws: DataError.self) { try IDXFile.read(magic) }
    #expect(
      error?.description
        == "\(magic) (offset 0): bad IDX magic number 00 01 08 03 (expected 00 00 08 03 for images, 00 00 08 01 for labels)"
    )
    let big = idxImages(count: 50, rows: 28, cols: 28)
    let cut = dir.write("cut.gz", Array(gzip(big).prefix(200)))
    error = #expect(throws: DataError.self) { try IDXFile.read(cut) }
    #expect(error?.description.contains("truncated") == true)
    #expect(error?.exitCode == 65)
    // A header claiming far more data than the gzip stream holds is refused before allocating.
    let huge: [UInt8] = [0, 0, 8, 3, 1, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]
    let claim = dir.write("claim.gz", gzip(huge))
    error = #expect(throws: DataError.self) { try IDXFile.read(claim) }
    #expect(
      error?.description.hasPrefix(
        "\(claim) (offset 16): shape (16777216, 28, 28) of uint8 needs 13153337360 "
          + "uncompressed bytes, but a") == true,
      "\(String(describing: error))")
  }

  @Test(.needsSharedData) func mnistFamilyLoadsWithKnownCounts() throws {
    let labels = try IDXFile.read(SharedData.path("mnist/t10k-labels-idx1-ubyte.gz")).classIndices(
      classCount: 10)
    #expect(
      (0..<10).map { c in labels.filter { $0 == c }.count } == [
        980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009,
      ])
    #expect(Array(labels[0..<10]) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    let images = try IDXFile.read(SharedData.path("fashion-mnist/t10k-images-idx3-ubyte.gz"))
    #expect(images.shape == [10000, 28, 28])
    let train = try IDXFile.readMatrix(
      SharedData.path("mnist/train-images-idx3-ubyte.gz"), as: Float.self)
    #expect(train.rows == 60000 && train.cols == 784)
    let sum = train.storage.withUnsafeBufferPointer {
      Kernels.sum($0.baseAddress!, count: $0.count)
    }
    let mean = sum / Double(train.count) / 255
    #expect(abs(mean - 0.13066) < 1e-5)
    let trainLabels = try IDXFile.read(SharedData.path("fashion-mnist/train-labels-idx1-ubyte.gz"))
      .classIndices(classCount: 10)
    #expect(Array(trainLabels[0..<10]) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
    var counts = [Int](repeating: 0, count: 10)
    for c in trainLabels { counts[c] += 1 }
    #expect(counts == Array(repeating: 6000, count: 10))
  }
}

@Suite struct NPZFileTests {
  @Test(arguments: [false, true]) func readsStoredAndDeflatedMembers(compressed: Bool) throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [3, 2], storage: .float32([1, 2, 3, 4, 5, 6]))
    let y = try NDArray(shape: [3], storage: .int64([0, 1, 0]))
    let path = dir.write("a.npz", NPZFile.encode([("x", x), ("y", y)], compressed: compressed))
    #expect(try NPZFile.memberNames(in: path) == ["x", "y"])
    #expect(try NPZFile.read(path, member: "x").storage == x.storage)
    #expect(try NPZFile.read(path, member: "y.npy").storage == y.storage)
    let error = #expect(throws: DataError.self) { try NPZFile.read(path, member: "z") }
    #expect(error?.description == "\(path): no dataset named 'z'; available: 'x', 'y'")
    #expect(try FileFormat.detect(path) == .npz)
  }

  @Test func damagedArchivesAreRefused() throws {
    let dir = TemporaryDirectory()
    let x = try NDArray(shape: [64], storage: .float64((0..<64).map(Double.init)))
    var bytes = NPZFile.encode([("x", x)], compressed: true)
    let truncated = dir.write("t.npz", Array(bytes.prefix(100)))
    #expect(throws: DataError.self) { try NPZFile.read(truncated, member: "x") }
    bytes[60] ^= 0xFF  // inside the deflated member
    let corrupt = dir.write("c.npz", bytes)
    let error = #expect(throws: DataError.self) { try NPZFile.read(corrupt, member: "x") }
    #expect(
      error?.description
        == "\(corrupt) (member 'x.npy', offset 35): corrupt deflate stream (zlib status -3)")
  }
}
