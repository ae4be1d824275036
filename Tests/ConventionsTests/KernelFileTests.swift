import Foundation
import Testing

@testable import Conventions

/// A kernel-generated file is read to its end, past the first page Foundation stops at.
@Suite struct KernelFileTests {
  /// This process's maps run past 4 KB (its libraries alone), and are read whole: every line
  /// complete, the last one ended.
  @Test func theMapsAreReadPastTheirFirstPage() throws {
    let maps = try #require(KernelFile.text("/proc/self/maps"))
    #expect(maps.utf8.count > 4096)
    #expect(maps.hasSuffix("\n"))
    for line in maps.split(separator: "\n") {
      #expect(line.firstMatch(of: #/^[0-9a-f]+-[0-9a-f]+ [-rwxps]{4} /#) != nil, "\(line)")
    }
    #expect(maps.contains("[stack]"))
  }

  @Test func aFileThatCannotBeOpenedIsNil() {
    #expect(KernelFile.text("/proc/self/no-such-file") == nil)
  }
}
