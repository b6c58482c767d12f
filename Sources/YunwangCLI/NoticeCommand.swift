import ArgumentParser
import BuiltinResources
import Diagnostics
import Foundation
import Inventory
import Policy
import Render
import Site

struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "为每个有未整改问题的单位生成整改通知书 / Write a rectification notice for each unit with open findings.",
        discussion: """
        每个单位一份 <单位编号>.md 和可打印的 <单位编号>.html：单位、运维负责人、按规则分组的问题（整改要求和依据每条规则一次，
        然后是对象、台账位置、问题和整改时限）、整改通知文号、下发单位和日期。目录整体写入（临时目录后改名），附 SHA256SUMS。
        One <unit-id>.md and printable <unit-id>.html per unit: the unit, its ops lead, the findings grouped by rule (what to do
        and the citation once per rule, then each object with its inventory line, problem and deadline), order numbers,
        the issuer and the date. The folder is written as a whole (a temporary folder, then renamed), with SHA256SUMS.

        期限 deadlines: 整改通知的 due，否则首次发现日期 + inventory.rectify_days（高 15、中 30、低 90 天）；
        --previous 沿用上期的首次发现日期 / an order's due, else first seen + rectify_days; --previous keeps first-seen dates.

        退出码 / exit: 0 已写入 written; 1 仅在显式给出 --fail-on 且有此类问题时; 2 输入有误 bad input (nothing written).

        示例 / examples:
          yunwang notice examples/baotou --output out/notices
          yunwang notice inventory/ --output notices --previous 2026Q2.json --unit bt-sjj --unit bt-gaj
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var dates: DateOptions

    @Option(help: ArgumentHelp("通知书目录（整体替换）/ the folder of notices (replaced as a whole)", valueName: "dir"))
    var output: String

    @Option(name: .customLong("unit"), help: ArgumentHelp("只为这些单位生成，可重复 / only these units, repeatable", valueName: "id"))
    var units: [String] = []

    @OptionGroup var audit: AuditOptions
    @OptionGroup var publish: PublishOptions

    func validate() throws {
        guard !output.isEmpty else { throw ValidationError("--output 不能为空 / must not be empty") }
    }

    func run() throws {
        let past = try publish.readPrevious()
        let audit = try AuditRun.run(input: input, dates: dates, audit: self.audit, previous: past)
        let inventory = audit.inventory
        for id in units where inventory.object(.unit, id: id) == nil {
            let known = inventory.objects(.unit).compactMap(\.id)
            let hint = Diagnostic.suggestion(for: id, among: known).map { "（是否想写 \($0)？/ did you mean \($0)?）" } ?? ""
            throw CommandFailure(code: 2, message: "--unit: 错误: 台账中没有单位 \(id)\(hint) / error: there is no unit \(id) in the inventory")
        }
        let set = try TemplateSet.load(builtin: BuiltinResources.files, overrides: publish.templates)
        let notices = RectificationNotices(result: audit.result, inventory: inventory, language: input.lang)
        let files = Output.addingChecksums(try notices.files(templates: set, only: units))
        try Output.writeDirectory(output, files: files)
        let written = (files.count - 1) / 2
        let zh = input.lang == .zh
        FileHandle.standardError.write(Data((zh ? "yunwang: 已为 \(written) 个单位写入整改通知书：\(output)\n"
                                                : "yunwang: wrote rectification notices for \(written) units to \(output)\n").utf8))
        try audit.exit(gate: publish.gate)
    }
}
