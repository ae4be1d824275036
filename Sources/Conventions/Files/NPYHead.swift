import Foundation

/// The dimensions a `.npy` file's header declares (its dict's `'shape': (…)`), read from the
/// file's first bytes without checking the rest: for estimates and labels, which must not fail.
/// A damaged header gives nil (the data loader, which checks every byte, names the problem).
public enum NPYHead {
  /// The `.npy` magic, `\x93NUMPY`.
  public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  /// The shape in `head` (a file's first bytes, 4096 or fewer), or nil when none is found.
  public static func dims(_ head: [UInt8]) -> [Int]? {
    let text = String(decoding: head.prefix(4096), as: UTF8.self)
    guard let open = text.range(of: "'shape':")?.upperBound,
      let start = text[open...].firstIndex(of: "("), let end = text[start...].firstIndex(of: ")")
    else { return nil }
    let dims = text[text.index(after: start)..<end].split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    return dims.isEmpty ? nil : dims
  }
}
