import ArgumentParser
import JSON
import Plan

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "内置计划任务 / Built-in plan tasks.",
        subcommands: [PlanList.self])
}

struct PlanList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "列出内置计划的任务及期限 / List the built-in plans' tasks and deadlines.",
        discussion: "示例 / examples:\n  yunwang plan list\n  yunwang plan list --format json")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "输出格式 text|json / output format")
    var format: Format = .text

    @Option(help: "只列出适用于该台账层级的任务 province|city|county / only the tasks that apply at this inventory level")
    var level: String?

    func validate() throws {
        if let level, !["province", "city", "county"].contains(level) {
            throw ValidationError("--level 应为 province、city 或 county / must be province, city or county")
        }
    }

    func tasks(_ plan: Plan) -> [Plan.Task] {
        guard let level else { return plan.tasks }
        return plan.tasks.filter { $0.levels.contains(level) }
    }

    func run() {
        switch format {
        case .json:
            print(JSON.array(Builtins.plans.map { plan in
                .object([
                    ("id", .string(plan.id)), ("title", .string(plan.title)), ("document", .string(plan.document)),
                    ("regions", .array(plan.regions.map(JSON.string))),
                    ("tasks", .array(tasks(plan).map { t in
                        .object([
                            ("no", .int(Int64(t.no))), ("main_task", .string(t.mainTask)), ("sub_task", .string(t.subTask)),
                            ("responsible", .array(t.responsible.map(JSON.string))), ("type", .string(t.type)),
                            ("due", .string(t.due.description)), ("levels", .array(t.levels.map(JSON.string))),
                        ])
                    })),
                ])
            }).serialized(pretty: true))
        case .text:
            for plan in Builtins.plans {
                print("\(plan.id)  \(plan.document)  \(plan.title)")
                if let level {
                    let n = tasks(plan).count
                    print(n == 0 ? "  本层级（\(level)）没有适用的任务；该层级台账中 tasks: 的记录会被忽略 / no task applies at \(level): tasks: records at this level are ignored"
                                 : "  本层级（\(level)）适用 \(n) 项任务 / \(n) tasks apply at \(level)")
                }
                for t in tasks(plan) {
                    print("  \(t.no)\t\(t.type)\t\(t.due)\t\(t.levels.joined(separator: ","))\t\(t.subTask)")
                }
            }
        }
    }
}
