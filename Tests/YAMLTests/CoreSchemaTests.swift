import Testing
@testable import YAML

@Suite("YAML 1.2 core schema")
struct CoreSchemaTests {
    @Test("plain scalars resolve as the 1.2 core schema says", arguments: [
        ("~", ScalarValue.null), ("null", .null), ("NULL", .null), ("", .null),
        ("true", .bool(true)), ("False", .bool(false)),
        ("yes", .string), ("no", .string), ("on", .string), ("off", .string), ("y", .string),
        ("12", .int(12)), ("-3", .int(-3)), ("+7", .int(7)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("0b101", .string), ("017", .int(17)), ("1_000", .string),
        ("1.5", .float(1.5)), ("-.5", .float(-0.5)), ("1e3", .float(1000)), ("6.02E+23", .float(6.02e23)),
        (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)),
        ("2026-09-30", .string), ("10.15.2.11", .string), ("150200", .int(150200)), ("包头", .string),
    ])
    func resolvesPlain(_ text: String, _ expected: ScalarValue) {
        #expect(CoreSchema.resolve(plain: text) == expected)
    }

    @Test func nanIsAFloat() {
        guard case .float(let v) = CoreSchema.resolve(plain: ".nan") else {
            Issue.record("expected a float")
            return
        }
        #expect(v.isNaN)
    }

    @Test func integersBeyond64BitsBecomeFloats() {
        #expect(CoreSchema.resolve(plain: "123456789012345678901234567890") == .float(1.2345678901234568e29))
    }
}
