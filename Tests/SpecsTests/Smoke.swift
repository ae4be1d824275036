import Testing
@testable import Specs
