/// A path to a value inside a spec, such as `optimizer.learning_rate` or
/// `model.layers[0].units`: mapping keys joined by dots, list indices in brackets.
public struct SpecPath: Sendable, Hashable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// One step of a path.
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
  }

  /// The path's steps from the spec's root: mapping keys and list indices.
  public var components: [Component]

  /// The path made of `components` (empty: the root).
  public init(_ components: [Component] = []) {
    self.components = components
  }

  /// Parses `a.b[2].c`; a string that is not a valid path becomes a single key (use
  /// `parse(_:)` to detect errors).
  public init(stringLiteral value: String) {
    self = (try? SpecPath.parse(value)) ?? SpecPath([.key(value)])
  }

  /// The root path (no components).
  public static let root = SpecPath()

  /// This path extended by a key.
  public func appending(_ key: String) -> SpecPath { appending(.key(key)) }

  /// This path extended by a list index.
  public func appending(index: Int) -> SpecPath { appending(.index(index)) }

  /// This path extended by `component`, copying the components once (the decoder and the
  /// writer extend a path at every key).
  private func appending(_ component: Component) -> SpecPath {
    var path = self
    path.components.append(component)
    return path
  }

  /// Whether this path is `other` or lies below it.
  public func isWithin(_ other: SpecPath) -> Bool { components.starts(with: other.components) }

  /// The last key of the path, if the path ends in a key.
  public var lastKey: String? {
    if case .key(let key)? = components.last { return key }
    return nil
  }

  /// The path with list indices replaced by `[]`, as the schema names keys
  /// (`model.layers[].units`).
  public var schemaPattern: String { written { _ in "[]" } }

  /// The path as written in specs and diagnostics, e.g. `model.layers[0].units`.
  public var description: String { written { "[\($0)]" } }

  /// Keys joined by dots, each index as `index` writes it.
  private func written(index: (Int) -> String) -> String {
    components.reduce(into: "") { out, component in
      switch component {
      case .key(let key): out += out.isEmpty ? key : "." + key
      case .index(let i): out += index(i)
      }
    }
  }

  /// Orders paths by their written form.
  public static func < (lhs: SpecPath, rhs: SpecPath) -> Bool { lhs.description < rhs.description }

  /// A malformed path, with the offset (in characters) where it goes wrong.
  public struct ParseError: Error, Sendable, CustomStringConvertible {
    /// The path text as given.
    public var text: String
    /// Character offset (0-based) in `text` where parsing failed.
    public var offset: Int
    /// What is wrong at `offset`, in a short phrase.
    public var reason: String
    /// `invalid key path '<text>': <reason>`.
    public var description: String { "invalid key path '\(text)': \(reason)" }
  }

  /// Parses `a.b[2].c`. Keys are letters, digits, `_` and `-`; indices are non-negative integers.
  public static func parse(_ text: String) throws(ParseError) -> SpecPath {
    // Most paths are ASCII keys joined by dots: split them without the per-character walk.
    let keys = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    if keys.allSatisfy({ key in
      !key.isEmpty
        && key.allSatisfy { b in
          (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }) {
      return SpecPath(keys.map { .key(String(decoding: $0, as: UTF8.self)) })
    }
    var components: [Component] = []
    let chars = Array(text)
    var i = 0
    func isKeyChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" }
    func failure(_ reason: String) -> ParseError {
      ParseError(text: text, offset: i, reason: reason)
    }
    if chars.isEmpty { throw failure("the path is empty") }
    while i < chars.count {
      if chars[i] == "[" {
        guard !components.isEmpty else { throw failure("a path must start with a key") }
        let j = chars[(i + 1)...].firstIndex { !($0.isASCII && $0.isNumber) } ?? chars.count
        guard j > i + 1, j < chars.count, chars[j] == "]",
          let index = Int(String(chars[(i + 1)..<j]))
        else { throw failure("expected a list index like [0]") }
        components.append(.index(index))
        i = j + 1
      } else {
        if !components.isEmpty {
          guard chars[i] == "." else {
            throw failure("expected '.' or '[' after '\(SpecPath(components))'")
          }
          i += 1
        }
        let j = chars[i...].firstIndex { !isKeyChar($0) } ?? chars.count
        guard j > i else { throw failure("expected a key name") }
        components.append(.key(String(chars[i..<j])))
        i = j
      }
    }
    return SpecPath(components)
  }
}
