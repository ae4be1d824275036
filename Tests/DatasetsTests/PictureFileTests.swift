import Foundation
import Testing

@testable import Datasets

/// A picture given as data is named as one, by its magic number, wherever it is read (as an
/// array file or as a CSV table); text that merely starts like a BMP (`BMI,…`) stays a table.
@Suite struct PictureFileTests {
  static let pictures: [(String, [UInt8])] = [
    ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
    ("JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46]),
    ("GIF", Array("GIF89a".utf8) + [2, 0, 2, 0]),
    // A 70-byte BMP: its size's high bytes are NUL before the four reserved zero bytes.
    ("BMP", Array("BM".utf8) + [70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0]),
  ]

  @Test(arguments: pictures.map(\.0))
  func aPictureIsNamedAsArrayAndAsTable(_ format: String) throws {
    let dir = TemporaryDirectory()
    let bytes = try #require(Self.pictures.first { $0.0 == format }).1
    for name in ["me.npy", "me.csv", "me"] {
      let path = dir.write(name, bytes)
      let expected = DataError.image(file: path, format: format)
      #expect(InputFaultTests.dataError { _ = try FileFormat.detect(path) } == expected, "\(name)")
      #expect(InputFaultTests.dataError { _ = try DataTable.read(path) } == expected, "\(name)")
    }
  }

  @Test func theAdviceSavesTheTrainingSamplesShapeWithALeadingAxis() {
    #expect(
      DataError.image(file: "/d/me.jpg", format: "JPEG", sampleShape: [64, 64, 3]).description
        == "/d/me.jpg: a JPEG image (its magic number says so): the runner reads arrays (CSV, "
        + "HDF5, NPY, NPZ or IDX), not pictures\nhelp: save its pixels as a .npy array with a "
        + "leading sample axis, resized to the training samples' 64×64 (shape (1, 64, 64, 3)): "
        + "`python3 -c \"import numpy as np; from PIL import Image; np.save('me.npy', "
        + "np.asarray(Image.open('me.jpg').convert('RGB').resize((64, 64)))[None])\"` and give "
        + "me.npy")
    #expect(
      DataError.image(file: "digit.png", format: "PNG", sampleShape: [28, 28]).description
        .hasSuffix(
          "resized to the training samples' 28×28 (shape (1, 28, 28)): `python3 -c \"import "
            + "numpy as np; from PIL import Image; np.save('digit.npy', np.asarray(Image.open("
            + "'digit.png').convert('L').resize((28, 28)))[None])\"` and give digit.npy"))
  }

  @Test func textStartingLikeABitmapIsATable() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("bmi.csv", Array("BMI,age\n21.5,40\n".utf8))
    #expect(try FileFormat.detect(path) == .csv)
    #expect(try DataTable.read(path).rows.count == 1)
  }
}
