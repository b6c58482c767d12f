import Diagnostics
import Inventory
import Plan

/// Plan deadlines (DESIGN §4): applicable tasks not done by their due date
/// are overdue (required → high, as-needed → low); tasks due within
/// `dueSoonDays` are due-soon. One rule, `PLAN-DEADLINE`, so a finding keeps
/// its fingerprint when it turns from due-soon to overdue.
public struct PlanRules: Sendable {
    public static let deadline = "PLAN-DEADLINE"
    public static let title = Localized(zh: "计划任务按期完成", en: "Plan tasks done by their deadline")

    public var plans: [Plan]

    public init(plans: [Plan]) {
        self.plans = plans
    }

    public func findings(_ inventory: Inventory, options: CheckOptions) -> [Finding] {
        var out: [Finding] = []
        let records = inventory.objects(.task)
        for plan in plans where plan.applies(toRegion: inventory.region) {
            var byNumber: [Int: Object] = [:]
            for r in records where r["plan"]?.string == plan.id {
                if let no = r["no"]?.int { byNumber[Int(no)] = r }
            }
            for task in plan.tasks where task.levels.contains(inventory.level) {
                let record = byNumber[task.no]
                var status = record?["status"]?.string ?? "not-started"
                // Done after the as-of date: not done yet when looking back.
                if status == "done", let done = record?["done"]?.date, done > options.asOf { status = "in-progress" }
                if status == "done" { continue }
                if status == "not-applicable" && task.type == "as-needed" { continue }
                let overdue = options.asOf > task.due
                let daysLeft = task.due.daysSinceEpoch - options.asOf.daysSinceEpoch
                guard overdue || daysLeft <= options.dueSoonDays else { continue }
                let statusText = Self.statusText(status)
                let typeText = task.type == "required" ? ("要求", "required") : ("按需", "as needed")
                let message = overdue
                    ? Localized(zh: "\(plan.document) 第 \(task.no) 项任务「\(task.subTask)」（\(typeText.0)）应于 \(task.due) 前完成，已逾期；当前状态：\(statusText.zh)",
                                en: "task \(task.no) of \(plan.document) (\(typeText.1)) was due by \(task.due) and is overdue; status: \(statusText.en)")
                    : Localized(zh: "\(plan.document) 第 \(task.no) 项任务「\(task.subTask)」（\(typeText.0)）应于 \(task.due) 前完成，还剩 \(daysLeft) 天；当前状态：\(statusText.zh)",
                                en: "task \(task.no) of \(plan.document) (\(typeText.1)) is due by \(task.due), in \(daysLeft) days; status: \(statusText.en)")
                out.append(Finding(
                    rule: Self.deadline, title: Self.title,
                    severity: task.type == "required" ? .high : .low,
                    status: overdue ? .open : .dueSoon,
                    targetKind: "task", targetID: "\(plan.id)/\(task.no)",
                    message: message,
                    remediation: Localized(zh: "推进任务并在 tasks: 中记录进展（status、done、evidence）", en: "Progress the task and record it under tasks: (status, done, evidence)"),
                    location: record.map { inventory.location(of: $0) } ?? inventory.location(of: inventory.header),
                    citation: Citation(document: plan.document, title: plan.title, article: "任务清单 第\(task.no)项", quote: task.subTask),
                    due: task.due, waiver: nil, unit: nil))
            }
        }
        return out
    }

    /// Issue #16 A11: `tasks:` records of a plan for tasks that do not apply at the inventory's
    /// level are accepted and ignored (DESIGN §2); this says so instead of silence. One note per
    /// plan with such records: how many tasks apply at the level and how many records were ignored.
    public func ignoredRecordNotes(_ inventory: Inventory) -> [Localized] {
        var out: [Localized] = []
        let records = inventory.objects(.task)
        for plan in plans where plan.applies(toRegion: inventory.region) {
            let applying = Set(plan.tasks.filter { $0.levels.contains(inventory.level) }.map(\.no))
            let ignored = records.filter { $0["plan"]?.string == plan.id && !applying.contains(Int($0["no"]?.int ?? 0)) }
            guard !ignored.isEmpty else { continue }
            let nos = ignored.compactMap { $0["no"]?.int }.map(String.init).joined(separator: "、")
            out.append(applying.isEmpty
                ? Localized(zh: "说明：\(plan.document) 在本台账层级（\(inventory.level)）没有适用的任务；tasks: 中该计划的 \(ignored.count) 条记录（第 \(nos) 项）已忽略",
                            en: "note: \(plan.document) has no task at this inventory's level (\(inventory.level)); its \(ignored.count) tasks: record(s) (no. \(nos)) were ignored")
                : Localized(zh: "说明：\(plan.document) 在本台账层级（\(inventory.level)）适用 \(applying.count) 项任务；tasks: 中不适用本级的 \(ignored.count) 条记录（第 \(nos) 项）已忽略",
                            en: "note: \(applying.count) tasks of \(plan.document) apply at this inventory's level (\(inventory.level)); \(ignored.count) tasks: record(s) for other levels (no. \(nos)) were ignored"))
        }
        return out
    }

    static func statusText(_ status: String) -> Localized {
        switch status {
        case "in-progress": return Localized(zh: "进行中", en: "in progress")
        case "not-applicable": return Localized(zh: "不适用", en: "not applicable")
        case "done": return Localized(zh: "已完成", en: "done")
        default: return Localized(zh: "未开始", en: "not started")
        }
    }
}

extension Plan {
    /// A plan scoped to regions applies where the inventory's region matches one of them.
    public func applies(toRegion region: String) -> Bool {
        regions.isEmpty || regions.contains { region.hasPrefix(Rule.prefix($0)) }
    }
}
