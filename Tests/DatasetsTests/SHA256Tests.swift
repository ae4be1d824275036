import Foundation
import Testing

@testable import Datasets

@Suite struct SHA256Tests {
  @Test func knownVectors() {
    #expect(
      SHA256Digest.hex([UInt8]())
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256Digest.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256Digest.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// A file is read in 1 MiB chunks: a million `a` (FIPS 180-4's vector), and 3 MiB + 7 bytes
  /// hashed from the file and from memory alike.
  @Test func filesAreHashedInChunks() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sha256-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let million = folder.appendingPathComponent("a.txt")
    try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: million)
    #expect(
      try SHA256Digest.hex(ofFile: million.path)
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    let bytes = (0..<(3 << 20) + 7).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let big = folder.appendingPathComponent("big.bin")
    try Data(bytes).write(to: big)
    #expect(try SHA256Digest.hex(ofFile: big.path) == SHA256Digest.hex(bytes))
    #expect(try SHA256Digest.hex(ofContent: big.path) == SHA256Digest.hex(bytes))
  }

  @Test(.needsSharedData) func catalogChecksumsMatchTheSharedFiles() throws {
    for dataset in Catalog.all {
      for file in dataset.files {
        #expect(
          try SHA256Digest.hex(ofFile: SharedData.path(file.path)) == file.sha256, "\(file.path)")
      }
    }
    #expect(
      try SHA256Digest.hex(ofFile: SharedData.path(Catalog.blobsPrimer004.path))
        == Catalog.blobsPrimer004.sha256)
  }
}
