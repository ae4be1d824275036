import CHDF5
import Foundation
import Testing

@testable import Datasets

/// HDF5 inflates a whole chunk to read any value of it: a 20×3 dataset stored in chunks of
/// millions of rows made every command allocate the chunk whatever the memory limit. A chunk
/// larger than both the dataset and 64 MiB is refused before a value is read.
@Suite struct HDF5ChunkTests {
  /// `chunks.h5` with a 20×3 float64 dataset `x`, extendable, in chunks of `rows`×3 (none
  /// written: only the layout is read).
  static func file(_ dir: TemporaryDirectory, rows: Int) throws -> String {
    let path = dir.path + "/chunks.h5"
    try HDF5File.locked(path) {
      let file = H5Fcreate(path, runner_h5f_acc_trunc(), runner_h5p_default(), runner_h5p_default())
      defer { H5Fclose(file) }
      var dims: [hsize_t] = [20, 3]
      var most: [hsize_t] = [hsize_t.max, 3]  // H5S_UNLIMITED rows
      let space = H5Screate_simple(2, &dims, &most)
      defer { H5Sclose(space) }
      let create = H5Pcreate(runner_h5p_dataset_create())
      defer { H5Pclose(create) }
      var chunk: [hsize_t] = [hsize_t(rows), 3]
      H5Pset_chunk(create, 2, &chunk)
      H5Pset_deflate(create, 6)
      H5Dclose(
        H5Dcreate2(
          file, "x", runner_h5t_native_double(), space, runner_h5p_default(), create,
          runner_h5p_default()))
    }
    return path
  }

  @Test func aChunkFarLargerThanItsDatasetIsRefused() throws {
    let dir = TemporaryDirectory()
    let path = try Self.file(dir, rows: 3_000_000)
    let message =
      "\(path) (dataset 'x'): its chunks of shape (3000000, 3) take 72000000 bytes "
      + "each, for values of 480 bytes: HDF5 inflates a whole chunk to read any value of it; "
      + "rewrite the dataset with smaller chunks (h5py: f.create_dataset(name, data=x, "
      + "chunks=True))"
    #expect(
      InputFaultTests.dataError { _ = try HDF5File.read(path, dataset: "x") }?.description
        == message)
    #expect(
      InputFaultTests.dataError { _ = try DataLoader.checkMember("x", in: path) }?.description
        == message)
    // Chunks larger than the data but ordinary in size (h5py's own choice for small arrays).
    let other = TemporaryDirectory()
    let small = try Self.file(other, rows: 1000)
    #expect(try HDF5File.read(small, dataset: "x").shape == [20, 3])
  }
}
