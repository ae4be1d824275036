import Engine
import Testing

@testable import Datasets

@Suite struct MatrixConversionTests {
  @Test func flattensSamplesInRowColumnChannelOrder() throws {
    let images = try NDArray(
      shape: [2, 2, 2, 3], storage: .uint8((0..<24).map { UInt8($0) }), origin: "imgs")
    let m = try images.matrix(Double.self, flatten: true)
    #expect(m.rows == 2 && m.cols == 12)
    #expect(m.row(1) == (12..<24).map { Double($0) })
    let error = #expect(throws: DataError.self) { try images.matrix(Double.self) }
    #expect(error?.description.contains("add `flatten` to the preprocessing steps") == true)
  }

  @Test func oneOverTwoFiftyFiveDividesLikeNumpy() throws {
    let pixels = try NDArray(shape: [256, 1], storage: .uint8((0...255).map { UInt8($0) }))
    var d = try pixels.matrix(Double.self)
    try ScaleFactor(parsing: "1/255").apply(to: &d)
    #expect(d.storage == (0...255).map { Double($0) / 255 })
    // Multiplying by the rounded reciprocal differs for some values; division must not.
    #expect((0...255).contains { Double($0) * (1.0 / 255) != Double($0) / 255 })
    var f = try pixels.matrix(Float.self)
    try ScaleFactor(numerator: 1, denominator: 255).apply(to: &f)
    #expect(f.storage == (0...255).map { Float($0) / 255 })
    var half = try pixels.matrix(Double.self)
    try ScaleFactor(parsing: "0.5").apply(to: &half)
    #expect(half[255, 0] == 127.5)
    #expect(throws: DataError.self) { try ScaleFactor(parsing: "1/0") }
    #expect(throws: DataError.self) { try ScaleFactor(parsing: "one half") }
  }

  @Test func labelsBecomeAColumnOrClassIndices() throws {
    let y = try NDArray(shape: [1, 4], storage: .int64([0, 1, 1, 0]), origin: "y.npy")
    #expect(try y.labelColumn(Double.self) == Matrix(rows: 4, cols: 1, storage: [0, 1, 1, 0]))
    #expect(try y.classIndices(classCount: 2) == [0, 1, 1, 0])
    let error = #expect(throws: DataError.self) { try y.classIndices(classCount: 1) }
    #expect(
      error?.description
        == "y.npy (index [0, 1], counting from 0): label 1 out of range: 1 classes take labels 0..0\n1 more such value:\n  index [0, 2]: 1"
    )
    let fractional = try NDArray(shape: [2], storage: .float64([0, 0.5]), origin: "f")
    #expect(throws: DataError.self) { try fractional.classIndices() }
    let wide = try NDArray(shape: [2, 2], storage: .int64([0, 1, 1, 0]), origin: "w")
    #expect(throws: DataError.self) { try wide.labelColumn(Double.self) }
  }

  @Test func nonFiniteFeaturesAreRefusedWithTheirPosition() throws {
    let x = try NDArray(shape: [2, 3], storage: .float64([1, 2, 3, 4, .nan, 6]), origin: "x.npy")
    let error = #expect(throws: DataError.self) { try x.matrix(Double.self) }
    #expect(
      error?.description == "x.npy (index [1, 1], counting from 0): nan is not a finite number")
    #expect(try x.matrix(Double.self, allowNonFinite: true).rows == 2)
  }
}
