import Foundation

/// Files already read by this process's runs of one sweep, so its trials read each data file
/// once instead of once per trial (each trial still splits and preprocesses its own copy).
/// An entry is the samples exactly as read, under the source, the target kind and the
/// identity (path, size, modification time) of every file read; a file that changed is read
/// again. The read copy is the one the memory estimate already counts (`data` includes the
/// bytes as read), and at most `capacity` bytes are kept.
public final class SourceCache: @unchecked Sendable {
  struct Entry {
    var source: DataSource
    var target: TargetKind
    var files: [FileIdentity]
    var samples: LabeledArrays
    var bytes: Int
  }

  /// A file as it was when read.
  struct FileIdentity: Equatable {
    var path: String
    var size: UInt64
    var modified: Date

    /// `path` as it is now; nil when it cannot be examined.
    init?(_ path: String) {
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let size = attributes[.size] as? NSNumber,
        let modified = attributes[.modificationDate] as? Date
      else { return nil }
      self.path = path
      self.size = size.uint64Value
      self.modified = modified
    }
  }

  private let lock = NSLock()
  private var entries: [Entry] = []
  /// The most bytes of samples kept.
  public let capacity: Int

  /// An empty cache keeping at most `capacity` bytes (256 MiB by default).
  public init(capacity: Int = 256 << 20) { self.capacity = capacity }

  /// The samples of `source` read for `target` from `paths` (resolved), when their files are
  /// unchanged since.
  func samples(_ source: DataSource, _ target: TargetKind, paths: [String]) -> LabeledArrays? {
    let now = paths.map(FileIdentity.init)
    return lock.withLock {
      entries.first { $0.source == source && $0.target == target && $0.files == now }?.samples
    }
  }

  /// Keeps `samples`, read from `paths`, unless they would not fit.
  func keep(
    _ samples: LabeledArrays, _ source: DataSource, _ target: TargetKind, paths: [String]
  ) {
    let files = paths.compactMap(FileIdentity.init)
    guard files.count == paths.count else { return }
    let arrays = [samples.features] + (samples.targets.map { [$0] } ?? [])
    let bytes = arrays.map { $0.count * $0.elementType.byteCount }.reduce(0, +)
    lock.withLock {
      entries.removeAll { $0.source == source && $0.target == target }
      guard entries.map(\.bytes).reduce(bytes, +) <= capacity else { return }
      entries.append(
        Entry(source: source, target: target, files: files, samples: samples, bytes: bytes))
    }
  }
}
