import CEL
import Foundation
import Inventory
import Testing
@testable import Policy

/// Issue #16: later-dated facts are not done (A4), `detail:` and `locate_at:` (A2), rule periods (A5).
@Suite("regulatory fidelity: dates, details, periods")
struct FidelityTests {
    static let sample = """
    inventory: {name: 测试, region: "150200", level: city, as_of: 2026-09-30}
    units:
      - {id: u1, name: 一, ip_segments: [10.1.1.0/24]}
    terminals:
      - {id: t1, unit: u1, ip: 10.1.1.5, antivirus: {installed: true, last_full_scan: 2026-10-03}}
      - {id: t2, unit: u1, ip: 10.1.1.6, antivirus: {installed: true, last_full_scan: 2026-09-28}}
      - {id: t3, unit: u1, ip: 10.1.1.6}
    waivers:
      - {rule: R-SCAN, target: terminal/t3, reason: 测试, approved_by: 王, approval: "1号", expires: 2027-01-01}
    """

    static func rule(_ yaml: String, id: String) throws -> Rule {
        try RuleLoader().parse(Array(yaml.utf8), file: "policies/test/\(id).yaml", pack: "test")
    }

    static let scanRule = """
    id: R-SCAN
    title: {zh: 扫描, en: scan}
    severity: medium
    applies_to: terminal
    when: "has(self.antivirus) && self.antivirus.installed"
    assert: "has(self.antivirus.last_full_scan) && asOf - self.antivirus.last_full_scan <= duration('168h')"
    message: {zh: "终端 {{self.id}} 未扫描", en: "terminal {{self.id}} not scanned"}
    citation: {document: 测试, article: 一, quote: 测试}
    examples:
      - {expect: pass, self: {id: a, unit: u, antivirus: {installed: true, last_full_scan: '2026-09-29'}}}
      - {expect: fail, self: {id: b, unit: u, antivirus: {installed: true}}}
    """

    static func check(_ rules: [Rule], asOf: String) throws -> CheckResult {
        let inventory = try BridgeTests.inventory(["a.yaml": sample])
        return try Checker(rules: rules, plans: []).check(inventory, options: CheckOptions(asOf: try #require(Day(asOf))))
    }

    @Test("a scan dated after as-of is not done, and DATA-FUTURE-DATE says so")
    func futureDates() throws {
        let scan = try Self.rule(Self.scanRule, id: "R-SCAN")
        let result = try Self.check([scan], asOf: "2026-09-30")
        let failed = result.findings.filter { $0.rule == "R-SCAN" }.map(\.targetID)
        #expect(failed == ["t1"])
        let future = result.findings.filter { $0.rule == DataRules.futureDate }
        #expect(future.count == 1)
        #expect(future.first?.targetID == "t1" && future.first?.severity == .info)
        #expect(future.first?.detail == "antivirus.last_full_scan=2026-10-03")
        #expect(future.first?.location.line == 5)
        // The waiver's expiry is a deadline, not a fact: never reported.
        #expect(!future.contains { $0.targetKind == "waiver" })
        // On a later as-of the scan has happened and nothing is reported.
        let later = try Self.check([scan], asOf: "2026-10-05")
        #expect(later.findings.filter { $0.rule == "R-SCAN" || $0.rule == DataRules.futureDate }.isEmpty)
    }

    @Test("detail and locate_at are evaluated for failing objects and reach the message")
    func detailAndLocateAt() throws {
        let unique = try Self.rule("""
        id: R-UNIQUE
        title: {zh: 唯一, en: unique}
        severity: medium
        applies_to: unit
        assert: "self.terminals.map(t, t.ip).distinct().size() == self.terminals.size()"
        detail: >-
          self.terminals.map(t, t.ip).distinct().filter(ip, self.terminals.filter(t, t.ip == ip).size() > 1)
            .map(ip, [ip] + self.terminals.filter(t, t.ip == ip).map(t, t.id))
        locate_at: "'terminal/' + self.terminals.filter(t, t.ip == '10.1.1.6')[1].id"
        message: {zh: "重复：{{detail}}", en: "repeated: {{detail}}"}
        citation: {document: 测试, article: 一, quote: 测试}
        examples:
          - {expect: pass, self: {id: a, name: a, terminals: [{id: t1, unit: a, ip: 10.0.0.1}]}}
          - expect: fail
            self: {id: b, name: b, terminals: [{id: t1, unit: b, ip: 10.0.0.1}, {id: t2, unit: b, ip: 10.0.0.1}]}
            message: 重复：10.0.0.1：t1、t2
        """, id: "R-UNIQUE")
        let outcomes = ExampleRunner().run(unique)
        let bad = outcomes.filter { !$0.ok }.map { $0.problem ?? "?" }
        #expect(bad.isEmpty, "\(bad)")
        let result = try Self.check([unique], asOf: "2026-09-30")
        let f = try #require(result.findings.first { $0.rule == "R-UNIQUE" })
        #expect(f.detail == "10.1.1.6：t2、t3")
        #expect(f.message.zh == "重复：10.1.1.6：t2、t3")
        #expect(f.targetKind == "unit" && f.targetID == "u1")
        #expect(f.location.line == 7, "located at the second terminal sharing the address, not the unit")
        // A passing rule never evaluates its detail: a detail that would fail is harmless.
        let quiet = try Self.rule(Self.scanRule.replacingOccurrences(of: "citation:", with: "detail: \"1 / 0\"\ncitation:"), id: "R-SCAN")
        let q = try Self.check([quiet], asOf: "2026-10-05")
        #expect(q.findings.filter { $0.rule == "R-SCAN" }.isEmpty)
    }

    @Test("effective: before, within and after a rule's period")
    func effective() throws {
        func rule(_ effective: String) throws -> Rule {
            try Self.rule(Self.scanRule.replacingOccurrences(of: "when:", with: "effective: \(effective)\nwhen:"), id: "R-SCAN")
        }
        let within = try Self.check([try rule("{from: '2026-01-01', until: '2026-12-31'}")], asOf: "2026-09-30")
        #expect(within.findings.first { $0.rule == "R-SCAN" }?.severity == .medium)
        let before = try Self.check([try rule("{from: '2027-01-01'}")], asOf: "2026-09-30")
        #expect(before.findings.filter { $0.rule == "R-SCAN" }.isEmpty)
        let after = try Self.check([try rule("{until: '2025-12-31'}")], asOf: "2026-09-30")
        #expect(after.findings.filter { $0.rule == "R-SCAN" }.isEmpty)
        let info = try Self.check([try rule("{until: '2025-12-31', after: info}")], asOf: "2026-09-30")
        let f = try #require(info.findings.first { $0.rule == "R-SCAN" })
        #expect(f.severity == .info && f.message.zh.hasSuffix("（目标期已过：本条要求的目标期至 2025-12-31 止，义务延续，按提示报告）"))
        #expect(throws: (any Error).self) { try rule("{from: '2027-01-01', until: '2026-01-01'}") }
        #expect(throws: (any Error).self) { try rule("{from: 2027-13-01}") }
        #expect(throws: (any Error).self) { try rule("{until: '2026-01-01', after: warn}") }
    }
}
