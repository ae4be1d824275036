import CHDF5
import Foundation
import Testing

@testable import Datasets

/// Tester AW's F10 e: an HDF5 name that is a dangling soft link, or a group, was refused as
/// "no dataset named 'x'; available: 'y'" though it is there. It is named for what it is.
@Suite struct HDF5NotADatasetTests {
  @Test func aDanglingLinkAndAGroupAreNamedForWhatTheyAre() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/odd.h5"
    let a = try NDArray(shape: [4, 2], storage: .float64([1, 2, 3, 4, 5, 6, 7, 8]))
    let y = try NDArray(shape: [4], storage: .int64([0, 1, 0, 1]))
    try HDF5File.write(path, arrays: [("g/a", a), ("g/b", a), ("y", y)])
    try HDF5File.locked(path) {
      let file = H5Fopen(path, 1, runner_h5p_default())  // H5F_ACC_RDWR
      defer { H5Fclose(file) }
      H5Lcreate_soft("/nothere", file, "x", runner_h5p_default(), runner_h5p_default())
    }
    let dangling = InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: path) }
    #expect(
      dangling?.description
        == "\(path), dataset 'x': a soft link to '/nothere', which leads to nothing in the "
        + "file: point the link at a dataset, or name the dataset itself")
    let group = InputFaultTests.dataError { _ = try DataLoader.checkMember("g", in: path) }
    #expect(
      group?.description
        == "\(path), dataset 'g': a group, not a dataset: name one of its datasets ('g/a', "
        + "'g/b')")
    // A name that is not there at all keeps its message.
    let missing = InputFaultTests.dataError { _ = try DataLoader.checkMember("z", in: path) }
    #expect(missing?.description.contains("no dataset named 'z'") == true)
  }
}
