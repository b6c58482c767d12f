import ArgumentParser
import BuiltinResources
import Diagnostics
import Foundation
import Inventory
import Policy
import Render
import Site

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成季度检查报告（Markdown 或 HTML）/ Write the quarterly report (Markdown or HTML).",
        discussion: """
        与 check 相同的检查，渲染 templates/report.md.mustache；.html 经 libcmark-gfm 转为单个自包含页面（内联 CSS，A4 打印样式）。
        Runs the same check as `check`, renders templates/report.md.mustache; `.html` goes through libcmark-gfm
        into one self-contained page (inline CSS, A4 print CSS).

        步骤 steps: 读取规则 load policies → 读取台账 load → 求值 evaluate → 豁免 waive → 读取上期 load previous → 输出 render → 写入 write.

        退出码 / exit: 0 已写入 written; 1 仅在显式给出 --fail-on 且有此类问题时 only with an explicit --fail-on; 2 输入有误，不写任何文件 bad input, nothing written.

        示例 / examples:
          yunwang report examples/baotou --quarter 2026Q3 --output report.md
          yunwang report examples/baotou --output report.html --previous 2026Q2.json
          yunwang report inventory/ --output report.html --history reports/
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var dates: DateOptions

    @Option(help: ArgumentHelp("报告文件，.md 或 .html（原子替换）/ the report file, .md or .html (written atomically)", valueName: "file"))
    var output: String

    @Option(help: ArgumentHelp("历次 findings JSON 所在目录，用于趋势图 / a folder of earlier findings JSON files for the trend chart", valueName: "dir"))
    var history: String?

    @OptionGroup var audit: AuditOptions
    @OptionGroup var publish: PublishOptions

    func validate() throws {
        let lower = output.lowercased()
        guard lower.hasSuffix(".md") || lower.hasSuffix(".html") || lower.hasSuffix(".htm") else {
            throw ValidationError("--output 须以 .md 或 .html 结尾 / --output must end in .md or .html: \(output)")
        }
    }

    func run() throws {
        try OutputGuard.check(output, inputs: [input.path, publish.previous, publish.templates] + self.audit.policies)
        let past = try publish.readPrevious()
        let audit = try AuditRun.run(input: input, dates: dates, audit: self.audit, previous: past)
        let earlier = try history.map { dir throws(Diagnostic) in try PastFindings.readHistory(dir) } ?? []
        let set = try TemplateSet.load(builtin: BuiltinResources.files, overrides: publish.templates)
        let report = QuarterlyReport(result: audit.result, inventory: audit.inventory, previous: past, quarter: dates.quarter?.uppercased(),
                                     language: input.lang, history: earlier)
        let text = output.lowercased().hasSuffix(".md") ? try report.markdown(templates: set) : try report.html(templates: set)
        try Output.writeFile(output, Data(text.utf8))
        try audit.exit(gate: publish.gate)
    }
}
