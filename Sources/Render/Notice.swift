import Diagnostics
import Foundation
import Inventory
import Markup
import Policy

/// `yunwang notice` (DESIGN §9): one rectification notice (整改通知书) per unit
/// with open findings, as Markdown and as a printable HTML page, rendered from
/// `templates/notice.md.mustache` and `notice.html.mustache`. Findings are
/// grouped by rule: what is wrong, the remediation and the citation once per
/// rule, then the objects with their place, detail and deadline.
public struct RectificationNotices: Sendable {
    public var result: CheckResult
    public var inventory: Inventory
    public var language: Language

    public init(result: CheckResult, inventory: Inventory, language: Language) {
        self.result = result
        self.inventory = inventory
        self.language = language
    }

    /// Units (in inventory order) that own open findings, with their findings.
    public func units(only wanted: [String] = []) -> [(unit: Object, findings: [Finding])] {
        var byUnit: [String: [Finding]] = [:]
        for f in result.findings where f.status == .open {
            guard let unit = f.owner?.unit else { continue }
            byUnit[unit, default: []].append(f)
        }
        let filter = Set(wanted)
        return inventory.objects(.unit).compactMap { u in
            guard let id = u.id, filter.isEmpty || filter.contains(id), let findings = byUnit[id] else { return nil }
            return (u, findings)
        }
    }

    /// `<unit-id>.md` and `<unit-id>.html` for each unit, in unit order.
    public func files(templates: TemplateSet, only wanted: [String] = []) throws(Diagnostic) -> [(path: String, data: Data)] {
        let library = try templates.library()
        // A hostile --templates folder must not render without bound (issue #19 item 4).
        let budget = TemplateBudget(limit: TemplateBudget.limit(items: result.findings.count + inventory.counts.reduce(0) { $0 + $1.1 }))
        var out: [(path: String, data: Data)] = []
        for (unit, findings) in units(only: wanted) {
            let context = NoticeContext(unit: unit, findings: findings, notices: self)
            guard var markdown = try library.render(context, withTemplate: "notice.md", budget: budget, file: templates.file(of: "notice.md")) else {
                throw Self.missing("notice.md")
            }
            if !markdown.hasSuffix("\n") { markdown += "\n" }
            let page = NoticePage(notice: context, body: Markdown.html(markdown),
                                  runningHeader: QuarterlyReport.cssString("\(context.title) · \(context.unit.name)"))
            guard let html = try library.render(page, withTemplate: "notice.html", budget: budget, file: templates.file(of: "notice.html")) else {
                throw Self.missing("notice.html")
            }
            let id = unit.id ?? ""
            out.append(("\(id).md", Data(markdown.utf8)))
            out.append(("\(id).html", Data(html.utf8)))
        }
        return out
    }

    static func missing(_ name: String) -> Diagnostic {
        Diagnostic(zh: "缺少模板 \(name).mustache", en: "the template \(name).mustache is missing",
                   at: SourceLocation(file: "templates/\(name).mustache", line: 1, column: 1), step: "render")
    }
}

/// What `notice.md.mustache` sees for one unit. Every string is raw: the
/// template's content type escapes it.
struct NoticeContext {
    struct Unit {
        var id: String
        var name: String
        /// `name（id）`
        var display: String
        var opsLead: String
        var admins: String
    }

    struct Row {
        var object: String
        var place: String
        var detail: String
        var deadline: String
        var overdue: Bool
        var order: String
    }

    struct RuleGroup {
        var id: String
        var title: String
        var severity: String
        var count: Int
        var remediation: String
        /// `document《title》article`
        var source: String
        var quote: String
        var rows: [Row]
        /// `ID title (severity, count)`; Mustache reads stored properties only.
        var heading = ""
    }

    struct Labels {
        var colon, to, opsLead, admins, issuer, date, number, summary, rule, severity, count, remediation, source, object, place,
            detail, deadline, order, overdue, closing, signature: String
    }

    var lang: String
    var title: String
    var unit: Unit
    var issuer: String
    var date: String
    var orders: String
    var hasOrders: Bool
    var summary: String
    var rules: [RuleGroup]
    var labels: Labels
    var closing: String

    init(unit object: Object, findings: [Finding], notices: RectificationNotices) {
        let zh = notices.language == .zh
        let inventory = notices.inventory
        let asOf = notices.result.asOf
        lang = zh ? "zh-CN" : "en"
        title = zh ? "整改通知书" : "Rectification notice"
        let admins = (object["admins"]?.list ?? []).compactMap { $0.value.string }
        let unitName = object.name ?? object.id ?? ""
        unit = Unit(id: object.id ?? "", name: unitName, display: zh ? "\(unitName)（\(object.id ?? "")）" : "\(unitName) (\(object.id ?? ""))", opsLead: object["ops_lead"]?.string ?? (zh ? "（未登记）" : "(none on record)"),
                    admins: admins.isEmpty ? (zh ? "（未登记）" : "(none on record)") : admins.joined(separator: zh ? "、" : ", "))
        issuer = inventory.header["issuer"]?.string ?? inventory.name
        date = asOf.description
        var orderNumbers: [String] = []
        for f in findings { if let o = f.rectification?.order, !orderNumbers.contains(o) { orderNumbers.append(o) } }
        orders = orderNumbers.joined(separator: zh ? "、" : ", ")
        hasOrders = !orderNumbers.isEmpty

        var groups: [RuleGroup] = []
        var index: [String: Int] = [:]
        for f in findings {
            let kind = Kind(rawValue: f.targetKind)
            let name = kind.flatMap { k in k.hasID ? inventory.object(k, id: f.targetID)?.name : nil }
            let kindName = kind.map { zh ? $0.name.zh : $0.name.en } ?? f.targetKind
            let objectText = "\(kindName) \(f.targetID)" + (name.map { zh ? "（\($0)）" : " (\($0))" } ?? "")
            let deadline = (f.rectifyBy ?? f.due)?.description ?? "—"
            let row = Row(object: objectText, place: "\(f.location.file):\(f.location.line)", detail: f.message.text(notices.language),
                          deadline: deadline + AuditFacts.overdueMarker(f, language: notices.language), overdue: f.overdue,
                          order: f.rectification?.order ?? "—")
            if let i = index[f.rule] {
                groups[i].rows.append(row)
                groups[i].count += 1
            } else {
                index[f.rule] = groups.count
                groups.append(RuleGroup(
                    id: f.rule, title: f.title.text(notices.language), severity: f.severity.label.text(notices.language), count: 1,
                    remediation: f.remediation?.text(notices.language) ?? "",
                    source: zh ? "\(f.citation.document)《\(f.citation.title)》\(f.citation.article)" : "\(f.citation.document), \(f.citation.title), \(f.citation.article)",
                    quote: f.citation.quote, rows: [row]))
            }
        }
        for i in groups.indices {
            let g = groups[i]
            groups[i].heading = zh ? "\(g.id) \(g.title)（\(g.severity)，\(g.count) 项）" : "\(g.id) \(g.title) (\(g.severity), \(g.count))"
        }
        rules = groups

        let overdue = findings.filter(\.overdue).count
        let bySeverity = Severity.allCases.compactMap { s -> String? in
            let n = findings.filter { $0.severity == s }.count
            return n == 0 ? nil : (zh ? "\(s.label.zh)风险 \(n) 项" : "\(n) \(s.label.en)")
        }
        let earliest = findings.compactMap { $0.rectifyBy ?? $0.due }.min()
        if zh {
            summary = "经检查（评估日期 \(date)），贵单位存在 \(findings.count) 项问题（\(bySeverity.joined(separator: "，"))），涉及 \(groups.count) 条规定"
                + (overdue > 0 ? "，其中 \(overdue) 项已超过整改时限" : "")
                + (earliest.map { "；最早的整改时限为 \($0)" } ?? "") + "。"
            closing = "请贵单位对照下列问题逐项整改，在整改时限前完成，并将整改情况（含佐证材料）书面报送\(issuer)。确有困难不能按期整改的，应在时限前书面说明理由并申请豁免。"
        } else {
            summary = "As of \(date), the check found \(findings.count) problems in your unit (\(bySeverity.joined(separator: ", "))) under \(groups.count) rules"
                + (overdue > 0 ? "; \(overdue) of them are past their deadline" : "")
                + (earliest.map { "; the earliest deadline is \($0)" } ?? "") + "."
            closing = "Please fix each problem below by its deadline and report the result, with evidence, in writing to \(issuer). Where a deadline cannot be met, explain why in writing before it passes and apply for a waiver."
        }
        labels = zh
            ? Labels(colon: "：", to: "致", opsLead: "运维负责人", admins: "网络管理员", issuer: "下发单位", date: "日期", number: "整改通知文号", summary: "检查结论",
                     rule: "规则", severity: "风险等级", count: "问题数", remediation: "整改要求", source: "依据", object: "对象", place: "台账位置",
                     detail: "问题", deadline: "整改时限", order: "整改通知", overdue: "已逾期", closing: "整改要求与报送", signature: "（盖章）")
            : Labels(colon: ": ", to: "To", opsLead: "Operations lead", admins: "Network administrators", issuer: "Issued by", date: "Date", number: "Order numbers",
                     summary: "Findings", rule: "Rule", severity: "Severity", count: "Problems", remediation: "What to do", source: "Source",
                     object: "Object", place: "Inventory line", detail: "Problem", deadline: "Rectify by", order: "Order", overdue: "overdue",
                     closing: "Fixing and reporting", signature: "(seal)")
    }
}

/// What `notice.html.mustache` sees: the notice and its Markdown body as HTML.
struct NoticePage {
    var notice: NoticeContext
    var body: String
    var runningHeader: String
}
