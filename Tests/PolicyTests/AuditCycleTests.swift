import Diagnostics
import Foundation
import Inventory
import Testing
@testable import Policy

/// The audit-cycle step (DESIGN §9) in process: owners, first seen, deadlines,
/// overdue, matching orders, RECT-NOT-FIXED and RECT-UNUSED.
@Suite("audit cycle: owners, deadlines, rectification orders")
struct AuditCycleTests {
    static let sample = """
    inventory:
      name: 测试
      region: "150200"
      level: city
      as_of: 2026-09-30
      rectify_days: {high: 10}
    units:
      - {id: u1, name: 一局, ops_lead: 张三}
      - {id: u2, name: 二局}
    terminals:
      - {id: t1, unit: u1}
    clouds:
      - {id: c1, name: 云, operator: u2}
    datacenters:
      - {id: d1, name: 机房}
    rectifications:
      - {rule: R1, target: terminal/t1, order: "整改〔2026〕1号", issued: 2026-07-01, due: 2026-07-20}
      - {rule: R2, target: unit/u1, order: "整改〔2026〕2号", issued: 2026-07-01, due: 2026-08-20, closed: 2026-08-01, owner: 李四}
      - {rule: R3, target: cloud/c1, order: "整改〔2026〕3号", issued: 2026-08-01, due: 2026-10-20}
      - {rule: R9, target: unit/u2, order: "整改〔2026〕9号", issued: 2026-09-20, due: 2026-10-20, closed: 2026-09-25}
    """

    static func inventory(_ text: String = sample) throws -> Inventory {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yw-cycle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(text.utf8).write(to: dir.appendingPathComponent("inv.yaml"))
        return try InventoryLoader().load(dir.path)
    }

    static func finding(_ rule: String, _ severity: Severity, _ kind: String, _ id: String, unit: String? = nil,
                        status: FindingStatus = .open, due: Day? = nil) -> Finding {
        Finding(rule: rule, title: Localized(zh: rule, en: rule), severity: severity, status: status, targetKind: kind, targetID: id,
                message: Localized(zh: "问题", en: "problem"), remediation: Localized(zh: "整改", en: "fix it"),
                location: SourceLocation(file: "inv.yaml", line: 1, column: 1),
                citation: Citation(document: "d", title: "t", article: "a", quote: "q"), due: due, waiver: nil, unit: unit)
    }

    static let asOf = Day(year: 2026, month: 9, day: 30)

    func run(_ findings: [Finding], firstSeen: [String: Day] = [:], asOf: Day = asOf) throws -> [Finding] {
        var options = CheckOptions(asOf: asOf)
        options.firstSeen = firstSeen
        return AuditCycle().apply(to: findings, inventory: try Self.inventory(), options: options)
    }

    func one(_ all: [Finding], _ rule: String) throws -> Finding {
        let matches = all.filter { $0.rule == rule }
        #expect(matches.count == 1, "\(rule): \(matches.count) findings")
        return try #require(matches.first)
    }

    @Test func ownersComeFromTheTargetsUnitOrOperator() throws {
        let out = try run([
            Self.finding("R1", .high, "terminal", "t1", unit: "u1"),
            Self.finding("R5", .low, "cloud", "c1"),
            Self.finding("R6", .info, "datacenter", "d1"),
            Self.finding("R7", .medium, "unit", "u2", unit: "u2"),
        ])
        let t = try one(out, "R1"), c = try one(out, "R5"), d = try one(out, "R6"), u = try one(out, "R7")
        #expect(t.owner == Owner(unit: "u1", unitName: "一局", opsLead: "张三"))
        #expect(c.owner == Owner(unit: "u2", unitName: "二局", opsLead: nil), "a cloud's findings belong to its operator")
        #expect(c.unit == "u2", "and are counted with that unit")
        #expect(d.owner == nil, "a data centre without operator has no owner")
        #expect(u.owner?.unitName == "二局")
    }

    @Test func deadlinesFollowRectifyDaysAndFirstSeen() throws {
        let carried = Self.finding("R5", .low, "cloud", "c1")
        let out = try run([
            Self.finding("R8", .high, "terminal", "t1", unit: "u1"),
            Self.finding("R7", .medium, "unit", "u2", unit: "u2"),
            carried,
            Self.finding("R6", .info, "datacenter", "d1"),
            Self.finding("W", .high, "unit", "u2", unit: "u2", status: .waived),
            Self.finding("PLAN", .high, "task", "nm/1", due: Day(year: 2026, month: 12, day: 31)),
        ], firstSeen: [carried.fingerprint: Day(year: 2026, month: 6, day: 30)])
        let high = try one(out, "R8")
        #expect(high.firstSeen == Self.asOf && high.rectifyBy == Day(year: 2026, month: 10, day: 10), "high: rectify_days.high = 10 from the inventory")
        #expect(!high.overdue)
        let medium = try one(out, "R7")
        #expect(medium.rectifyBy == Day(year: 2026, month: 10, day: 30), "medium: the default 30 days")
        let low = try one(out, "R5")
        #expect(low.firstSeen == Day(year: 2026, month: 6, day: 30), "first seen is carried forward")
        #expect(low.rectifyBy == Day(year: 2026, month: 9, day: 28) && low.overdue, "low: 90 days after first seen, past as-of")
        let info = try one(out, "R6")
        #expect(info.rectifyBy == nil && !info.overdue, "info findings have no deadline")
        let waived = try one(out, "W")
        #expect(waived.rectifyBy == nil && !waived.overdue, "waived findings have no deadline")
        let plan = try one(out, "PLAN")
        #expect(plan.rectifyBy == Day(year: 2026, month: 12, day: 31), "a rule's own due is the deadline")
        #expect(Summary(out).overdue == 1)
    }

    @Test func ordersMatchSetTheDeadlineAndAreReportedWhenWrong() throws {
        let out = try run([
            Self.finding("R1", .high, "terminal", "t1", unit: "u1"),
            Self.finding("R2", .medium, "unit", "u1", unit: "u1"),
        ])
        let r1 = try one(out, "R1")
        #expect(r1.rectification?.order == "整改〔2026〕1号")
        #expect(r1.rectification?.owner == "张三", "an order's owner defaults to the unit's ops lead")
        #expect(r1.rectifyBy == Day(year: 2026, month: 7, day: 20) && r1.overdue, "the order's due is the deadline")
        #expect(r1.firstSeen == Day(year: 2026, month: 7, day: 1), "an order proves the problem was known when issued")
        let r2 = try one(out, "R2")
        #expect(r2.rectification?.closed == Day(year: 2026, month: 8, day: 1) && r2.rectification?.owner == "李四")
        let notFixed = try one(out, AuditCycle.notFixed)
        #expect(notFixed.severity == .medium && notFixed.targetKind == "rectification" && notFixed.targetID == "R2@unit/u1")
        #expect(notFixed.owner?.unit == "u1" && notFixed.location.line == 18, "at the order's line")
        let unused = try one(out, AuditCycle.unused)
        #expect(unused.severity == .info && unused.targetID == "R3@cloud/c1" && unused.owner?.unit == "u2")
        #expect(!out.contains { $0.targetID.hasPrefix("R9@") }, "a closed order without a finding is simply done")
    }

    @Test func aPastAsOfSeesNeitherLaterOrdersNorLaterClosures() throws {
        let early = Day(year: 2026, month: 7, day: 15)
        let out = try run([
            Self.finding("R1", .high, "terminal", "t1", unit: "u1"),
            Self.finding("R2", .medium, "unit", "u1", unit: "u1"),
        ], asOf: early)
        #expect(try one(out, "R2").rectification?.closed == nil, "closed 2026-08-01 is not closed yet on 2026-07-15")
        #expect(!out.contains { $0.rule == AuditCycle.notFixed })
        #expect(!out.contains { $0.targetID.hasPrefix("R3@") }, "an order issued after as-of does not exist yet")
        let r1 = try one(out, "R1")
        #expect(r1.rectifyBy == Day(year: 2026, month: 7, day: 20) && !r1.overdue, "due 2026-07-20 is not past on 2026-07-15")
    }

    @Test func badOrdersAreRefusedAtTheirLine() throws {
        let cases: [(String, String)] = [
            ("- {rule: R4, target: terminal/nope, order: a, issued: 2026-07-01, due: 2026-07-20}", "nope"),
            ("- {rule: R4, target: terminal/t1, order: a, issued: 2026-07-01, due: 2026-06-20}", "2026-06-20"),
            ("- {rule: R4, target: terminal/t1, order: a, issued: 2026-07-01, due: 2026-07-20, closed: 2026-10-01}", "2026-10-01"),
            ("- {rule: R4, target: terminal/t1, order: a, issued: 2026-07-01, due: 2026-07-20, closed: 2026-06-01}", "2026-06-01"),
            ("- {rule: R1, target: terminal/t1, order: a, issued: 2026-07-02, due: 2026-07-20}", "未关闭"),
            ("- {rule: R4, target: terminal/t1, issued: 2026-07-02, due: 2026-07-20}", "order"),
        ]
        for (line, needle) in cases {
            let text = Self.sample + "\n  " + line + "\n"
            do {
                _ = try Self.inventory(text)
                Issue.record("accepted: \(line)")
            } catch let error as DiagnosticList {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
                let d = try #require(error.diagnostics.first)
                #expect(error.diagnostics.count == 1, "\(line): \(error.diagnostics)")
                #expect(d.location?.line == lines - 1, "\(line): at \(d.location)")
                #expect(d.message.zh.contains(needle), "\(line): \(d.message.zh)")
            }
        }
    }
}
