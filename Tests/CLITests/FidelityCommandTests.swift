import Foundation
import Testing

/// Issue #16 end to end: detail in JSON, DATA-FUTURE-DATE, as-of blindness to later facts,
/// notes on ignored plan records (A11), `plan list --level`.
@Suite("regulatory fidelity (end to end)")
struct FidelityCommandTests {
    static func json(_ arguments: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(arguments + ["--format", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        let root = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        return root?["findings"] as? [[String: Any]] ?? []
    }

    @Test("findings carry the detail a unit needs to act")
    func details() throws {
        let findings = try Self.json(["check", "examples/baotou", "--as-of", "2026-09-30"])
        func detail(_ rule: String, _ id: String) -> String? {
            findings.first { $0["rule"] as? String == rule && ($0["target"] as? [String: Any])?["id"] as? String == id }?["detail"] as? String
        }
        #expect(detail("BT-43", "bt-wjw") == "10.15.20.23（3 次未处理告警）")
        #expect(detail("BT-24-UNIQUE", "bt-dmq") == "10.15.42.14：bt-dmq-0002、bt-dmq-0003")
        #expect(detail("BT-42-8", "bt-jyj-0004") == "ToDesk")
        #expect(detail("DATA-FUTURE-DATE", "bt-dsj-0006") == "antivirus.last_full_scan=2026-10-03")
        // A rule without detail: no key.
        #expect(findings.contains { $0["rule"] as? String == "BT-25" && $0["detail"] == nil })
    }

    @Test("--as-of in the past does not count later-dated facts as done")
    func asOfBlindness() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", """
        inventory: {name: 测试, region: "150200", level: city, as_of: 2026-09-30}
        units:
          - {id: u1, name: 一, ip_segments: [10.15.2.0/24]}
        terminals:
          - {id: t1, unit: u1, ip: 10.15.2.5, antivirus: {installed: true, signatures: 2026-06-28, last_full_scan: 2026-07-05}}
        """)
        func rules(_ asOf: String) throws -> Set<String> {
            Set(try Self.json(["check", dir.url.path, "--as-of", asOf]).filter {
                ($0["target"] as? [String: Any])?["id"] as? String == "t1"
            }.compactMap { $0["rule"] as? String })
        }
        let then = try rules("2026-06-30")
        #expect(then.contains("BT-42-5-SCAN") && then.contains("DATA-FUTURE-DATE"), "\(then)")
        let later = try rules("2026-07-06")
        #expect(!later.contains("BT-42-5-SCAN") && !later.contains("DATA-FUTURE-DATE"), "\(later)")
    }

    @Test("a county inventory says its plan records were ignored")
    func ignoredTaskRecords() throws {
        let dir = try Scratch()
        try dir.write("a.yaml", """
        inventory: {name: 某县台账, region: "150221", level: county, as_of: 2026-09-30}
        units:
          - {id: u1, name: 一}
        tasks:
          - {plan: nm-2024-189, no: 46, status: done, done: 2025-10-01}
        """)
        let r = try CLI.run(["check", dir.url.path, "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("说明：内政数字〔2024〕189号 在本台账层级（county）没有适用的任务；tasks: 中该计划的 1 条记录（第 46 项）已忽略"), "\(r.out)")
        let en = try CLI.run(["check", dir.url.path, "--fail-on", "never", "--lang", "en"])
        #expect(en.out.contains("has no task at this inventory's level (county); its 1 tasks: record(s) (no. 46) were ignored"), "\(en.out)")
        // No note where every record applies.
        let city = try CLI.run(["check", "examples/zhoukou", "--fail-on", "never"])
        #expect(!city.out.contains("说明："))
    }

    @Test("plan list --level says which tasks apply")
    func planListLevel() throws {
        let county = try CLI.run(["plan", "list", "--level", "county"])
        #expect(county.code == 0)
        #expect(county.out.contains("本层级（county）没有适用的任务"))
        let city = try CLI.run(["plan", "list", "--level", "city", "--format", "json"])
        let plans = try #require(try JSONSerialization.jsonObject(with: Data(city.out.utf8)) as? [[String: Any]])
        let levels = (plans.first?["tasks"] as? [[String: Any]] ?? []).map { $0["levels"] as? [String] ?? [] }
        #expect(!levels.isEmpty && levels.allSatisfy { $0.contains("city") })
        let bad = try CLI.run(["plan", "list", "--level", "town"])
        #expect(bad.code == 2)
    }
}
