import Foundation
import Testing

/// The built-in task table of 内政数字〔2024〕189号, as `yunwang plan list`
/// prints it, against the seed text it was transcribed from. The seed is
/// read the way tools/plan-check/check_plan.py reads it: the table region
/// runs from the table heading line to the end of the file, and each task
/// row ends in a completion cell `(要求|按需)\s*(\d{4})年`.
@Suite("plan table of 内政数字〔2024〕189号")
struct PlanTableTests {
    static let seed = SharedSource.seeds.folder.appendingPathComponent("000_fa232ac276ffc542.txt")
    static let tableHeading = "内蒙古自治区电子政务外网和政务云支撑能力优化提升行动方案任务清单"

    struct Task {
        var no: Int
        var mainTask: String
        var subTask: String
        var responsible: [String]
        var type: String
        var due: String
    }

    static func tasks() throws -> [Task] {
        let r = try CLI.run(["plan", "list", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let plans = (try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]) ?? []
        guard let plan = plans.first(where: { $0["id"] as? String == "nm-2024-189" }) else {
            Issue.record("plan nm-2024-189 missing from `yunwang plan list --format json`")
            return []
        }
        return ((plan["tasks"] as? [[String: Any]]) ?? []).map { t in
            Task(no: (t["no"] as? NSNumber)?.intValue ?? -1, mainTask: t["main_task"] as? String ?? "",
                 subTask: t["sub_task"] as? String ?? "", responsible: t["responsible"] as? [String] ?? [],
                 type: t["type"] as? String ?? "", due: t["due"] as? String ?? "")
        }
    }

    /// The seed's table region (heading line to end), or the whole seed if the heading is missing.
    static func table() throws -> String {
        SharedSource.seeds.requirePresent()
        let text = try String(contentsOf: seed, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == tableHeading }) else {
            Issue.record("table heading not found in \(seed.path)")
            return text
        }
        return lines[start...].joined(separator: "\n")
    }

    static func stripped(_ s: String) -> String {
        String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    @Test func sixtyFourCompleteTasks() throws {
        let tasks = try Self.tasks()
        #expect(tasks.count == 64)
        #expect(tasks.map(\.no) == Array(1...64))
        let dueFormat = try NSRegularExpression(pattern: #"^\d{4}-12-31$"#)
        for t in tasks {
            #expect(!t.mainTask.isEmpty, "task \(t.no): main_task is empty")
            #expect(!t.subTask.isEmpty, "task \(t.no): sub_task is empty")
            #expect(!t.responsible.isEmpty && t.responsible.allSatisfy { !$0.isEmpty }, "task \(t.no): responsible is empty")
            #expect(["required", "as-needed"].contains(t.type), "task \(t.no): type \(t.type)")
            #expect(dueFormat.firstMatch(in: t.due, range: NSRange(t.due.startIndex..., in: t.due)) != nil, "task \(t.no): due \(t.due) is not YYYY-12-31")
        }
    }

    @Test(.enabled(if: SharedSource.seeds.runs, SharedSource.seeds.skipped)) func countsByTypeAndYearMatchTheSeed() throws {
        let tasks = try Self.tasks()
        let table = try Self.table()
        let cell = try NSRegularExpression(pattern: #"(要求|按需)\s*(\d{4})年"#)
        var seedType: [String: Int] = [:], seedYear: [String: Int] = [:]
        for m in cell.matches(in: table, range: NSRange(table.startIndex..., in: table)) {
            guard let kind = Range(m.range(at: 1), in: table), let year = Range(m.range(at: 2), in: table) else { continue }
            seedType[table[kind] == "要求" ? "required" : "as-needed", default: 0] += 1
            seedYear[String(table[year]), default: 0] += 1
        }
        var planType: [String: Int] = [:], planYear: [String: Int] = [:]
        for t in tasks {
            planType[t.type, default: 0] += 1
            planYear[String(t.due.prefix(4)), default: 0] += 1
        }
        #expect(seedType == ["required": 38, "as-needed": 26], "seed cells by type: \(seedType)")
        #expect(seedYear == ["2024": 22, "2025": 15, "2026": 27], "seed cells by year: \(seedYear)")
        #expect(planType == seedType, "plan by type \(planType), seed \(seedType)")
        #expect(planYear == seedYear, "plan by year \(planYear), seed \(seedYear)")
        // Every NNNN年 of the table is such a cell.
        let years = try NSRegularExpression(pattern: #"\d{4}年"#).numberOfMatches(in: table, range: NSRange(table.startIndex..., in: table))
        #expect(years == 64)
    }

    @Test(.enabled(if: SharedSource.seeds.runs, SharedSource.seeds.skipped)) func everySubTaskIsInTheSeed() throws {
        let flat = Self.stripped(try Self.table())
        for t in try Self.tasks() {
            #expect(flat.contains(Self.stripped(t.subTask)), "task \(t.no): sub_task「\(t.subTask)」is not in the seed table")
            #expect(flat.contains(Self.stripped(t.mainTask)), "task \(t.no): main_task「\(t.mainTask)」is not in the seed table")
        }
    }
}
