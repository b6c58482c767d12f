import ArgumentParser
import Diagnostics
import Foundation
import JSON
import Policy

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "规则：列出、查看、测试示例、计算 CEL / Rules: list, show, test their examples, evaluate CEL.",
        subcommands: [PolicyList.self, PolicyShow.self, PolicyTest.self, PolicyEval.self])
}

struct PolicyList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "列出规则及其出处 / List rules with their citations.",
        discussion: "示例 / examples:\n  yunwang policy list\n  yunwang policy list --format json --policies my-rules/")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "输出格式 text|json / output format")
    var format: Format = .text

    @Option(help: ArgumentHelp("追加规则目录 / more policies", valueName: "dir"))
    var policies: [String] = []

    func run() throws {
        let rules = try Builtins.rules(adding: policies)
        switch format {
        case .json:
            print(JSON.array(rules.map(Self.json)).serialized(pretty: true))
        case .text:
            for r in rules {
                let regions = r.regions.isEmpty ? "全国" : r.regions.joined(separator: ",")
                print("\(r.id)\t\(r.severity.rawValue)\t\(r.appliesTo.rawValue)\t\(regions)\t\(r.title.zh) / \(r.title.en)\t\(r.citation.document) \(r.citation.article)")
            }
        }
    }

    static func json(_ r: Rule) -> JSON {
        .object([
            ("id", .string(r.id)),
            ("title", .object([("zh", .string(r.title.zh)), ("en", .string(r.title.en))])),
            ("severity", .string(r.severity.rawValue)),
            ("applies_to", .string(r.appliesTo.rawValue)),
            ("regions", .array(r.regions.map(JSON.string))),
            ("pack", .string(r.pack)),
            ("citation", .object([
                ("document", .string(r.citation.document)), ("title", .string(r.citation.title)),
                ("article", .string(r.citation.article)), ("quote", .string(r.citation.quote)),
            ])),
        ])
    }
}

struct PolicyShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "显示一条规则的全文（出处、表达式、示例）/ Show one rule: citation, expressions, examples.",
        discussion: "示例 / example:\n  yunwang policy show BT-42-8")

    @Argument(help: ArgumentHelp("规则编号 / rule id", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("追加规则目录 / more policies", valueName: "dir"))
    var policies: [String] = []

    func run() throws {
        let rules = try Builtins.rules(adding: policies)
        guard let rule = rules.first(where: { $0.id == id }) else {
            let hint = Diagnostic.suggestion(for: id, among: rules.map(\.id)).map { "（是否想写 \($0)？/ did you mean \($0)?）" } ?? ""
            throw CommandFailure(code: 2, message: "错误: 没有规则 \(id)\(hint) / error: no rule \(id)")
        }
        print("# \(rule.id) \(rule.title.zh) / \(rule.title.en)")
        print("# \(rule.citation.document) \(rule.citation.title) \(rule.citation.article)")
        print("# \(rule.file)")
        let text = Builtins.source(of: rule.file) ?? (try? String(contentsOfFile: rule.file, encoding: .utf8)) ?? ""
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}

struct PolicyTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "运行规则的示例（每条规则至少一个 pass、一个 fail）/ Run every rule's examples.",
        discussion: """
        不给 DIR 时测试内置规则；给出 DIR 时测试其中的规则。退出码：0 全部通过，1 有示例不符，2 规则文件有误。
        Without DIR the built-in rules are tested; with DIR, the rules under it. Exit: 0 all pass, 1 an example fails, 2 a policy file is wrong.

        示例 / examples:
          yunwang policy test
          yunwang policy test my-rules/
        """)

    @Argument(help: ArgumentHelp("规则目录 / a directory of policies", valueName: "dir"))
    var dir: String?

    func run() throws {
        let rules: [Rule]
        if let dir {
            rules = try RuleLoader().load(directory: dir)
        } else {
            rules = try Builtins.rules(adding: [])
        }
        var passed = 0, failed = 0
        for rule in rules {
            for outcome in ExampleRunner().run(rule) {
                if outcome.ok {
                    passed += 1
                } else {
                    failed += 1
                    let expected = outcome.expectedPass ? "pass" : "fail"
                    let got = outcome.problem.map { "error: \($0)" } ?? (outcome.passed == true ? "pass" : "fail")
                    print("\(outcome.location.description): \(rule.id): 示例应为 \(expected)，实际 \(got) / example expected \(expected), got \(got)")
                }
            }
        }
        print("\(rules.count) rules: \(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
