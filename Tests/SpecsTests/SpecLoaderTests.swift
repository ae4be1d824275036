import Foundation
import Testing

@testable import Specs

@Suite struct SpecLoaderTests {
  @Test func catSpecLoadsWithEveryValue() throws {
    let loaded = try SpecLoader.load(file: repositoryRoot + "/experiments/cat.yaml")
    let spec = loaded.spec
    #expect(spec.name == "cat")
    #expect(spec.seed == 0)
    #expect(spec.dtype == .float64)
    #expect(spec.threads == 1)
    guard case .files(let train, nil, let test?) = spec.dataset.source else {
      Issue.record("expected train and test files")
      return
    }
    #expect(
      train
        == DataFile(
          file: "catvnoncat/train_catvnoncat.h5", format: .hdf5, features: ["train_set_x"],
          target: "train_set_y"))
    #expect(test.features == ["test_set_x"])
    #expect(spec.dataset.classes == ["non-cat", "cat"])
    #expect(spec.dataset.preprocessing == [.flatten, .scale(1.0 / 255.0)])
    #expect(spec.model.kind == .logreg)
    #expect(spec.model.initialization == .zeros)
    #expect(spec.loss == LossSpec(.binaryCrossEntropy))
    #expect(spec.optimizer.kind == .gd)
    #expect(spec.optimizer.learningRate == 0.005)
    #expect(spec.optimizer.budget == .iterations(2000))
    #expect(spec.recordEvery == 100)
    #expect(spec.metrics == [.accuracy])
    #expect(spec.report.biasVariance.baseError == 0)
    #expect(spec.output == "cat")
    // No seed: nothing in it is drawn (given sets, zeros, full-batch gd), so none is written and
    // nothing is warned about.
    #expect(loaded.warnings.isEmpty)
  }

  @Test func sourceMapLocatesWrittenAndDefaultedValues() throws {
    let loaded = try SpecLoader.load(file: "experiments/cat.yaml".relativeToRoot)
    let file = loaded.sourceMap.location(of: "dataset.train.file")
    #expect(file?.line == 15)
    #expect(file?.column == 11)
    #expect(file?.lineText == "    file: catvnoncat/train_catvnoncat.h5")
    #expect(loaded.sourceMap.origin(of: "optimizer.learning_rate")?.location?.line == 35)
    #expect(loaded.sourceMap.origin(of: "dtype")?.location?.line == 10)
    #expect(loaded.sourceMap.origin(of: "regularization.l2") == .default)
    // A defaulted value inside a written section points at the section (its first key).
    #expect(loaded.sourceMap.origin(of: "optimizer.schedule.type") == .default)
    #expect(loaded.sourceMap.location(of: "optimizer.schedule.type")?.line == 34)
    let d = loaded.sourceMap.diagnostic(
      .error, at: "dataset.train.target", "no dataset 'train_set_y' in the file")
    #expect(
      d.description
        == """
        experiments/cat.yaml:17:13: error: no dataset 'train_set_y' in the file
          17 |     target: train_set_y
             |             ^
        """.replacingOccurrences(
          of: "experiments/cat.yaml", with: "experiments/cat.yaml".relativeToRoot))
  }

  /// A compressed file named as it is stored (`diabetes.csv.gz`, bundled) is a CSV table; a
  /// compressed array container keeps its format, so that the loader names it for what it is.
  @Test func aGzipExtensionAsideTheNameGivesTheFormat() throws {
    let loaded = try SpecLoader.load(
      text: "dataset: {file: diabetes.csv.gz, target: target}\nmodel: {type: linreg}\n",
      file: "gz.yaml")
    guard case .file(let file) = loaded.spec.dataset.source else {
      Issue.record("not a file source")
      return
    }
    #expect(file.format == .csv)
    #expect(FileFormat.inferred(from: "a/x.npy.gz") == .npy)
    #expect(FileFormat.inferred(from: "t10k-images-idx3-ubyte.gz") == .idx)
    #expect(FileFormat.inferred(from: "notes.txt.gz") == nil)
  }

  @Test func missingFileIsExit66() {
    #expect(throws: SpecError.self) { try SpecLoader.load(file: "/nonexistent/spec.yaml") }
    do {
      _ = try SpecLoader.load(file: "/nonexistent/spec.yaml")
    } catch {
      #expect(error.exitCode == 66)
      #expect(
        error.description == "error: cannot read spec '/nonexistent/spec.yaml': no such file\n")
    }
  }

  /// A spec that is a link to nothing says so (it said "no such file", though `ls` lists it).
  @Test func aDanglingLinkIsNamedForWhatItIs() throws {
    let path = NSTemporaryDirectory() + "runner-spec-link-\(getpid()).yaml"
    unlink(path)
    #expect(symlink("gone.yaml", path) == 0)
    defer { unlink(path) }
    do {
      _ = try SpecLoader.load(file: path)
      Issue.record("a dangling link was read")
    } catch {
      #expect(error.exitCode == 66)
      #expect(
        error.description
          == "error: cannot read spec '\(path)': is a symbolic link to gone.yaml, which does not "
          + "exist\n")
    }
  }

  @Test func aNamedPipeIsRefusedUnread() throws {
    let path = NSTemporaryDirectory() + "runner-spec-fifo-\(getpid())"
    unlink(path)
    #expect(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    do {
      _ = try SpecLoader.load(file: path)
      Issue.record("a FIFO was read")
    } catch {
      #expect(error.exitCode == 66)
      #expect(
        error.description
          == "error: cannot read spec '\(path)': is a named pipe (FIFO), not a regular file\n")
    }
  }

  @Test func coreSchemaOctalAndHexIntegersAreRead() throws {
    let spec = try load(minimalSpec + "\nseed: 0x1F\nrecord_every: 0o17").get().spec
    #expect(spec.seed == 31)
    #expect(spec.recordEvery == 15)
    #expect(failure(minimalSpec + "\nrecord_every: 0o19").contains("must be a whole number"))
  }

  @Test func windowsLineEndsAndByteOrderMarkAreRead() throws {
    let text =
      "\u{FEFF}" + minimalSpec.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nseed: x\r\n"
    #expect(
      failure(text) == """
        spec.yaml:6:7: error: seed must be a whole number ≥ 0 (got 'x')
          6 | seed: x
            |       ^

        """)
    let clean = "\u{FEFF}" + minimalSpec.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(try load(clean).get().spec.dataset.source == .named(.iris))
    // An old Mac file's lone CRs end lines too (the error was at 1:<offset>, the file one line).
    let mac = minimalSpec.replacingOccurrences(of: "\n", with: "\r") + "\rseed: x\r"
    #expect(failure(mac).hasPrefix("spec.yaml:6:7: error: seed must be a whole number"))
  }

  /// Class names are told apart by their bytes, as the data's labels are: U+00E9 and e + U+0301
  /// are two classes (they were refused as one named twice).
  @Test func classNamesOfOtherBytesAreTwo() throws {
    let text = minimalSpec.replacingOccurrences(
      of: "dataset:\n",
      with: "loss: cross_entropy\ndataset:\n  classes: [\"\u{E9}\", \"e\u{301}\", a]\n")
    let classes = try load(text).get().spec.dataset.classes
    #expect(classes?.map { Array($0.unicodeScalars) } == [["\u{E9}"], ["e", "\u{301}"], ["a"]])
    #expect(failure(text.replacingOccurrences(of: ", a]", with: ", \"\u{E9}\"]")).contains("twice"))
  }

  @Test func defaultNameIsASafeFolderName() throws {
    #expect(SpecLoader.defaultName(forFile: "experiments/my spec (2).yaml") == "my_spec__2_")
    #expect(SpecLoader.defaultName(forFile: "/x/..") == "experiment")
    #expect(SpecLoader.defaultName(forFile: ".hidden") == "hidden")
    #expect(SpecLoader.defaultName(forFile: "specs/.history.yaml") == "history")
    #expect(SpecLoader.defaultName(forFile: "iris-v1.2.yaml") == "iris-v1.2")
    // Letters outside ASCII are folded and the name keeps them apart with a hash.
    let folded = ["中文.yaml", "日本.yaml", "my spec é.yaml", "my spec ü.yaml"].map {
      SpecLoader.defaultName(forFile: $0)
    }
    #expect(folded.map { $0.dropLast(9) } == ["__", "__", "my_spec__", "my_spec__"])
    #expect(Set(folded).count == 4 && folded.allSatisfy { $0.dropFirst($0.count - 9).first == "-" })
    // é composed (NFC) or decomposed (NFD, as macOS file systems give it) is one name.
    #expect(
      SpecLoader.defaultName(forFile: "caf\u{E9}.yaml")
        == SpecLoader.defaultName(forFile: "cafe\u{301}.yaml"))
    // A 240-byte file name made a folder name that file systems refuse once the runner's
    // staging prefix is added: the run trained, then failed to save.
    let long = String(repeating: "f", count: 240)
    #expect(SpecLoader.defaultName(forFile: "specs/\(long).yaml") == String(long.prefix(200)))
    #expect(try load(minimalSpec, file: "dir/café.yaml").get().spec.output.hasPrefix("caf_-"))
  }

  @Test func defaultsFollowTheModel() throws {
    let spec = try load(minimalSpec).get().spec
    #expect(spec.name == "spec")
    #expect(spec.loss.kind == .binaryCrossEntropy)
    #expect(spec.metrics == [.accuracy])
    #expect(spec.optimizer.kind == .gd)
    #expect(spec.optimizer.learningRate == 0.01)
    #expect(spec.optimizer.budget == .epochs(100))
    #expect(spec.dataset.split.train == .fraction(0.8))
    #expect(spec.dataset.split.dev == .fraction(0))
  }

  /// `model: logreg` reads as `model: {type: logreg}`, as `optimizer: adam` and `loss: mse` do;
  /// `model: mlp` alone is told it needs layers, at the value.
  @Test func aModelWrittenAsItsTypeAloneReadsAsTheMapping() throws {
    let short = try load("dataset: {name: iris}\nmodel: logreg\n").get()
    let long = try load("dataset: {name: iris}\nmodel: {type: logreg}\n").get()
    #expect(short.spec == long.spec)
    #expect(short.sourceMap.location(of: "model.type")?.line == 2)
    #expect(
      failure("dataset: {name: iris}\nmodel: mlp\n").hasPrefix(
        "spec.yaml:2:8: error: an mlp needs 'layers'"))
  }

  /// A training count with no part `rest` is taken as written (it was refused as changing
  /// nothing, the training part taking what the others left), and the canonical spec keeps it.
  @Test func aTrainingCountWithNoRestIsKept() throws {
    for (split, train) in [("{train: 120, test: 30}", "120"), ("{train: 0.5, test: 30}", "0.5")] {
      let spec = try load("dataset: {name: iris, split: \(split)}\nmodel: logreg\n").get().spec
      #expect(SpecWriter.canonical(spec).contains("  split:\n    train: \(train)\n"))
    }
  }

  /// A data file given as the spec (by its extension, or CSV rows in any file) is said to be one,
  /// not quoted whole as a scalar that is no mapping; a one-line JSON spec is still read.
  @Test func aDataFileGivenAsTheSpecIsNamedSo() throws {
    let folder = NSTemporaryDirectory() + "runner-data-as-spec-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let rows = "x1,x2,y\n" + String(repeating: "0.5,1.25,1\n", count: 2000)
    for (name, text) in [("data.csv", "a: 1\n"), ("data.txt", rows)] {
      let path = folder + "/" + name
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try SpecLoader.load(file: path)
        Issue.record("\(name) was read as a spec")
      } catch {
        #expect(error.exitCode == 65)
        #expect(
          error.description == """
            \(path):1:1: error: '\(path)' looks like a data file, not a spec
            note: a spec is a YAML file that names it under dataset.file, e.g. \
            `dataset: {file: \(name)}`

            """)
      }
    }
    let json = #"{"dataset":{"name":"iris"},"model":{"type":"logreg"}}"#
    try json.write(toFile: folder + "/spec.yaml", atomically: true, encoding: .utf8)
    #expect(try SpecLoader.readText(folder + "/spec.yaml") == json)
  }

  /// A comment with a comma above compact JSON, in a .yaml file or one with no extension, is a
  /// spec: the data-file check skips `#` lines and spares text that reads as a mapping.
  @Test func aJSONSpecUnderACommentWithACommaIsNoDataFile() throws {
    let folder = NSTemporaryDirectory() + "runner-json-comment-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let text = "# a, b\n" + #"{"name":"z","dataset":{"name":"iris"},"model":"logreg"}"#
    for name in ["jm.yaml", "jm"] {
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
      #expect(try SpecLoader.load(file: folder + "/" + name).spec.name == "z")
    }
    try "# x, y\n1,2\n3,4\n".write(toFile: folder + "/rows", atomically: true, encoding: .utf8)
    #expect(throws: SpecError.self) { try SpecLoader.readText(folder + "/rows") }
  }

  /// A file past the spec's 1 MiB bound is refused from its size, before it is read: a 3 GB
  /// file given as the spec was read whole (6 GB, over two minutes) before the bound was
  /// checked. A 64 GiB sparse file stands for it; a data file's extension is named first.
  @Test func aSpecFilePastItsBoundIsRefusedUnread() throws {
    let folder = NSTemporaryDirectory() + "runner-huge-spec-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in ["huge.yaml", "huge.csv"] {
      let path = folder + "/" + name
      try "name: x\n".write(toFile: path, atomically: true, encoding: .utf8)
      let handle = try #require(FileHandle(forWritingAtPath: path))
      try handle.truncate(atOffset: 64 << 30)
      try handle.close()
      do {
        _ = try SpecLoader.load(file: path)
        Issue.record("\(name) was read as a spec")
      } catch {
        #expect(error.exitCode == 65)
        #expect(
          error.description.hasPrefix(
            name == "huge.csv"
              ? "\(path):1:1: error: '\(path)' looks like a data file, not a spec"
              : "\(path):1:1: error: the spec is too large (68719476736 bytes; the limit is "
                + "1048576 bytes)\nnote: a spec is a small YAML file; is '\(path)' the file you "
                + "meant?"), "\(error.description)")
      }
    }
  }

  /// Numbers joined by bare commas in a flow list stay a list when nothing says they are
  /// decimals (no ", " beside them, no leading zero, no thousands group).
  @Test func flowListsWithBareCommasStayLists() throws {
    for (list, values) in [
      ("[1,2]", "[1, 2]"), ("[1, 2]", "[1, 2]"), ("[16,32,64]", "[16, 32, 64]"),
      ("[1,0]", "[1, 0]"), ("[1,000, 2,000]", "[1, 0, 2, 0]"), ("[16,32, 64]", "[16, 32, 64]"),
    ] {
      let spec = try load(minimalSpec + "\nsweep: {parameters: {seed: \(list)}}\n").get().spec
      #expect(spec.sweep?.axes.first?.specText == values, "\(list)")
    }
  }

  /// Only a key of the empty section on the line above is said to belong indented under it.
  @Test func anUnknownKeyBelowNoEmptySectionKeepsItsMessage() {
    let message = "error: unknown key 'type'; did you mean 'dtype'?"
    #expect(failure("dataset: {name: iris}\nmodel: logreg\ntype: mlp\n").contains(message))
    #expect(failure("dataset: {name: iris}\nmodel:\nseed: 3\ntype: mlp\n").contains(message))
  }
}

extension String {
  var relativeToRoot: String { repositoryRoot + "/" + self }
}
