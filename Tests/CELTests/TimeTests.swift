import Foundation
import Testing
@testable import CEL

@Suite struct TimeTests {
    @Test func timestampParsingAndFormatting() {
        expectValue("string(timestamp('2009-02-13T23:31:30Z'))", .string("2009-02-13T23:31:30Z"))
        expectValue("string(timestamp('2009-02-14T07:31:30.120+08:00'))", .string("2009-02-13T23:31:30.12Z"))
        expectValue("string(timestamp('0001-01-01T00:00:00Z'))", .string("0001-01-01T00:00:00Z"))
        expectValue("string(timestamp('9999-12-31T23:59:59.999999999Z'))", .string("9999-12-31T23:59:59.999999999Z"))
        expectValue("timestamp(1234567890) == timestamp('2009-02-13T23:31:30Z')", .bool(true))
        expectError("timestamp('2009-02-30T00:00:00Z')", "cannot parse")
        expectError("timestamp('2009-02-13 23:31:30Z')", "cannot parse")
        expectError("timestamp('10000-01-01T00:00:00Z')", "cannot parse")
        expectError("timestamp(253402300800)", "range")
    }

    @Test func fractionsBeyondNanosecondsAreTruncated() throws {
        // Issue 19 item 1: ten or more digits trapped on the range `digits..<9` (SIGILL), even as
        // a constant folded when the program is planned.
        expectValue("string(timestamp('2026-06-30T10:00:00.1234567890+08:00'))", .string("2026-06-30T02:00:00.123456789Z"))
        expectValue("timestamp('2026-06-30T10:00:00.\(String(repeating: "1", count: 100))Z').getMilliseconds()", .int(111))
        let program = try Program(parsing: "self < timestamp('2026-06-30T10:00:00.12345678901234Z')")
        #expect(program.evaluate(["self": .timestamp(Timestamp.parse("2026-06-30T10:00:00Z")!)]) == .bool(true))
    }

    @Test func durations() {
        expectValue("string(duration('1h2m3.5s'))", .string("3723.5s"))
        expectValue("string(duration('-1.5s'))", .string("-1.5s"))
        expectValue("duration('100ms') == duration('0.1s')", .bool(true))
        expectValue("duration('1us') == duration('1000ns')", .bool(true))
        expectValue("duration('1µs') == duration('1us')", .bool(true))
        expectValue("string(duration('1ns'))", .string("0.000000001s"))
        expectValue("string(duration('0'))", .string("0s"))
        expectValue("duration('1h30m').getMinutes()", .int(90))
        expectValue("duration('3h').getHours()", .int(3))
        expectValue("duration('1.234s').getMilliseconds()", .int(234))
        expectValue("duration('1m30s').getSeconds()", .int(90))
        expectError("duration('1d')", "cannot parse")
        expectError("duration('9999999999999h')", "cannot parse")
        expectValue("-duration('1s') < duration('0s')", .bool(true))
    }

    @Test func arithmeticAndRanges() {
        expectValue("timestamp('2023-01-01T00:00:00Z') + duration('24h') == timestamp('2023-01-02T00:00:00Z')", .bool(true))
        expectValue("timestamp('2023-01-10T00:00:00Z') - timestamp('2023-01-09T12:00:00Z') == duration('12h')", .bool(true))
        expectValue("duration('1m') - duration('1s') == duration('59s')", .bool(true))
        expectError("timestamp('9999-12-31T23:59:59Z') + duration('1s')", "range")
        expectError("timestamp('0001-01-01T00:00:00Z') - duration('1ns')", "range")
        expectError("timestamp('9999-12-31T23:59:59Z') - timestamp('0001-01-01T00:00:00Z')", "range")
        expectError("duration('2562047h') + duration('2562047h')", "range")
        expectError("timestamp('2023-01-01T00:00:00Z') + timestamp('2023-01-01T00:00:00Z')", "no matching overload")
    }

    @Test func accessorsWithZones() {
        let t = "timestamp('2023-12-25T12:00:00.500Z')"
        expectValue("\(t).getFullYear()", .int(2023))
        expectValue("\(t).getMonth()", .int(11))
        expectValue("\(t).getDayOfYear()", .int(358))
        expectValue("\(t).getDayOfMonth()", .int(24))
        expectValue("\(t).getDate()", .int(25))
        expectValue("\(t).getDayOfWeek()", .int(1))
        expectValue("\(t).getHours()", .int(12))
        expectValue("\(t).getMilliseconds()", .int(500))
        expectValue("\(t).getHours('Asia/Shanghai')", .int(20))
        expectValue("\(t).getHours('+08:00')", .int(20))
        expectValue("\(t).getHours('-03:30')", .int(8))
        expectValue("\(t).getMinutes('-03:30')", .int(30))
        expectValue("timestamp('2023-12-31T20:00:00Z').getFullYear('Asia/Shanghai')", .int(2024))
        expectValue("timestamp('2023-12-25T00:00:00Z').getDayOfMonth('America/Los_Angeles')", .int(23))
        expectValue("timestamp('2024-07-01T06:00:00Z').getHours('America/New_York')", .int(2))  // daylight time
        expectError("\(t).getHours('Mars/Olympus')", "unknown time zone")
        expectValue("timestamp('1969-12-31T23:59:59Z').getDayOfWeek()", .int(3))
        expectValue("timestamp('0001-01-01T00:00:00Z').getFullYear()", .int(1))
    }
}

@Suite struct ExtensionTests {
    @Test func dates() {
        expectValue("string(date('2026-09-30'))", .string("2026-09-29T16:00:00Z"))
        expectValue("date('2026-09-30').getDate('+08:00')", .int(30))
        expectValue("string(date('2026-09-30', 'UTC'))", .string("2026-09-30T00:00:00Z"))
        expectError("date('2026-02-30')", "invalid date")
        expectError("date('2026-9-30')", "invalid date")
        expectError("date(20260930)", "no matching overload")
        var utc = CELOptions()
        utc.defaultTimeZone = .utc
        let v = (try? Program(parsing: "string(date('2026-09-30'))", options: utc))?.evaluate()
        #expect(v.map { strictEqual($0, .string("2026-09-30T00:00:00Z")) } == true)
    }

    @Test func addMonths() {
        expectValue("date('2024-01-31').addMonths(1) == date('2024-02-29')", .bool(true))
        expectValue("date('2023-01-31').addMonths(1) == date('2023-02-28')", .bool(true))
        expectValue("date('2024-03-31').addMonths(-1) == date('2024-02-29')", .bool(true))
        expectValue("date('2024-11-30').addMonths(3) == date('2025-02-28')", .bool(true))
        expectValue("date('2024-05-15').addMonths(12) == date('2025-05-15')", .bool(true))
        expectValue("date('2024-05-15').addMonths(0) == date('2024-05-15')", .bool(true))
        // Calendar months are counted in UTC+8: 2024-01-31T20:00Z is 2024-02-01 locally.
        expectValue("string(timestamp('2024-01-31T20:00:00Z').addMonths(1))", .string("2024-02-29T20:00:00Z"))
        expectError("date('9999-12-01').addMonths(1)", "range")
        expectValue("timestamp('2026-06-01T00:00:00Z').addMonths(3) >= asOf", .bool(true),
                    ["asOf": .timestamp(Timestamp(seconds: 1_787_000_000)!)])
    }

    @Test func network() {
        expectValue("isIP('10.0.0.1') && isIP('::1') && isIP('2001:db8::1')", .bool(true))
        expectValue("isIP('10.0.0.256') || isIP('10.0.0') || isIP('010.0.0.1') || isIP('::ffff:1.2.3.4') || isIP('fe80::1%eth0')", .bool(false))
        expectValue("isCIDR('10.0.0.0/8') && !isCIDR('10.0.0.0/33') && !isCIDR('10.0.0.0')", .bool(true))
        expectValue("ip('10.0.0.1').family()", .int(4))
        expectValue("ip('2001:db8::1').family()", .int(6))
        expectValue("string(ip('2001:0DB8:0:0:0:0:0:1'))", .string("2001:db8::1"))
        expectValue("string(ip('2001:db8:0:1:0:0:0:1'))", .string("2001:db8:0:1::1"))
        expectValue("string(ip('::'))", .string("::"))
        expectValue("cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))", .bool(true))
        expectValue("cidr('10.0.0.0/8').containsIP('11.1.2.3')", .bool(false))
        expectValue("cidr('10.0.0.0/8').containsIP('::1')", .bool(false))
        expectValue("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", .bool(true))
        expectValue("cidr('10.1.0.0/16').containsCIDR(cidr('10.0.0.0/8'))", .bool(false))
        expectValue("cidr('192.168.1.5/24').ip() == ip('192.168.1.5')", .bool(true))
        expectValue("string(cidr('192.168.1.5/24').masked())", .string("192.168.1.0/24"))
        expectValue("cidr('2001:db8::/32').prefixLength()", .int(32))
        expectValue("cidr('2001:db8::/32').containsIP('2001:db8:ffff::1')", .bool(true))
        expectValue("ip('10.0.0.1') == ip('10.0.0.1') && ip('10.0.0.1') != ip('10.0.0.2')", .bool(true))
        expectValue("type(ip('10.0.0.1')) == type(ip('::1'))", .bool(true))
        expectError("ip('nope')", "parse error")
        expectError("cidr('10.0.0.0/8').containsIP('x')", "parse error")
        expectValue("self.ip != '' && cidr('10.0.0.0/8').containsIP(self.ip)", .bool(true),
                    ["self": .map([(.string("ip"), .string("10.9.8.7"))])])
    }

    @Test func templates() throws {
        let t = try Template("终端 {{self.id}} 装有远程软件 {{self.software.filter(s, s in ['ToDesk'])}}")
        let act = Activation(["self": .map([(.string("id"), .string("bt-0001")),
                                            (.string("software"), .list([.string("WPS"), .string("ToDesk")]))])])
        #expect(t.render(act) == "终端 bt-0001 装有远程软件 [\"ToDesk\"]")
        let broken = try Template("x={{self.missing}}, n={{1 + 2}}, d={{date('2026-01-01')}}")
        #expect(broken.render(act) == "x=<error: no such key: 'missing'>, n=3, d=2025-12-31T16:00:00Z")
        #expect(throws: CELParseError.self) { try Template("a {{1 +}} b") }
        do {
            _ = try Template("ab {{ 1 + }}")
        } catch {
            #expect(error.line == 1 && error.column == 11)
        }
        #expect(throws: CELParseError.self) { try Template("open {{ self.id") }
        #expect(try Template("no placeholders").render(Activation()) == "no placeholders")
    }
}
