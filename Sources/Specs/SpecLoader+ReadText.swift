import Conventions
import Foundation

/// Reading a spec file's text, refusing what is no spec (a data file, another encoding).
extension SpecLoader {
  /// The UTF-8 text of the spec file (or other `document`) at `path`; a missing, directory or
  /// non-UTF-8 file throws, naming the document.
  public static func readText(_ path: String, document: SpecDocument = .spec) throws(SpecError)
    -> String
  {
    let entry = PathEntry.of(path)
    if path == "-", entry == .missing {
      throw .missingFile(
        path: path,
        reason: "a spec is read from a file, not from standard input: save it to a file",
        document: document)
    }
    if entry == .missing, let target = PathEntry.linkTarget(path) {
      throw .missingFile(
        path: path, reason: "is a symbolic link to \(target), which does not exist",
        document: document)
    }
    if entry == .missing {
      let nearby = nearbySpec(for: path).map { "; did you mean '\($0)'?" } ?? ""
      throw .missingFile(path: path, reason: "no such file" + nearby, document: document)
    }
    // Only a regular file is read: a pipe or device may block or never end.
    if var refusal = entry.refusal {
      if entry == .directory, document == .spec { refusal += specsInside(path) }
      throw .missingFile(path: path, reason: refusal, document: document)
    }
    let folder = PathText.folder(of: path)
    if PathEntry.isPastPathLimit(folder.isEmpty ? "." : folder) {
      throw .missingFile(
        path: path,
        reason: "its folder's absolute path is longer than the system allows (\(PATH_MAX) "
          + "bytes), so neither its data nor runner.yaml nor the results folder can be found; "
          + "move it to a shorter path", document: document)
    }
    // A data file given as the spec: by its extension, or (not named .yaml/.yml/.json) CSV rows
    // that do not read as a YAML mapping.
    let type = (path as NSString).pathExtension.lowercased()
    let dataFile = Diagnostic(
      .error, at: SourceLocation(source: .file(path), line: 1, column: 1),
      "'\(path)' looks like a data file, not a spec",
      note: "a spec is a YAML file that names it under dataset.file, e.g. "
        + "`dataset: {file: \((path as NSString).lastPathComponent)}`")
    if ["csv", "npy", "npz", "h5", "hdf5", "idx", "gz"].contains(type) {
      throw .invalid([dataFile])
    }
    // Past the size bound a spec is refused from its size, not read: a 3 GB file given as the
    // spec was read whole (6 GB, over two minutes) before the bound was checked.
    let most = ReadLimits().maxBytes
    if case .regular(let size) = entry, size > most {
      throw .invalid([
        Diagnostic(
          .error, at: SourceLocation(source: .file(path), line: 1, column: 1),
          "\(document.subject) is too large (\(size) bytes; the limit is \(most) bytes)",
          note: "a spec is a small YAML file; is '\(path)' the file you meant?")
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      // Why, in the system's words: a full table of open files is no permission problem.
      let reason = OSErrorText.openingCode(path).map(OSErrorText.of) ?? "unreadable"
      throw .missingFile(path: path, reason: reason, document: document)
    }
    let text = String(data: data, encoding: .utf8)
    let rows = text?.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") } ?? []
    var isRows =
      !["yaml", "yml", "json"].contains(type) && !rows.isEmpty
      && rows.allSatisfy { $0.contains(",") } && !"{[".contains(rows[0].first ?? "{")
    if isRows, case .success(.mapping) = YAMLReader(file: path, text: text ?? "").read() {
      isRows = false
    }
    if isRows { throw .invalid([dataFile]) }
    guard let text else {
      let name = (path as NSString).lastPathComponent
      let stem = (name as NSString).deletingPathExtension
      let converted =
        "\(stem)-utf8.\((name as NSString).pathExtension.isEmpty ? "yaml" : (name as NSString).pathExtension)"
      if let encoding = UnicodeMark.encoding(of: Array(data.prefix(4))) {
        throw .invalid([
          Diagnostic(
            .error, at: SourceLocation(source: .file(path), line: 1, column: 1),
            "\(document.subject) is \(encoding) text (it starts with a \(encoding) byte-order "
              + "mark; Windows Notepad's \"Unicode\" writes it), not UTF-8",
            note: "convert it with `iconv -f \(encoding.lowercased()) -t utf-8 \(name) > "
              + "\(converted)`")
        ])
      }
      // The offset of the first byte that does not start a valid UTF-8 sequence.
      var bytes = data.makeIterator()
      var parser = Unicode.UTF8.ForwardParser()
      var offset = 0
      while case .valid(let scalar) = parser.parseScalar(from: &bytes) { offset += scalar.count }
      let before = data.prefix(offset)
      let line = before.count { $0 == UInt8(ascii: "\n") } + 1
      // Columns count characters, as every other location in the spec does.
      let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? before.startIndex
      let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
      let location = SourceLocation(source: .file(path), line: line, column: column)
      let encoding = LegacyEncoding.guess(data)
      throw .invalid([
        Diagnostic(
          .error, at: location, "\(document.subject) is not valid UTF-8 (byte \(offset))",
          note: "\(encoding.fileDescription) converts with `iconv -f \(encoding.iconvName) "
            + "-t utf-8 \(name) > \(converted)`")
      ])
    }
    return text
  }

  /// A spec file near the missing `path`: with `.yaml` added or `.yml`/`.yaml` swapped, under
  /// `experiments/`, or a spec in its folder a typo away; nil when there is none.
  static func nearbySpec(for path: String) -> String? {
    let name = path as NSString
    let stem = name.pathExtension.isEmpty ? path : name.deletingPathExtension
    let forms = [stem + ".yaml", stem + ".yml"]
    let candidates = forms + (path.hasPrefix("/") ? [] : forms.map { "experiments/" + $0 })
    let found = candidates.first { $0 != path && FileManager.default.fileExists(atPath: $0) }
    if let found { return found }
    let folder = PathText.folder(of: path)
    let specs =
      (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder))?
      .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && $0 != ProjectConfig.fileName }
    // Stems are compared: the shared `.yaml` made 'nope.yaml' near enough to 'long.yaml'.
    let stems = (specs ?? []).sorted().map { ($0, ($0 as NSString).deletingPathExtension) }
    let typed = (name.lastPathComponent as NSString).deletingPathExtension
    return typed.closest(among: stems.map(\.1)).flatMap { stem in
      stems.first { $0.1 == stem }.map { (folder as NSString).appendingPathComponent($0.0) }
    }
  }

  /// What to do with folder `path` given as a spec: name a spec inside it (the first few
  /// `.yaml`/`.yml` files there, by name), or none there.
  static func specsInside(_ path: String) -> String {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
      .filter { ["yaml", "yml"].contains(($0 as NSString).pathExtension.lowercased()) }
      .filter { $0 != ProjectConfig.fileName }.sorted()
    guard !names.isEmpty else { return "; it holds no .yaml spec: name a spec file" }
    let folder = path.hasSuffix("/") ? path : path + "/"
    let shown = names.prefix(3).map { "'\(folder)\($0)'" }.joined(separator: ", ")
    let more = names.count > 3 ? ", … (\(names.count) in all)" : ""
    return "; name a spec inside it: \(shown)\(more)"
  }
}
