import CHDF5
import Foundation
import Testing

@testable import Datasets

/// An HDF5 dataset reached through an external link (or a soft link to one) was read from
/// the other file silently: the run trained on values `data_files.csv` does not record. It is
/// refused, naming the link, as external storage is.
@Suite struct HDF5LinkTests {
  /// `links.h5` holding `y`, an external link `x` to `other.h5`'s `x`, a soft link `s` to `x`,
  /// and an external link `gone` to a file that does not exist.
  static func files(_ dir: TemporaryDirectory) throws -> String {
    let x = try NDArray(shape: [4, 2], storage: .float64([1, 2, 3, 4, 5, 6, 7, 8]))
    try HDF5File.write(dir.path + "/other.h5", arrays: [("x", x)])
    let path = dir.path + "/links.h5"
    let y = try NDArray(shape: [4], storage: .int64([0, 1, 0, 1]))
    try HDF5File.write(path, arrays: [("y", y)])
    try HDF5File.locked(path) {
      let file = H5Fopen(path, 1, runner_h5p_default())  // H5F_ACC_RDWR
      defer { H5Fclose(file) }
      H5Lcreate_external("other.h5", "/x", file, "x", runner_h5p_default(), runner_h5p_default())
      H5Lcreate_soft("/x", file, "s", runner_h5p_default(), runner_h5p_default())
      H5Lcreate_external("gone.h5", "/x", file, "gone", runner_h5p_default(), runner_h5p_default())
    }
    return path
  }

  @Test func aDatasetBehindAnExternalLinkIsRefusedNamingTheLink() throws {
    let dir = TemporaryDirectory()
    let path = try Self.files(dir)
    func refusal(_ name: String, _ place: String) -> String {
      "\(path), dataset '\(name)': its values are not in this file: \(place); only the file the "
        + "spec names is read: copy the values into a regular dataset (h5py: "
        + "f.create_dataset(name, data=x))"
    }
    let external = "an external link to 'other.h5', object '/x'"
    for (name, place) in [
      ("x", external), ("s", "a soft link to '/x', \(external)"),
      ("gone", "an external link to 'gone.h5', object '/x'"),
    ] {
      #expect(
        InputFaultTests.dataError { _ = try HDF5File.read(path, dataset: name) }?.description
          == refusal(name, place))
      #expect(
        InputFaultTests.dataError { _ = try DataLoader.checkMember(name, in: path) }?
          .description == refusal(name, place))
    }
    // Listed (so the error names the link, not a missing dataset), never followed.
    #expect(try HDF5File.datasetNames(in: path) == ["gone", "s", "x", "y"])
    #expect(try HDF5File.read(path, dataset: "y").shape == [4])
  }
}
