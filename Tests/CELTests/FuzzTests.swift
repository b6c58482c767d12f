import Foundation
import Testing
@testable import CEL

/// Random expressions from CEL's token alphabet must parse or fail cleanly, and evaluate
/// to a value or an error: never a crash, a trap or a hang.
@Suite struct FuzzTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let tokens = [
        "1", "0", "-", "+", "*", "/", "%", "9223372036854775807", "-9223372036854775808", "18446744073709551615u",
        "1.5", "0.0", "1e308", "'a'", "'中'", "b'\\xff'", "\"s\"", "r'\\d'", "true", "false", "null",
        "[", "]", "{", "}", "(", ")", ",", ":", "?", ".", "!", "&&", "||", "==", "!=", "<", ">=", " in ",
        "x", "m", "l", "size", "int", "uint", "double", "string", "bytes", "type", "dyn", "has",
        "timestamp('2020-01-01T00:00:00Z')", "duration('1s')", "date('2024-02-29')", ".all(v, ", ".exists(v, ",
        ".map(v, ", ".filter(v, ", ".exists_one(v, ", "v", ".size()", ".startsWith(", ".matches(", "'(a'",
        ".addMonths(", ".getFullYear(", "'+08:00'", "ip(", "cidr(", "'10.0.0.0/8'", ".containsIP(", " ",
        "\\", "'", "\"", "'''", "0x", "u", "e", "#", "@", "`",
    ]

    @Test func randomExpressionsNeverCrash() {
        var rng = SplitMix(state: 20_260_930)
        var options = CELOptions()
        options.costLimit = 10_000
        let bindings = Activation(["x": .int(3), "m": .map([(.string("a"), .list([.int(1), .string("b")]))]),
                                   "l": .list([.int(1), .double(2.5), .string("z")])])
        var parsed = 0, evaluated = 0
        for _ in 0..<5_000 {
            let n = Int.random(in: 1...24, using: &rng)
            var expr = ""
            for _ in 0..<n { expr += Self.tokens.randomElement(using: &rng) ?? "" }
            guard let p = try? Program(parsing: expr, options: options) else { continue }
            parsed += 1
            let v = p.evaluate(bindings)
            _ = TypedJSON.encode(v)
            _ = PlainJSON.encode(v)
            _ = v.plainString
            evaluated += 1
        }
        #expect(parsed > 100 && evaluated == parsed)
    }

    @Test func randomBytesNeverCrashTheParsers() {
        var rng = SplitMix(state: 42)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? Program(parsing: text)
            _ = try? TypedJSON.decode(text)
            _ = try? Template(text)
            _ = Timestamp.parse(text)
            _ = CELDuration.parse(text)
            _ = IPAddress(text)
            _ = CIDR(text)
            _ = CELTimeZone.parse(text)
        }
    }
}
