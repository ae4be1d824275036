import Foundation
import Testing

/// The code that `docs/architecture.md` and `docs/contributing.md` name exists, so a rename or
/// a move fails here instead of sending a contributor to the wrong file: every backticked path
/// is a file or folder of the repository, every backticked symbol a word of its Swift and script
/// sources, a signature `name(a:b:)` one declared with those labels, and "`symbol` in `File.swift`"
/// (or "`File.swift` (`symbol`") names a symbol of that file. A grep-level check: it reads
/// text, not the compiler's symbols.
@Suite struct DocSymbolsTests {
  static let docs = ["docs/architecture.md", "docs/contributing.md"]

  /// Backticked text that looks like a path or a symbol but stands for an example, with why.
  static let examples: Set<String> = [
    "experiments/x.yaml",  // the data-flow diagram's example spec
    "file:line:col",  // the form of a located error
    "File.swift",  // this test's own rule, as architecture.md states it
    "addcdiv",  // torch's operation, whose order a kernel follows
  ]

  /// Every file and folder under the repository's source folders, repository-relative.
  static let paths: [String] = {
    var found: [String] = []
    for top in ["Sources", "Tests", "scripts", "docs", "experiments", "results"] {
      let base = repositoryRoot + "/" + top
      let items = FileManager.default.enumerator(atPath: base)?.allObjects as? [String] ?? []
      found.append(top)
      found += items.map { top + "/" + $0 }
    }
    return found
  }()

  /// The Swift and script sources, file by file.
  static let sources: [(path: String, text: String)] = paths.filter {
    $0.hasSuffix(".swift") || $0.hasSuffix(".py") || $0.hasSuffix(".sh")
  }.compactMap { path in
    (try? String(contentsOfFile: repositoryRoot + "/" + path, encoding: .utf8)).map {
      (path, $0)
    }
  }

  static let words: Set<Substring> = Set(
    sources.flatMap { $0.text.split { !($0.isLetter || $0.isNumber || $0 == "_") } })

  static func backticked(_ text: String) -> [String] {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 && !$0.element.contains("\n") }.map { String($0.element) }
  }

  /// A path: has a `/` or a file extension, and is not keys (`optimizer.epochs/iterations`).
  static func isPath(_ token: String) -> Bool {
    let parts = token.split(separator: "/")
    return token.contains { $0.isLetter } && !token.contains(" ")
      && (parts.count < 2 || !parts[0].contains(".")) && !token.contains("<")
      && !token.contains("*")
      && !token.contains("{") && !token.contains("=")
      && (token.contains("/")
        || [".swift", ".py", ".md", ".sh", ".yaml"].contains {
          token.hasSuffix($0)
        })
  }

  /// The repository paths a doc's path names: itself, or any path ending in `/token`.
  static func files(named token: String) -> [String] {
    let name = token.hasSuffix("/") ? String(token.dropLast()) : token
    // `+Training.swift`: the end of a file name (`SpecValidator+Training.swift`).
    let end = name.hasPrefix("+") ? name : "/" + name
    return paths.filter { $0 == name || $0.hasSuffix(end) }
  }

  /// `Type.member`, `function(label:_:)`, `Type(_:_:)`: the dotted name and the labels, if any.
  static func symbol(_ token: String) -> (names: [String], labels: [String]?)? {
    let pattern = #/^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\((?:[A-Za-z_]+:)*\))?$/#
    guard let match = token.wholeMatch(of: pattern) else { return nil }
    let names = match.1.split(separator: ".").map(String.init)
    let labels = match.2.map { $0.dropFirst().dropLast().split(separator: ":").map(String.init) }
    return (names, labels)
  }

  /// The argument labels of every declaration `func name(`, `case name(` or, for a capitalized
  /// name, `init(` in a file that declares or extends that type.
  static func declaredLabels(of name: String) -> [[String]] {
    let isType = name.first?.isUppercase == true
    var found: [[String]] = []
    for (_, text) in sources {
      if isType {
        guard
          text.contains("struct \(name)") || text.contains("enum \(name)")
            || text.contains("class \(name)") || text.contains("extension \(name)")
        else { continue }
      }
      let heads = isType ? ["init("] : ["func \(name)(", "func \(name)<", "case \(name)("]
      for head in heads {
        var rest = text[...]
        while let range = rest.range(of: head) {
          rest = rest[range.upperBound...]
          var list = rest
          if head.hasSuffix("<") {
            guard let open = rest.firstIndex(of: "(") else { break }
            list = rest[rest.index(after: open)...]
          }
          found.append(labels(of: list))
        }
      }
    }
    return found
  }

  /// The labels of a parameter list that starts just after its `(`: each parameter's first word
  /// (`_` for an unlabeled associated value).
  static func labels(of list: Substring) -> [String] {
    var depth = 0
    var parameters: [String] = []
    var current = ""
    for character in list {
      if depth == 0, character == ")" { break }
      if "([{<".contains(character) { depth += 1 }
      if ")]}>".contains(character) { depth -= 1 }
      if depth == 0, character == "," {
        parameters.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    parameters.append(current)
    return parameters.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }.map { parameter in
        guard parameter.contains(":") else { return "_" }
        return String(parameter.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
      }
  }

  @Test func everyNamedPathAndSymbolExists() throws {
    for doc in Self.docs {
      let text = try String(contentsOfFile: repositoryRoot + "/" + doc, encoding: .utf8)
      for token in Set(Self.backticked(text)).sorted() where !Self.examples.contains(token) {
        if Self.isPath(token) {
          #expect(!Self.files(named: token).isEmpty, "\(doc): no file or folder `\(token)`")
        } else if token.wholeMatch(of: #/[A-Za-z]+\+[A-Za-z]+/#) != nil {
          #expect(!Self.files(named: token + ".swift").isEmpty, "\(doc): no `\(token).swift`")
        } else if let (names, labels) = Self.symbol(token) {
          for name in names where !Self.words.contains(Substring(name)) {
            Issue.record("\(doc): `\(token)`: no `\(name)` in Sources, Tests or scripts")
          }
          if let labels, let name = names.last {
            let declared = Self.declaredLabels(of: name)
            #expect(
              declared.contains(labels),
              "\(doc): `\(token)` is not declared with these labels (found \(declared))")
          }
        }
      }
    }
  }

  /// "`symbol` in `File.swift`" and "`File.swift` (`symbol`": the symbol is in that file.
  @Test func everySymbolIsInTheFileNamedWithIt() throws {
    let inFile = #/`([A-Za-z_.]+)(?:\([A-Za-z_:]*\))?` in `([A-Za-z/+]+\.swift)`/#
    let fileThen = #/`([A-Za-z/+]+\.swift)` \(`([A-Za-z_.]+)/#
    for doc in Self.docs {
      let text = try String(contentsOfFile: repositoryRoot + "/" + doc, encoding: .utf8)
        .replacing(#/\s+/#, with: " ")
      var pairs = text.matches(of: inFile).map { (String($0.1), String($0.2)) }
      pairs += text.matches(of: fileThen).map { (String($0.2), String($0.1)) }
      for (symbol, file) in pairs where !Self.examples.contains(file) {
        let name = String(symbol.split(separator: ".").last ?? "")
        let texts = Self.files(named: file).compactMap { path in
          Self.sources.first { $0.path == path }?.text
        }
        #expect(!texts.isEmpty, "\(doc): no file `\(file)`")
        for text in texts {
          // Its code, not its comments (which may say the symbol is elsewhere).
          let code = text.split(separator: "\n").filter {
            !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
          }.joined(separator: "\n")
          let words = Set(code.split { !($0.isLetter || $0.isNumber || $0 == "_") })
          #expect(words.contains(Substring(name)), "\(doc): `\(symbol)` is not in `\(file)`")
        }
      }
    }
  }
}
