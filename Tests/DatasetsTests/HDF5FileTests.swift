import Engine
import Testing

@testable import Datasets

@Suite struct HDF5FileTests {
  @Test(.needsSharedData) func readsTheCourseCatFiles() throws {
    let train = SharedData.path("catvnoncat/train_catvnoncat.h5")
    #expect(try HDF5File.datasetNames(in: train) == ["list_classes", "train_set_x", "train_set_y"])
    let x = try HDF5File.read(train, dataset: "train_set_x")
    #expect(x.shape == [209, 64, 64, 3])
    #expect(x.elementType == .uint8)
    guard case .uint8(let pixels) = x.storage else {
      Issue.record("not uint8")
      return
    }
    #expect(Array(pixels[0..<3]) == [17, 31, 56])
    let mean = Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count)
    #expect(abs(mean - 103.007126) < 1e-6)
    let y = try HDF5File.read(train, dataset: "train_set_y")
    #expect(y.shape == [209] && y.elementType == .int64)
    let labels = try y.classIndices(classCount: 2)
    #expect(Array(labels[0..<20]) == [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1])
    #expect(labels.filter { $0 == 1 }.count == 72)
    #expect(try HDF5File.readStrings(train, dataset: "list_classes") == ["non-cat", "cat"])

    let test = SharedData.path("catvnoncat/test_catvnoncat.h5")
    #expect(try HDF5File.read(test, dataset: "test_set_x").shape == [50, 64, 64, 3])
    #expect(
      try HDF5File.read(test, dataset: "test_set_y").classIndices().filter { $0 == 1 }.count == 33)
  }

  @Test func roundTripsEveryNumericTypeInBothByteOrders() throws {
    let dir = TemporaryDirectory()
    let arrays: [(String, NDArray)] = try [
      ("u8", NDArray(shape: [2, 3], storage: .uint8([0, 1, 2, 253, 254, 255]))),
      ("i16", NDArray(shape: [3], storage: .int16([-300, 0, 300]))),
      ("u32", NDArray(shape: [2], storage: .uint32([7, 4_000_000_000]))),
      ("i64", NDArray(shape: [2, 1], storage: .int64([-5, 1 << 40]))),
      ("f32", NDArray(shape: [2, 2], storage: .float32([0.5, -1.25, 3e-8, 1e30]))),
      ("f64", NDArray(shape: [1, 2, 2], storage: .float64([0.1, 0.2, -0.3, 1e-300]))),
    ]
    for bigEndian in [false, true] {
      let path = dir.path + "/types-\(bigEndian).h5"
      try HDF5File.write(
        path, arrays: arrays.map { ($0.0, $0.1) }, strings: [("names", ["a", "bcd"])],
        bigEndian: bigEndian)
      for (name, array) in arrays {
        let read = try HDF5File.read(path, dataset: name)
        #expect(read.shape == array.shape)
        #expect(read.storage == array.storage, "dataset \(name), big-endian \(bigEndian)")
      }
      #expect(try HDF5File.readStrings(path, dataset: "names") == ["a", "bcd"])
    }
  }

  @Test func missingDatasetNamesTheFileAndListsWhatExists() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/small.h5"
    try HDF5File.write(path, arrays: [("x", NDArray(shape: [1], storage: .float64([1])))])
    let error = #expect(throws: DataError.self) { try HDF5File.read(path, dataset: "train_set_x") }
    #expect(error?.description == "\(path): no dataset named 'train_set_x'; available: 'x'")
    #expect(error?.exitCode == 65)
  }

  @Test func datasetsInGroupsAreListedAndReadByPath() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/nested.h5"
    let x = try NDArray(shape: [2, 2], storage: .float32([1, 2, 3, 4]))
    try HDF5File.write(path, arrays: [("top", x), ("train/images/x", x), ("train/y", x)])
    #expect(try HDF5File.datasetNames(in: path) == ["top", "train/images/x", "train/y"])
    #expect(try HDF5File.read(path, dataset: "train/images/x").storage == x.storage)
  }

  @Test func refusesAFileThatIsNotHDF5() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("fake.h5", text: "hello, not hdf5")
    let error = #expect(throws: DataError.self) { try HDF5File.read(path, dataset: "x") }
    #expect(error?.description.hasPrefix("\(path) (offset 0): not an HDF5 file") == true)
    #expect(error?.exitCode == 65)
    let missing = #expect(throws: DataError.self) {
      try HDF5File.read(dir.path + "/absent.h5", dataset: "x")
    }
    #expect(missing?.exitCode == 66)
  }

  @Test func stringDatasetIsNotReadAsNumbers() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/s.h5"
    try HDF5File.write(path, arrays: [], strings: [("list_classes", ["non-cat", "cat"])])
    let error = #expect(throws: DataError.self) { try HDF5File.read(path, dataset: "list_classes") }
    #expect(error?.description.contains("holds strings, not numbers") == true)
  }
}
