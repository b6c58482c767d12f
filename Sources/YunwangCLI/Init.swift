import ArgumentParser
import Diagnostics
import Foundation
import Inventory
import Plan
import Site

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一个可用的小台账 / Write a small valid inventory to start from.",
        discussion: """
        DIR 须不存在或为空；不会覆盖任何文件。写入 inventory.yaml、units.yaml、systems.yaml 和 inventory.schema.json。
        DIR must be absent or empty; nothing is overwritten.

        --level 默认由区划代码推出（xx0000 省级，xxxx00 市级，其余县级）；--as-of 默认 2026-09-30，样例中的日期随之平移。
        适用的内政数字〔2024〕189号任务写入 tasks.yaml 并记为已完成（请按实际修改），所以新台账 check 通过。
        --level defaults from the code (xx0000 province, xxxx00 city, else county); --as-of (default 2026-09-30)
        moves every sample date with it. Plan tasks that apply go to tasks.yaml marked done (edit them), so a
        new inventory checks clean.

        示例 / examples:
          yunwang init my-inventory --region 150200
          yunwang init county-inventory --region 150221 --as-of today
          yunwang check my-inventory
        """)

    @Argument(help: ArgumentHelp("新台账目录 / directory for the new inventory", valueName: "dir"))
    var dir: String

    @Option(help: ArgumentHelp("GB/T 2260 行政区划代码（6 位）/ six-digit GB/T 2260 region code", valueName: "code"))
    var region: String = "150200"

    @Option(help: "台账名称 / inventory name")
    var name: String?

    @Option(help: ArgumentHelp("层级 province|city|county（默认由区划代码推出）/ level (default: from the region code)", valueName: "level"))
    var level: String?

    @Option(help: ArgumentHelp("台账的 as_of 日期，或 today（UTC+8）/ the inventory's as_of date, or today (UTC+8)", valueName: "YYYY-MM-DD|today"))
    var asOf: String?

    func validate() throws {
        guard region.utf8.count == 6, region.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw ValidationError("--region 须为 6 位数字行政区划代码，如 150200 / --region must be a six-digit code such as 150200")
        }
        if let level, !["province", "city", "county"].contains(level) {
            throw ValidationError("--level 须为 province、city 或 county / --level must be province, city or county: \(level)")
        }
        if let asOf, asOf != "today" {
            guard let day = Day(asOf) else { throw ValidationError("--as-of 须为有效日期 YYYY-MM-DD 或 today / --as-of must be a valid date YYYY-MM-DD or today: \(asOf)") }
            guard Day.supportedYears.contains(day.year) else { throw ValidationError("--as-of 须在 1900 至 2999 年之间 / --as-of must be within the years 1900–2999: \(asOf)") }
        }
    }

    func run() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDir) {
            let contents = isDir.boolValue ? ((try? fm.contentsOfDirectory(atPath: dir)) ?? ["?"]) : ["?"]
            guard isDir.boolValue, contents.isEmpty else {
                throw CommandFailure(code: 2, message: "\(dir): 错误: 目标已存在且不是空目录，init 不会覆盖 / error: the target exists and is not an empty directory; init never overwrites")
            }
        }
        let level = self.level ?? Starter.level(ofRegion: region)
        let day = asOf.flatMap { $0 == "today" ? Day.of(Date(), offset: .beijing) : Day($0) }
        // The built-in plans' tasks that apply here (PlanRules reports each one missing).
        let tasks = Builtins.plans.filter { $0.applies(toRegion: region) }.flatMap { plan in
            plan.tasks.filter { $0.levels.contains(level) }.map { Starter.TaskRecord(plan: plan.id, no: $0.no, subTask: $0.subTask) }
        }
        var files: [(path: String, data: Data)] = Starter.files(region: region, name: name, level: level, asOf: day, tasks: tasks)
            .map { ($0.path, Data($0.contents.utf8)) }
        files.append(("inventory.schema.json", Data((JSONSchema.document().serialized(pretty: true) + "\n").utf8)))
        try Output.writeDirectory(dir, files: files)
        print("已创建 \(dir)：\(files.map(\.path).joined(separator: "、")) / created \(dir)")
        print("下一步 / next: yunwang validate \(dir)")
    }
}
