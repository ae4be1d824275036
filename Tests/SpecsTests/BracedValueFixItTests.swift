import Foundation
import Testing

@testable import Specs

/// A value written in braces gets a fix-it that loads (tester BM nits): a text key written
/// `{}` with its text below takes the text, an output layer in braces without units the whole
/// braces with the units in them.
@Suite struct BracedValueFixItTests {
  typealias Base = PastedListSlipTests
  typealias Pasted = PastedSpaceAndBulletSlipTests

  @Test func aTextKeyWrittenAsEmptyBracesTakesTheTextBelow() throws {
    let text = try Pasted.spec("seed: 12\n", "seed: 12\ndescription: {}\n  text: a\n")
    let error = try #require(Base.errors(text).first)
    #expect(error.fixIt == "description: a")
    let fixed = try Pasted.spec("seed: 12\n", "seed: 12\ndescription: a\n")
    #expect(Base.errors(fixed).isEmpty)
  }

  @Test func aFlowOutputLayerWithoutUnitsGetsTheWholeBraces() throws {
    let text = try Pasted.spec("{units: 1, activation: sigmoid}", "{activation: sigmoid}")
    let error = try #require(Base.errors(text).first)
    #expect(error.fixIt == "{units: 1, activation: sigmoid}")
    #expect(error.location?.column == 7)
  }
}
