import CEL
import Diagnostics
import Foundation
import Inventory
import YAML

/// Reads policy files: one rule per YAML file, keys checked like an
/// inventory's, CEL compiled once, every problem located in the file.
public struct RuleLoader: Sendable {
    public var options: CELOptions

    public init(options: CELOptions = CELOptions()) {
        self.options = options
    }

    static let keys = ["id", "title", "severity", "applies_to", "regions", "when", "assert", "params", "message",
                       "remediation", "citation", "examples", "locate", "description", "detail", "locate_at", "effective"]
    static let citationKeys = ["document", "title", "article", "quote", "quote_source"]
    static let exampleKeys = ["expect", "self", "inv", "asOf", "params", "note", "message"]
    static let effectiveKeys = ["from", "until", "after"]
    static let idPattern = #"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$"#
    /// The variables a rule's expressions may read (DESIGN §3).
    static let variables: Set<String> = ["self", "inv", "params", "asOf"]

    /// Parse one policy file's bytes. `pack` is its folder name.
    public func parse(_ bytes: [UInt8], file: String, pack: String) throws(DiagnosticList) -> Rule {
        guard let root = try YAMLLoader().parse(bytes, file: file) else {
            throw DiagnosticList([Diagnostic(zh: "规则文件为空", en: "the policy file is empty", at: SourceLocation(file: file, line: 1, column: 1), step: "load policies")])
        }
        var problems: [Diagnostic] = []
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column)) }
        func error(_ zh: String, _ en: String, _ mark: Mark) {
            problems.append(Diagnostic(zh: zh, en: en, at: at(mark), step: "load policies"))
        }
        guard let pairs = root.mapping else {
            throw DiagnosticList([Diagnostic(zh: "规则文件顶层应为映射", en: "a policy file must be a mapping", at: at(root.mark), step: "load policies")])
        }
        func checkKeys(_ pairs: [Pair], _ allowed: [String], _ context: String) {
            for p in pairs {
                let key = p.key.scalar?.text ?? ""
                if !allowed.contains(key) {
                    let hint = Diagnostic.suggestion(for: key, among: allowed).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                    error("\(context)有未知字段 “\(key)”\(hint.0)", "unknown key '\(key)' in \(context)\(hint.1)", p.key.mark)
                }
            }
        }
        checkKeys(pairs, Self.keys, "规则")
        func node(_ key: String, in pairs: [Pair]) -> Node? { pairs.first { $0.key.scalar?.text == key }?.value }
        func text(_ key: String, in pairs: [Pair], parent: Mark, required: Bool = true) -> String? {
            guard let n = node(key, in: pairs) else {
                if required { error("缺少 “\(key)”", "'\(key)' is missing", parent) }
                return nil
            }
            guard let s = n.scalar, s.value != .null else {
                error("“\(key)” 应为字符串", "'\(key)' must be a string", n.mark)
                return nil
            }
            return s.text
        }
        func localized(_ key: String, required: Bool = true) -> (Localized, Node)? {
            guard let n = node(key, in: pairs) else {
                if required { error("缺少 “\(key)”（{zh: …, en: …}）", "'\(key)' is missing ({zh: …, en: …})", root.mark) }
                return nil
            }
            guard let m = n.mapping else {
                error("“\(key)” 应为 {zh: …, en: …}", "'\(key)' must be {zh: …, en: …}", n.mark)
                return nil
            }
            checkKeys(m, ["zh", "en"], key)
            guard let zh = text("zh", in: m, parent: n.mark), let en = text("en", in: m, parent: n.mark) else { return nil }
            return (Localized(zh: zh, en: en), n)
        }
        /// Compile CEL, moving the error's place from the expression into the file.
        func compile(_ key: String, required: Bool) -> (Program, String)? {
            guard let n = node(key, in: pairs) else {
                if required { error("缺少 “\(key)”（CEL 表达式）", "'\(key)' is missing (a CEL expression)", root.mark) }
                return nil
            }
            guard let s = n.scalar, s.value == .string || s.style == .plain else {
                error("“\(key)” 应为 CEL 表达式字符串", "'\(key)' must be a CEL expression string", n.mark)
                return nil
            }
            do {
                let program = try Program(parsing: s.text, options: options)
                // A misspelt variable (`slef`) would only fail when evaluated: refuse it here.
                for name in program.variables.subtracting(Self.variables).sorted() {
                    error("“\(key)” 引用了未声明的变量 “\(name)”（可用：\(Self.variables.sorted().joined(separator: ", "))）",
                          "the CEL expression of '\(key)' has an undeclared reference to '\(name)' (declared: \(Self.variables.sorted().joined(separator: ", ")))", n.mark)
                    return nil
                }
                return (program, s.text)
            } catch let e {
                let block = s.style == .literal || s.style == .folded
                let quoted = s.style == .singleQuoted || s.style == .doubleQuoted
                let line = Int(n.mark.line) + (block ? e.line : e.line - 1)
                let column = e.line == 1 && !block ? Int(n.mark.column) + (quoted ? 1 : 0) + e.column - 1 : e.column
                problems.append(Diagnostic(zh: "“\(key)” 的 CEL 表达式有误：\(e.message)\n\(e.excerpt)", en: "the CEL expression of '\(key)' is wrong: \(e.message)\n\(e.excerpt)",
                                           at: SourceLocation(file: file, line: line, column: column), step: "load policies"))
                return nil
            }
        }
        // `detail` is a variable of the message templates when the rule has a `detail:`.
        let detail = compile("detail", required: false)
        let templateVariables = detail == nil ? Self.variables : Self.variables.union(["detail"])
        func template(_ source: String, _ mark: Mark) -> Template? {
            do {
                let t = try Template(source, options: options)
                for name in t.variables.subtracting(templateVariables).sorted() {
                    error("消息模板引用了未声明的变量 “\(name)”", "the message has an undeclared reference to '\(name)'", mark)
                    return nil
                }
                return t
            } catch let e {
                error("消息模板中的 {{表达式}} 有误：\(e.message)", "a {{expression}} in the message is wrong: \(e.message)", mark)
                return nil
            }
        }

        let id = text("id", in: pairs, parent: root.mark) ?? ""
        if !id.isEmpty, id.range(of: Self.idPattern, options: .regularExpression) == nil {
            error("规则编号 “\(id)” 应为大写字母、数字和连字符，如 BT-42-8", "rule id '\(id)' must be capitals, digits and hyphens, such as BT-42-8", node("id", in: pairs)?.mark ?? root.mark)
        }
        let base = (file as NSString).lastPathComponent
        if !id.isEmpty, base != id + ".yaml", base != id + ".yml" {
            error("文件名应为 \(id).yaml（规则编号即文件名）", "the file should be named \(id).yaml (a rule's id is its file name)", node("id", in: pairs)?.mark ?? root.mark)
        }
        let title = localized("title")
        let severityText = text("severity", in: pairs, parent: root.mark) ?? "high"
        let severity = Severity(rawValue: severityText)
        if severity == nil {
            error("severity 应为 high | medium | low | info", "severity must be high | medium | low | info", node("severity", in: pairs)?.mark ?? root.mark)
        }
        let kindText = text("applies_to", in: pairs, parent: root.mark) ?? "inventory"
        let kind = Kind(rawValue: kindText)
        if kind == nil {
            error("applies_to 应为 \(Kind.allCases.map(\.rawValue).joined(separator: " | "))", "applies_to must be one of \(Kind.allCases.map(\.rawValue).joined(separator: " | "))", node("applies_to", in: pairs)?.mark ?? root.mark)
        }
        var regions: [String] = []
        if let r = node("regions", in: pairs) {
            for item in r.sequence ?? [] {
                let code = item.scalar?.text ?? ""
                if code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { regions.append(code) } else {
                    error("regions 的每一项应为 6 位行政区划代码", "each of regions must be a six-digit code", item.mark)
                }
            }
            if r.sequence == nil { error("regions 应为列表", "regions must be a list", r.mark) }
        }
        let when = compile("when", required: false)
        let assertion = compile("assert", required: true)
        var params: [(String, Value)] = []
        if let p = node("params", in: pairs) {
            if let m = p.mapping { params = m.map { ($0.key.scalar?.text ?? "", $0.value.celValue) } } else {
                error("params 应为映射", "params must be a mapping", p.mark)
            }
        }
        let message = localized("message")
        let zhTemplate = message.flatMap { template($0.0.zh, $0.1.mark) }
        let enTemplate = message.flatMap { template($0.0.en, $0.1.mark) }
        let remediation = localized("remediation", required: false)?.0
        var citation: Citation?
        if let c = node("citation", in: pairs), let cm = c.mapping {
            checkKeys(cm, Self.citationKeys, "citation")
            let document = text("document", in: cm, parent: c.mark)
            let article = text("article", in: cm, parent: c.mark)
            let quote = text("quote", in: cm, parent: c.mark)
            let title = text("title", in: cm, parent: c.mark, required: false) ?? ""
            if let document, let article, let quote {
                citation = Citation(document: document, title: title, article: article, quote: quote, quoteSource: text("quote_source", in: cm, parent: c.mark, required: false))
            }
        } else {
            error("缺少 citation（document、article、quote）：每条规则都要注明出处", "'citation' (document, article, quote) is missing: every rule cites its source", node("citation", in: pairs)?.mark ?? root.mark)
        }
        var examples: [RuleExample] = []
        if let e = node("examples", in: pairs) {
            for item in e.sequence ?? [] {
                guard let m = item.mapping else {
                    error("examples 的每一项应为映射", "each example must be a mapping", item.mark)
                    continue
                }
                checkKeys(m, Self.exampleKeys, "example")
                let expected = text("message", in: m, parent: item.mark, required: false)
                switch text("expect", in: m, parent: item.mark) {
                case "pass": examples.append(RuleExample(expectPass: true, node: item, location: at(item.mark), expectedMessage: expected))
                case "fail": examples.append(RuleExample(expectPass: false, node: item, location: at(item.mark), expectedMessage: expected))
                default: error("expect 应为 pass 或 fail", "expect must be pass or fail", item.mark)
                }
            }
        }
        if !examples.contains(where: \.expectPass) || !examples.contains(where: { !$0.expectPass }) {
            error("每条规则至少要有一个 pass 示例和一个 fail 示例", "every rule needs at least one pass and one fail example", node("examples", in: pairs)?.mark ?? root.mark)
        }
        let locateAt = compile("locate_at", required: false)
        var effective: Effective?
        if let e = node("effective", in: pairs) {
            if let m = e.mapping {
                checkKeys(m, Self.effectiveKeys, "effective")
                var value = Effective()
                for key in ["from", "until"] {
                    guard let t = text(key, in: m, parent: e.mark, required: false) else { continue }
                    if let d = Day(t) {
                        if key == "from" { value.from = d } else { value.until = d }
                    } else {
                        error("effective.\(key) 应为日期 YYYY-MM-DD", "effective.\(key) must be a date YYYY-MM-DD", node(key, in: m)?.mark ?? e.mark)
                    }
                }
                if let a = text("after", in: m, parent: e.mark, required: false) {
                    if let after = Effective.After(rawValue: a) { value.after = after } else {
                        error("effective.after 应为 none 或 info", "effective.after must be none or info", node("after", in: m)?.mark ?? e.mark)
                    }
                }
                if let f = value.from, let u = value.until, u < f {
                    error("effective.until 早于 effective.from", "effective.until is before effective.from", e.mark)
                }
                effective = value
            } else {
                error("effective 应为 {from, until, after}", "effective must be {from, until, after}", e.mark)
            }
        }
        guard problems.isEmpty, let title, let severity, let kind, let assertion, let zhTemplate, let enTemplate, let citation else {
            throw DiagnosticList(problems)
        }
        var rule = Rule(id: id, title: title.0, severity: severity, appliesTo: kind, regions: regions, when: when?.0, assert: assertion.0,
                        whenSource: when?.1, assertSource: assertion.1, params: params, message: (zhTemplate, enTemplate),
                        remediation: remediation, citation: citation, examples: examples,
                        locate: text("locate", in: pairs, parent: root.mark, required: false),
                        pack: pack, file: file, location: at(root.mark))
        rule.detail = detail?.0
        rule.detailSource = detail?.1
        rule.locateAt = locateAt?.0
        rule.effective = effective
        return rule
    }

    /// Load every `*.yaml` below a directory (recursively); the folder name is the pack.
    public func load(directory: String) throws(DiagnosticList) -> [Rule] {
        let found = try InventoryFiles.find(directory)
        var rules: [Rule] = []
        var problems: [Diagnostic] = []
        var seen: [String: Rule] = [:]
        for f in found.files {
            let pack = f.display.split(separator: "/").dropLast().last.map(String.init) ?? "local"
            do throws(DiagnosticList) {
                let bytes = try YAMLLoader.read(f.path, displayPath: f.path, limit: 4 << 20)
                let rule = try parse(bytes, file: f.path, pack: pack)
                // Two files of one folder with one id: which one wins would be an accident of file order.
                if let first = seen[rule.id] {
                    problems.append(Diagnostic(zh: "规则编号 \(rule.id) 重复（第一次在 \(first.file)）", en: "duplicate rule id \(rule.id) (first in \(first.file))",
                                               at: rule.location, step: "load policies"))
                    continue
                }
                seen[rule.id] = rule
                rules.append(rule)
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return rules
    }

    /// Merge rule sets: later sets add rules and replace earlier ones with the same id.
    public static func merge(_ sets: [[Rule]]) -> [Rule] {
        var order: [String] = []
        var byID: [String: Rule] = [:]
        for set in sets {
            for rule in set {
                if byID[rule.id] == nil { order.append(rule.id) }
                byID[rule.id] = rule
            }
        }
        return order.compactMap { byID[$0] }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }
}
