import Testing

@testable import Datasets

@Suite struct SHA256Tests {
  @Test func knownVectors() {
    #expect(
      SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var streamed = SHA256()
    for _ in 0..<1000 { streamed.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
    #expect(
      streamed.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test(.enabled(if: SharedData.available)) func catalogChecksumsMatchTheSharedFiles() throws {
    for dataset in Catalog.all {
      for file in dataset.files {
        #expect(try SHA256.hex(ofFile: SharedData.path(file.path)) == file.sha256, "\(file.path)")
      }
    }
    #expect(
      try SHA256.hex(ofFile: SharedData.path(Catalog.blobsPrimer004.path))
        == Catalog.blobsPrimer004.sha256)
  }
}
