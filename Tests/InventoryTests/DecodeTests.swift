import Diagnostics
import Foundation
import Testing
@testable import Inventory

@Suite("Inventory decoding")
struct DecodeTests {
    @Test func aValidInventoryLoadsWithTypedFields() throws {
        let inv = try TempInventory(["a.yaml": header + oneUnit + """
        terminals:
          - id: t1
            unit: u1
            ip: 10.1.1.5
            mac: "00:1A:2b:3c:4d:5e"
            real_name: true
            antivirus: {installed: true, last_full_scan: 2026-09-27}
            software: [WPS Office]
        """]).load()
        #expect(inv.name == "测试台账")
        #expect(inv.asOf == Day(year: 2026, month: 9, day: 30))
        let t = try #require(inv.object(.terminal, id: "t1"))
        #expect(t["real_name"]?.bool == true)
        #expect(t.record.field(path: "antivirus.last_full_scan")?.value.date == Day("2026-09-27"))
        #expect(t["software"]?.list?.first?.value.string == "WPS Office")
        #expect(inv.location(of: t, field: "ip").description.hasSuffix("a.yaml:13:9"))
    }

    @Test func unknownKeysSuggestTheNearestField() throws {
        let errors = try TempInventory(["a.yaml": header + """
        units:
          - id: u1
            nmae: 单位一
        """]).errors()
        #expect(errors.contains("a.yaml:8:5: error: unknown key 'nmae' in units (did you mean 'name'?)"))
        #expect(errors.contains("a.yaml:7:5: error: units lacks the required key 'name' (unit name)"))
    }

    @Test func xKeysAreKeptAndIgnored() throws {
        let inv = try TempInventory(["a.yaml": header + """
        x-owner: 运维组
        units:
          - id: u1
            name: 单位一
            x-note: {any: [thing]}
        """]).load()
        #expect(inv.object(.unit, id: "u1")?.record["x-note"] != nil)
    }

    @Test func wrongTypesAndOutOfRangeValuesAreAllReported() throws {
        let errors = try TempInventory(["a.yaml": header + oneUnit + """
        systems:
          - id: s1
            name: 系统
            unit: u1
            important: "yes"
            launched: 2026-13-45
            mlps: {level: 6}
            internet_interaction: exchange
            hosting: {}
        """]).errors()
        #expect(errors == [
            "a.yaml:14:16: error: 'important' must be a boolean true/false, found a string 'yes'",
            "a.yaml:15:15: error: 'launched' value '2026-13-45' is not a valid date (YYYY-MM-DD, such as 2026-09-30)",
            "a.yaml:16:19: error: 'level' value 6 is outside 1–5",
            "a.yaml:17:27: error: 'internet_interaction' value 'exchange' is not one of none | exchange-zone | direct (did you mean 'exchange-zone'?)",
            "a.yaml:18:14: error: hosting needs exactly one of cloud, datacenter",
        ])
    }

    @Test("invalid dates are errors", arguments: ["2026-13-45", "2026-02-29", "2026-9-30", "20260930", "2026-00-10"])
    func invalidDates(_ date: String) throws {
        let errors = try TempInventory(["a.yaml": header.replacingOccurrences(of: "as_of: 2026-09-30", with: "as_of: \(date)")]).errors()
        #expect(errors == ["a.yaml:5:10: error: 'as_of' value '\(date)' is not a valid date (YYYY-MM-DD, such as 2026-09-30)"])
    }

    @Test func leapDaysAreDates() {
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2100-02-29") == nil)
        #expect(Day("2024-01-31")?.adding(months: 1) == Day("2024-02-29"))
        #expect(Day("2026-06-30")?.adding(months: 3) == Day("2026-09-30"))
        #expect(Day("2026-03-31")?.adding(months: -1) == Day("2026-02-28"))
        #expect(Day(daysSinceEpoch: Day("2026-09-30")!.daysSinceEpoch) == Day("2026-09-30"))
    }

    @Test func instantsNeedAnOffset() throws {
        #expect(Instant("2026-09-21T10:00:00+08:00")?.seconds == 1_789_956_000)
        #expect(Instant("2026-09-21T02:00:00Z") == Instant("2026-09-21T10:00:00+08:00"))
        #expect(Instant("2026-09-21T10:00:00.5+08:00")?.nanos == 500_000_000)
        #expect(Instant("2026-09-21T10:00:00") == nil)
        #expect(Instant("2026-09-21") == nil)
    }

    @Test func fractionsBeyondNanosecondsAreTruncated() throws {
        // Issue 19 item 1: ten or more digits trapped on the range `digits..<9` (SIGILL).
        #expect(Instant("2026-06-30T10:00:00.1234567890+08:00")?.nanos == 123_456_789)
        #expect(Instant("2026-06-30T10:00:00.\(String(repeating: "9", count: 200))Z")?.nanos == 999_999_999)
        #expect(Instant("2026-06-30T10:00:00.123456789+08:00") == Instant("2026-06-30T10:00:00.1234567891+08:00"))
    }

    @Test("ids with / or .. or a leading dot are rejected", arguments: ["a/b", "..", "a..b", ".hidden", "-x", "中文"])
    func badIdentifiers(_ id: String) throws {
        let errors = try TempInventory(["a.yaml": header + "units:\n  - {id: \"\(id)\", name: x}\n"]).errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("is not a valid id") == true)
    }

    @Test func addressesAreChecked() throws {
        let errors = try TempInventory(["a.yaml": header + """
        units:
          - {id: u1, name: x, ip_segments: [10.1.1.0/33, 10.1.1.0/24, fe80::/10]}
        terminals:
          - {id: t1, unit: u1, ip: 10.1.1.256, mac: "00:1a:2b:3c:4d"}
          - {id: t2, unit: u1, ip: "2001:db8::1", mac: "00-1A-2B-3C-4D-5E"}
        """]).errors()
        #expect(errors.count == 3)
        #expect(errors[0].contains("'ip_segments' value '10.1.1.0/33' is not a valid CIDR"))
        #expect(errors[1].contains("'ip' value '10.1.1.256' is not a valid IP address"))
        #expect(errors[2].contains("'mac' value '00:1a:2b:3c:4d' is not a valid MAC address"))
    }

    @Test func unquotedRegionCodesAreReadAsWritten() throws {
        let inv = try TempInventory(["a.yaml": header.replacingOccurrences(of: "\"150200\"", with: "150200")]).load()
        #expect(inv.region == "150200")
    }

    @Test func topLevelShapeErrors() throws {
        #expect(try TempInventory(["a.yaml": header, "b.yaml": "- just\n- a list\n"]).errors()
            == ["b.yaml:1:1: error: the top level must be a mapping (inventory:, units:, …), found a list"])
        #expect(try TempInventory(["a.yaml": header, "b.yaml": "units: {id: u1}\n"]).errors()
            == ["b.yaml:1:8: error: 'units' must be a list (items start with -), found a mapping"])
        #expect(try TempInventory(["a.yaml": header, "b.yaml": "unit:\n  - {id: u1, name: x}\n"]).errors()
            == ["b.yaml:1:1: error: unknown key 'unit' in the top level (did you mean 'units'?)"])
    }

    @Test func emptyFilesAreErrors() throws {
        #expect(try TempInventory(["a.yaml": header, "empty.yaml": ""]).errors()
            == ["empty.yaml:1:1: error: the file is empty: an inventory file needs at least one top-level key (inventory, units, terminals, …)"])
    }
}

@Suite("Instant text")
struct InstantTextTests {
    @Test("an instant is written back as it was given", arguments: [
        "2026-09-21T10:00:00+08:00", "2026-09-21T02:00:00Z", "1969-12-31T23:59:59-05:30", "2026-09-21T10:00:00.25+08:00",
    ])
    func roundTrip(_ text: String) {
        #expect(Instant(text)?.text == text)
    }
}
