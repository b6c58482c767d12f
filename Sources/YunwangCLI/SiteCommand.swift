import ArgumentParser
import BuiltinResources
import Diagnostics
import Foundation
import Inventory
import Policy
import Render
import Site

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "生成离线审计站点 / Build the offline audit site.",
        discussion: """
        一个纯文件目录：总览、每个单位/系统/政务云/规则/计划任务一页、期限、豁免、搜索、findings.json、SHA256SUMS。
        不从外部加载任何内容（CSP），链接均为相对路径，可从 file:// 或任意子目录打开。
        A folder of plain files: overview, one page per unit/system/cloud/rule/plan task, deadlines, waivers, search,
        findings.json (the bytes of `check --format json`), SHA256SUMS. Nothing loads from outside (CSP); links are relative.

        步骤 steps: 读取规则 load policies → 读取台账 load → 求值 evaluate → 豁免 waive → 读取上期 load previous →
        渲染页面 render pages → 搜索索引 search index → 校验和 checksums → 写入 write（临时目录后改名 temporary folder, then rename）.

        退出码 / exit: 0 已写入 written; 1 仅在显式给出 --fail-on 且有此类问题时; 2 输入有误，原站点保持不变 bad input, the previous site is left untouched.

        示例 / examples:
          yunwang site examples/baotou --quarter 2026Q3 --output out/site
          yunwang site inventory/ --output site --previous 2026Q2.json --lang en
          yunwang site inventory/ --output site --history reports/
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var dates: DateOptions

    @Option(help: ArgumentHelp("站点目录（整体替换）/ the site folder (replaced as a whole)", valueName: "dir"))
    var output: String

    @Option(help: ArgumentHelp("历次 findings JSON 所在目录，用于趋势图 / a folder of earlier findings JSON files for the trend chart", valueName: "dir"))
    var history: String?

    @OptionGroup var audit: AuditOptions
    @OptionGroup var publish: PublishOptions

    @Flag(help: "在标准错误上列出各步骤耗时 / print each step's time on standard error")
    var timings = false

    func validate() throws {
        guard !output.isEmpty else { throw ValidationError("--output 不能为空 / must not be empty") }
    }

    func run() throws {
        let past = try publish.readPrevious()
        let audit = try AuditRun.run(input: input, dates: dates, audit: self.audit, previous: past)
        let earlier = try history.map { dir throws(Diagnostic) in try PastFindings.readHistory(dir) } ?? []
        let set = try TemplateSet.load(builtin: BuiltinResources.files, overrides: publish.templates)
        let inventory = audit.inventory
        let tasks = Builtins.plans.filter { $0.applies(toRegion: inventory.region) }.flatMap { plan in
            plan.tasks.filter { $0.levels.contains(inventory.level) }.map {
                SiteTask(plan: plan.id, document: plan.document, planTitle: plan.title, no: $0.no, mainTask: $0.mainTask, subTask: $0.subTask,
                         responsible: $0.responsible, type: $0.type, due: $0.due)
            }
        }
        let result = audit.result, language = input.lang
        let json: @Sendable () -> String = {
            FindingsJSON.document(result, version: Yunwang.version, language: language).serialized(pretty: true) + "\n"
        }
        let siteInput = SiteInput(result: audit.result, inventory: inventory, previous: past, history: earlier, quarter: dates.quarter?.uppercased(),
                                  language: input.lang, templates: set, assets: BuiltinResources.files(under: "site/"), findingsJSON: json, tasks: tasks)
        let start = Date(), cpuStart = Self.cpuSeconds()
        let count = try SiteBuilder.build(siteInput, into: output, timings: timings ? { step in
            FileHandle.standardError.write(Data(String(format: "%8.3f s  %@\n", step.seconds, step.name).utf8))
        } : nil)
        if timings {
            // CPU time (user + system, all threads) says how much work the steps were, whatever else the machine runs.
            let line = String(format: "%8.3f s  total (%d files, %.3f s CPU)\n", Date().timeIntervalSince(start), count, Self.cpuSeconds() - cpuStart)
            FileHandle.standardError.write(Data(line.utf8))
        }
        try audit.exit(gate: publish.gate)
    }

    /// User plus system CPU seconds of this process so far (every thread).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
