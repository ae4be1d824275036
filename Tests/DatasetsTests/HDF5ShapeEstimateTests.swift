import CHDF5
import Foundation
import Testing

@testable import Datasets

/// A dataset's shape that its file cannot hold, even deflated as much as deflate can (a damaged
/// header said 9.15e18 × 9.15e18 in 3.5 KB), is the loader's to refuse, naming the damage; the
/// memory estimate does not take it, where it asked for 5.95e+23 PB, and the header check
/// refuses it before the targets are counted against it (tester BU-1).
@Suite struct HDF5ShapeEstimateTests {
  @Test func aShapeTheFileCannotHoldIsNotEstimated() throws {
    let dir = TemporaryDirectory()
    let path = dir.path + "/huge.h5"
    try HDF5File.locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      var dims: [hsize_t] = [1 << 40, 3]
      let space = H5Screate_simple(2, &dims, nil)
      defer { H5Sclose(space) }
      let create = H5Pcreate(runner_h5p_dataset_create())
      defer { H5Pclose(create) }
      var chunk: [hsize_t] = [1000, 3]
      H5Pset_chunk(create, 2, &chunk)
      H5Dclose(
        H5Dcreate2(
          file, "x", runner_h5t_native_double(), space, runner_h5p_default(), create,
          runner_h5p_default()))
    }
    let shape = StoredShape.of(path, dataset: "x")
    #expect(shape.samples == nil, "\(String(describing: shape.samples)) samples")
    #expect(shape.bytes < 1_048_576)
    let refusal = InputFaultTests.dataError { _ = try HDF5File.read(path, dataset: "x") }
    #expect(refusal?.description.contains("more than the file can hold") == true)
    // Its header, read before the targets are counted against it, is refused the same way:
    // else the damaged features' count blamed the targets.
    let header = InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: path) }
    #expect(header?.description == refusal?.description)
  }
}
