import Foundation
import Pipeline
import Testing

/// Labels are class indices 0 to k−1: a gap leaves outputs that never learn, which a run says.
@Suite struct EmptyClassTests {
  @Test func aClassWithNoTrainingRowIsAWarning() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,x2,label\n"
    for i in 0..<24 { csv += "\(Double(i) / 8),\(Double(i % 3)),\(i % 3 == 2 ? 4 : i % 3)\n" }
    try csv.write(to: dir.appendingPathComponent("gap.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset: {file: gap.csv, target: label}
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: gd, iterations: 5}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    let file = dir.appendingPathComponent("gap.csv").path
    #expect(
      outcome.warnings == [
        "classes 2, 3 of 0-4 have no training rows, so their outputs never learn: \(file) "
          + "(column 'label'): the labels are 0, 1 and 4 (classes 2 and 3 have no rows): "
          + "renumber them from 0 without gaps (class indices are 0 to k−1), or, in a CSV file, "
          + "name the classes as written (dataset.classes: ['0', '1', '4'])"
      ])
  }

  /// A name `dataset.classes` lists that no row has is the spec's, not labels to renumber
  /// (tester AI10).
  @Test func aListedClassNoRowHasIsNamed() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,x2,label\n"
    for i in 0..<24 { csv += "\(Double(i) / 8),\(Double(i % 3)),\(["a", "b", "c"][i % 3])\n" }
    try csv.write(to: dir.appendingPathComponent("abc.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset: {file: abc.csv, target: label, classes: [a, b, c, zz]}
      model: {type: logreg}
      loss: cross_entropy
      optimizer: {type: gd, iterations: 5}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(
      outcome.warnings == [
        "class 'zz' has no rows in the data (in no set), so its output never learns: remove the "
          + "name from dataset.classes, or check the target column"
      ])
  }

  /// pandas' `to_csv` writes the index as a first column with an empty name.
  @Test func aFeatureColumnWithAnEmptyNameIsAWarning() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = ",x1,label\n"
    for i in 0..<24 { csv += "\(i),\(Double(i % 3) / 2),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("indexed.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset: {file: indexed.csv, target: label}
      model: {type: logreg, multiclass: ovr}
      optimizer: {type: gd, iterations: 5}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(outcome.warnings.count == 2)
    #expect(
      outcome.warnings.first
        == "feature column 1 has an empty name (a pandas index?) and is trained on; "
        + "list the features in dataset.features to leave it out")
    // The data shows two classes: the written strategy changes nothing (located in the spec).
    #expect(
      outcome.warnings.last?.hasSuffix(
        "spec.yaml:2:35: multiclass: ovr has no effect with 2 classes: a two-class logreg is one sigmoid unit"
      ) == true)
  }

  /// An ID column (`PassengerId`, 1 to n in file order) picked as a feature by default is
  /// trained on like a measurement: one warning names it.
  @Test func aColumnNumberingTheRowsIsAWarning() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "PassengerId,Age,Survived\n"
    for i in 1...24 { csv += "\(i),\(20 + (i * 7) % 30),\(i % 2)\n" }
    try csv.write(to: dir.appendingPathComponent("ids.csv"), atomically: true, encoding: .utf8)
    let text = """
      dataset: {file: ids.csv, target: Survived}
      model: {type: logreg}
      optimizer: {type: gd, iterations: 5}

      """
    let spec = try TestProject.writeSpec(text, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(
      outcome.warnings == [
        "feature column 'PassengerId' numbers the rows in file order (an ID, not a feature) and "
          + "is trained on; list the features in dataset.features to leave it out, or drop it "
          + "from the file"
      ])
    // Listed features are the user's choice.
    let listed = try TestProject.writeSpec(
      text.replacingOccurrences(
        of: "target: Survived", with: "target: Survived, features: [PassengerId, Age]"),
      named: "listed.yaml", in: dir)
    let chosen = try TestProject.run(listed, resultsRoot: dir.appendingPathComponent("results2"))
    #expect(chosen.warnings.isEmpty)
  }

  /// A column numbering the rows is an ID only when named as one: a `month` 1…60 next to
  /// `temp` is a time index, a feature; `sample_no` and `customerID` are warned of.
  @Test func aColumnNumberingTheRowsIsAnIDOnlyByItsName() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func warnings(_ column: String) throws -> [String] {
      var csv = "\(column),temp,hot\n"
      for i in 1...60 { csv += "\(i),\(10 + (i * 7) % 20),\(i % 2)\n" }
      let name = "f\(column.unicodeScalars.filter { $0.properties.isAlphabetic })"
      try csv.write(
        to: dir.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
      let spec = try TestProject.writeSpec(
        "dataset: {file: \(name).csv, target: hot}\nmodel: {type: logreg}\n"
          + "optimizer: {type: gd, iterations: 5}\n", named: "\(name).yaml", in: dir)
      return try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results-\(name)"))
        .warnings
    }
    #expect(try warnings("month") == [])
    #expect(try warnings("year") == [])
    for column in ["sample_no", "customerID", "RowNumber", "id", "Unnamed: 0"] {
      #expect(
        try warnings(column) == [
          "feature column '\(column)' numbers the rows in file order (an ID, not a feature) and "
            + "is trained on; list the features in dataset.features to leave it out, or drop it "
            + "from the file"
        ], "\(column)")
    }
  }

  /// Labels 1 to 3 on a softmax of 4 units train a class 0 without rows: the warning says the
  /// labels look 1-based, not to check the split.
  @Test func labelsFromOneAreSaidToLookOneBasedWhenTheUnitsFit() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var csv = "x1,x2,label\n"
    for i in 0..<24 { csv += "\(Double(i) / 8),\(Double(i % 3)),\(i % 3 + 1)\n" }
    try csv.write(to: dir.appendingPathComponent("one.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      dataset: {file: one.csv, target: label}
      model:
        type: mlp
        layers: [{units: 4, activation: relu}, {units: 4, activation: softmax}]
      loss: cross_entropy
      optimizer: {type: adam, epochs: 1}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(
      outcome.warnings == [
        "class 0 of 0-3 has no training rows, so its output never learns: class indices start at 0, and labels 1 to 3 look 1-based: renumber them from 0 (subtract 1), or, in a CSV file, name the classes as written (dataset.classes: ['1', '2', '3']: label 1 is then class 0)"
      ])
  }
}
