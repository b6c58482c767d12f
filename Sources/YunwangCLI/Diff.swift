import ArgumentParser
import Diagnostics
import Foundation
import Render
import Site

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按指纹对比两份 findings JSON：新增、已整改、未变 / Compare two findings JSON files by fingerprint: new, fixed, unchanged.",
        discussion: """
        OLD 和 NEW 是 `yunwang check --format json` 的输出。只在 NEW 中的问题是新增，只在 OLD 中的是已整改，两边都有的是未变；
        未变的问题若状态改变（如 未整改→已豁免、即将到期→未整改）会注明变化。
        OLD and NEW are outputs of `check --format json`. Findings only in NEW are new, only in OLD fixed, in both unchanged;
        an unchanged finding whose status moved (open → waived, due-soon → open …) shows the change.

        退出码 / exit: 0 对比完成（无论有无新增）ran, whatever it found; 2 文件无法读取或不是 findings JSON，或两份来自不同台账（名称或区划不同，--force 仍比较）/ a file is unreadable or not findings JSON, or the two are of different inventories (name or region; --force compares anyway).
        要在 CI 中挡住新增问题，请用 `yunwang check --baseline OLD.json`。
        To fail a CI job on new findings use `yunwang check --baseline OLD.json`; diff only reports.

        示例 / examples:
          yunwang diff findings-2026Q2.json findings-2026Q3.json
          yunwang diff baseline.json findings.json --format markdown > comment.md
          yunwang diff baseline.json findings.json --format json --output diff.json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Argument(help: ArgumentHelp("旧的 findings JSON / the earlier findings JSON", valueName: "old.json"))
    var old: String

    @Argument(help: ArgumentHelp("新的 findings JSON / the later findings JSON", valueName: "new.json"))
    var new: String

    @Option(help: "输出格式 text|json|markdown / output format")
    var format: Format = .text

    @Option(help: ArgumentHelp("写入文件（原子替换）/ write to a file (atomically)", valueName: "file"))
    var output: String?

    @Option(help: "消息语言 zh|en / language of messages")
    var lang: Language = .zh

    @Flag(help: "两份结果来自不同台账（名称或区划不同）时仍然比较 / compare even when the two come from different inventories (name or region)")
    var force = false

    func run() throws {
        currentLanguage = lang
        let diff = FindingsDiff(old: try FindingsDiff.read(old), new: try FindingsDiff.read(new))
        if let a = FindingsOrigin.read(old), let b = FindingsOrigin.read(new),
           let warning = FindingsOrigin.mismatch(a, old, b, new, language: lang) {
            guard force else { throw CommandFailure(code: 2, message: warning) }
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let text: String
        switch format {
        case .text: text = diff.text(language: lang)
        case .json: text = diff.json().serialized(pretty: true)
        case .markdown: text = diff.markdown(language: lang)
        }
        let data = Data((text + "\n").utf8)
        if let output {
            try Output.writeFile(output, data)
        } else {
            try writeStandardOutput(data)
        }
    }
}
