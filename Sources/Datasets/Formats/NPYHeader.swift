import Foundation

/// The parsed dict of a `.npy` header.
///
/// The header is parsed as the literal grammar numpy's reader accepts through
/// `ast.literal_eval`, restricted to what a header holds: a dict whose keys are exactly
/// `'descr'` (a string), `'fortran_order'` (`True` or `False`) and `'shape'` (a tuple of
/// non-negative integers). Anything else (a name, a call such as `__import__('os')`, an
/// operator, a list) is refused where it starts.
struct NPYHeader {
  var elementType: ElementType
  var bigEndian: Bool
  var fortranOrder: Bool
  var shape: [Int]

  /// A value of the header dict.
  enum Literal: Equatable {
    case string(String)
    case bool(Bool)
    case tuple([Int])
  }

  init(parsing header: String, origin: String, offset: Int) throws {
    func fail(_ reason: String) -> DataError {
      let shown = header.trimmingCharacters(in: .whitespacesAndNewlines)
      return .malformed(
        file: origin, location: "offset \(offset)",
        reason: "bad .npy header: \(reason) in \(shown.prefix(200))")
    }
    var parser = LiteralParser(text: Array(header.unicodeScalars))
    let entries: [String: Literal]
    do { entries = try parser.dictionary() } catch {
      guard error.structured else { throw fail(error.reason) }
      // numpy writes a record array's fields as a list: the header is fine, the dtype is not.
      throw DataError.malformed(
        file: origin, location: "offset \(offset)",
        reason: "a structured (record) array, each element holding named fields, not a number: "
          + "save each field as its own numeric array (np.save('a.npy', x['a']))")
    }
    guard case .string(let descr)? = entries["descr"] else { throw fail("no 'descr' string") }
    guard case .bool(let fortran)? = entries["fortran_order"] else {
      throw fail("no 'fortran_order' (True or False)")
    }
    guard case .tuple(let dims)? = entries["shape"] else { throw fail("no 'shape' tuple") }
    guard descr.count >= 2 else { throw fail("unsupported dtype '\(descr)'") }
    let orderChar = descr.first!
    let types: [String: ElementType] = [
      "b1": .bool, "?": .bool, "u1": .uint8, "i1": .int8, "u2": .uint16, "i2": .int16,
      "u4": .uint32, "i4": .int32, "u8": .uint64, "i8": .int64, "f4": .float32, "f8": .float64,
    ]
    guard "<>|=".contains(orderChar), let type = types[String(descr.dropFirst())] else {
      if "<>|=".contains(orderChar), let kind = Self.unread(descr.dropFirst()) {
        throw DataError.malformed(
          file: origin, location: "offset \(offset)",
          reason: "unsupported dtype '\(descr)' (\(kind)): arrays of bool, (u)int8-64, float32 "
            + "or float64 are read; convert it (x.astype(np.float64)), or store class names as "
            + "indices 0..k-1")
      }
      throw fail(
        "unsupported dtype '\(descr.prefix(40))' (supported: bool, (u)int8-64, float32, float64)")
    }
    elementType = type
    bigEndian = orderChar == ">"
    fortranOrder = fortran
    shape = dims
  }
}

extension NPYHeader {
  /// What a numpy dtype code that is not read holds (`O`: Python objects); nil for a code
  /// numpy does not write (a damaged header).
  static func unread(_ code: Substring) -> String? {
    if code == "f2" { return "float16 numbers" }
    let kinds: [Character: String] = [
      "O": "Python objects", "U": "strings", "S": "byte strings", "c": "complex numbers",
      "M": "dates", "m": "time spans", "V": "raw bytes",
    ]
    guard let first = code.first, let kind = kinds[first],
      code.dropFirst().allSatisfy(\.isNumber) || first == "M" || first == "m"
    else { return nil }
    return kind
  }
}

/// A recursive-descent parser of the header dict's literal grammar.
struct LiteralParser {
  struct Failure: Error {
    var reason: String
    /// The `descr` is a list of fields: a structured (record) dtype.
    var structured = false
  }

  let text: [Unicode.Scalar]
  var index = 0

  /// `{ key: value, ... }` with an optional trailing comma, then only whitespace.
  mutating func dictionary() throws(Failure) -> [String: NPYHeader.Literal] {
    try expect("{")
    var entries: [String: NPYHeader.Literal] = [:]
    while true {
      skipSpace()
      if peek == "}" { break }
      guard case .string(let key) = try literal() else {
        throw Failure(reason: "a dict key that is not a string at character \(index)")
      }
      guard ["descr", "fortran_order", "shape"].contains(key) else {
        throw Failure(reason: "unexpected key '\(key.prefix(40))'")
      }
      guard entries[key] == nil else { throw Failure(reason: "key '\(key)' given twice") }
      try expect(":")
      skipSpace()
      if key == "descr", peek == "[" {
        throw Failure(reason: "a structured dtype", structured: true)
      }
      entries[key] = try literal()
      skipSpace()
      if peek == "," { index += 1 } else { break }
    }
    try expect("}")
    skipSpace()
    guard index == text.count else {
      throw Failure(reason: "text after the dict at character \(index)")
    }
    return entries
  }

  /// A string, `True`, `False` or a tuple of integers.
  mutating func literal() throws(Failure) -> NPYHeader.Literal {
    skipSpace()
    guard let first = peek else { throw Failure(reason: "the header ends inside the dict") }
    if first == "'" || first == "\"" { return .string(try string(quote: first)) }
    if first == "(" { return .tuple(try tuple()) }
    let word = String(String.UnicodeScalarView(text[index...].prefix { isWordCharacter($0) }))
    if word == "True" || word == "False" {
      index += word.unicodeScalars.count
      return .bool(word == "True")
    }
    let shown = word.isEmpty ? "'\(first)'" : "'\(word.prefix(40))'"
    throw Failure(
      reason: "\(shown) at character \(index) is not a literal (only strings, True, False and "
        + "tuples of integers are read; nothing is evaluated)")
  }

  mutating func string(quote: Unicode.Scalar) throws(Failure) -> String {
    index += 1
    var value = String.UnicodeScalarView()
    while let c = peek, c != quote {
      guard c != "\\", c != "\n" else {
        throw Failure(reason: "an escape or line break inside a string at character \(index)")
      }
      value.append(c)
      index += 1
    }
    guard peek == quote else { throw Failure(reason: "an unterminated string") }
    index += 1
    return String(value)
  }

  mutating func tuple() throws(Failure) -> [Int] {
    try expect("(")
    var values: [Int] = []
    while true {
      skipSpace()
      if peek == ")" { break }
      let digits = text[index...].prefix { ("0"..."9").contains($0) }
      guard !digits.isEmpty, let value = Int(String(String.UnicodeScalarView(digits))) else {
        throw Failure(
          reason: "a shape extent that is not a non-negative integer at character \(index)")
      }
      index += digits.count
      values.append(value)
      skipSpace()
      if peek == "," { index += 1 } else { break }
    }
    try expect(")")
    return values
  }

  var peek: Unicode.Scalar? { index < text.count ? text[index] : nil }

  mutating func skipSpace() {
    while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
  }

  mutating func expect(_ c: Unicode.Scalar) throws(Failure) {
    skipSpace()
    guard peek == c else {
      throw Failure(reason: "expected '\(c)' at character \(index)")
    }
    index += 1
  }

  func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
  }
}
