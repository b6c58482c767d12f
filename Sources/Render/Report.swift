import Diagnostics
import Foundation
import Inventory
import Mustache
import Policy

/// The auditor's quarterly report (DESIGN §6, issue #7): the check result as
/// a Mustache context, rendered through `templates/report.md.mustache`, and
/// for `.html` through libcmark-gfm into one self-contained page.
public struct QuarterlyReport: Sendable {
    public var result: CheckResult
    public var inventory: Inventory
    public var previous: PastFindings?
    public var quarter: String?
    public var language: Language
    /// Earlier runs for the trend chart (`--history`), oldest first.
    public var history: [PastFindings]

    public init(result: CheckResult, inventory: Inventory, previous: PastFindings?, quarter: String?, language: Language, history: [PastFindings] = []) {
        self.result = result
        self.inventory = inventory
        self.previous = previous
        self.quarter = quarter
        self.language = language
        self.history = history
    }

    /// `2026Q3` for an as-of date (the quarter it falls in).
    /// A fresh work budget for one render of the report (TemplateBudget).
    var budget: TemplateBudget { TemplateBudget(limit: TemplateBudget.limit(items: result.findings.count + inventory.counts.reduce(0) { $0 + $1.1 })) }

    public static func quarter(of day: Day) -> String { "\(day.year)Q\((day.month - 1) / 3 + 1)" }

    public func markdown(templates: TemplateSet) throws(Diagnostic) -> String {
        let library = try templates.library()
        guard let text = try library.render(ReportContext(self).dictionary, withTemplate: "report.md", budget: budget, file: templates.file(of: "report.md")) else {
            throw Diagnostic(zh: "缺少模板 report.md.mustache", en: "the template report.md.mustache is missing",
                             at: SourceLocation(file: "templates/report.md.mustache", line: 1, column: 1), step: "render")
        }
        return text
    }

    /// The printable page: `templates/report.html.mustache` from the same
    /// context as the Markdown, plus the charts as inline SVG.
    public func html(templates: TemplateSet) throws(Diagnostic) -> String {
        let library = try templates.library()
        var context = ReportContext(self).dictionary
        let title = ReportLabels.dictionary(language)["reportTitle"] ?? ""
        context["pageNumbers"] = language == .zh ? "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"" : "\"Page \" counter(page) \" of \" counter(pages)"
        context["runningHeader"] = Self.cssString("\(result.inventoryName) · \(title) · \(context["quarter"] as? String ?? "")")
        let units = (context["units"] as? [[String: Any]]) ?? []
        context["severityChart"] = ReportDocument.severityChart(units, language: language)
        let points = ReportDocument.trendPoints(self)
        if points.count > 1 {
            let labels = ReportLabels.dictionary(language)
            context["trendChart"] = SVGCharts.trend(points, title: labels["findingsPerQuarter"] ?? "", yLabel: labels["open"] ?? "", xLabel: labels["asOf"] ?? "")
        }
        guard let text = try library.render(context, withTemplate: "report.html", budget: budget, file: templates.file(of: "report.html")) else {
            throw Diagnostic(zh: "缺少模板 report.html.mustache", en: "the template report.html.mustache is missing",
                             at: SourceLocation(file: "templates/report.html.mustache", line: 1, column: 1), step: "render")
        }
        return text
    }

    /// A CSS string literal whose every character outside [A-Za-z0-9 ] is a
    /// hex escape, so no value can close the string or the `<style>` element.
    public static func cssString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", " ": out.unicodeScalars.append(scalar)
            default: out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }
}

/// The values the report templates read. Every string is raw: the template's
/// content type escapes it (MARKDOWN for `.md`, HTML for pages).
public struct ReportContext {
    public var dictionary: [String: Any]

    public init(_ report: QuarterlyReport) {
        var d = Self.overview(report)
        for key in Self.findingListKeys { d[key] = Self.findingList(key, report) }
        dictionary = d
    }

    /// The keys whose values list findings of a kind (each a dictionary as
    /// `finding` makes it); the site's overview builds them only when its
    /// template asks for them.
    public static let findingListKeys = ["openFindings", "dueSoonFindings", "waivedFindings", "overdueTasks", "dueSoonTasks", "sections", "appendix"]

    public static func findingList(_ key: String, _ report: QuarterlyReport) -> [[String: Any]]? {
        let result = report.result, inventory = report.inventory, language = report.language
        let selected: [Finding]
        switch key {
        case "openFindings": selected = result.findings.filter { $0.status == .open }
        case "dueSoonFindings": selected = result.findings.filter { $0.status == .dueSoon }
        case "waivedFindings": selected = result.findings.filter { $0.status == .waived }
        case "overdueTasks": selected = result.findings.filter { $0.rule == PlanRules.deadline && $0.status == .open }
        case "dueSoonTasks": selected = result.findings.filter { $0.rule == PlanRules.deadline && $0.status == .dueSoon }
        case "sections": return ReportDocument.sections(report)
        case "appendix": return ReportDocument.appendix(report)
        default: return nil
        }
        return selected.map { Self.finding($0, inventory: inventory, language: language) }
    }

    /// Every other key: title data, summary, severities, units, waivers, change.
    public static func overview(_ report: QuarterlyReport) -> [String: Any] {
        let result = report.result, inventory = report.inventory, language = report.language
        let labels = ReportLabels.dictionary(language)
        let summary = result.summary
        var d: [String: Any] = [:]
        d["labels"] = labels
        d["lang"] = language == .en ? "en" : "zh-CN"
        d["inventory"] = ["name": result.inventoryName, "region": result.region, "level": Vocabulary.value(result.level, language)]
        d["asOf"] = result.asOf.description
        let quarter = report.quarter ?? QuarterlyReport.quarter(of: result.asOf)
        d["quarter"] = quarter
        d["period"] = ReportDocument.period(quarter, language: language)
        d["header"] = ReportDocument.header(report)
        d["scope"] = ReportDocument.scope(report)
        d["conclusion"] = ReportDocument.conclusion(report)
        d["ruleCount"] = result.rules.count
        d["summary"] = [
            "open": summary.open, "dueSoon": summary.dueSoon, "waived": summary.waived,
            "high": summary.bySeverity[.high] ?? 0, "medium": summary.bySeverity[.medium] ?? 0,
            "low": summary.bySeverity[.low] ?? 0, "info": summary.bySeverity[.info] ?? 0, "overdue": summary.overdue,
            "all": result.findings.count,
        ] as [String: Any]
        d["severities"] = Severity.allCases.map { s -> [String: Any] in
            [
                "key": s.rawValue, "label": s.label.text(language),
                "open": result.findings.filter { $0.status == .open && $0.severity == s }.count,
                "dueSoon": result.findings.filter { $0.status == .dueSoon && $0.severity == s }.count,
                "waived": result.findings.filter { $0.status == .waived && $0.severity == s }.count,
            ]
        }
        let units = ReportDocument.unitRows(report)
        d["units"] = units.rows
        d["unitTotal"] = units.total
        d["hasUnits"] = !units.rows.isEmpty
        d["hasFindings"] = !result.findings.isEmpty
        d["hasTasks"] = result.findings.contains { $0.rule == PlanRules.deadline }
        let waivers = Self.waivers(result, inventory: inventory, language: language)
        d["waivers"] = waivers
        d["hasWaivers"] = !waivers.isEmpty

        d["hasChange"] = report.previous != nil
        if let previous = report.previous {
            let change = FindingsChange(current: result.findings, previous: previous)
            let newRows = change.new.map { Self.finding($0, inventory: inventory, language: language) }
            let fixedRows = change.fixed.map { e -> [String: Any] in
                ["rule": e.rule, "severity": e.severity, "severityLabel": Severity(rawValue: e.severity)?.label.text(language) ?? e.severity,
                 "target": "\(e.targetKind)/\(e.targetID)", "targetKind": e.targetKind, "targetID": e.targetID, "message": e.messages.text(language),
                 "object": ReportDocument.objectName(kind: e.targetKind, id: e.targetID, inventory: inventory, language: language)]
            }
            d["change"] = [
                "newFirst": Array(newRows.prefix(10)), "fixedFirst": Array(fixedRows.prefix(10)),
                "moreNew": newRows.count > 10, "moreFixed": fixedRows.count > 10,
                "previousAsOf": previous.asOf, "previousOpen": previous.open, "currentOpen": summary.open,
                "newCount": change.new.count, "fixedCount": change.fixed.count, "unchangedCount": change.unchanged.count,
                "openDelta": Self.signed(summary.open - previous.open),
                "new": newRows, "fixed": fixedRows,
                "hasNew": !change.new.isEmpty, "hasFixed": !change.fixed.isEmpty,
            ] as [String: Any]
        }
        return d
    }

    /// `+3`, `-2`, `0`.
    static func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    /// The unit a finding belongs to: its owner (DESIGN §9), its own `unit`,
    /// or the unit of the terminal/system it targets.
    public static func unitID(of f: Finding, inventory: Inventory) -> String? {
        if let u = f.owner?.unit { return u }
        if let u = f.unit { return u }
        if f.targetKind == "unit" { return f.targetID }
        if let kind = Kind(rawValue: f.targetKind), kind.hasID, let o = inventory.object(kind, id: f.targetID) {
            return o["unit"]?.string
        }
        return nil
    }

    public static func finding(_ f: Finding, inventory: Inventory, language: Language) -> [String: Any] {
        var d: [String: Any] = [
            "rule": f.rule, "severity": f.severity.rawValue, "severityLabel": f.severity.label.text(language),
            "status": f.status.rawValue, "statusLabel": ReportLabels.status(f.status, language),
            "title": f.title.text(language), "target": f.target, "targetKind": f.targetKind, "targetID": f.targetID,
            "message": f.message.text(language), "location": f.location.description,
            "citation": ["document": f.citation.document, "title": f.citation.title, "article": f.citation.article, "quote": f.citation.quote],
            "hasQuote": !f.citation.quote.isEmpty,
            "quoteLines": quoteLines(f.citation.quote),
            "fingerprint": f.fingerprint,
        ]
        if let due = f.due { d["due"] = due.description }
        if let by = f.rectifyBy ?? f.due { d["deadline"] = by.description }
        if f.overdue { d["overdue"] = true }
        d["object"] = ReportDocument.objectName(kind: f.targetKind, id: f.targetID, inventory: inventory, language: language)
        if let r = f.remediation { d["remediation"] = r.text(language) }
        if let u = unitID(of: f, inventory: inventory) {
            d["unitID"] = u
            d["unitName"] = inventory.object(.unit, id: u)?.name ?? u
        }
        if let w = f.waiver {
            d["waiver"] = ["reason": w.reason, "approvedBy": w.approvedBy, "approval": w.approval, "expires": w.expires.description]
        }
        return d
    }

    /// The lines of a verbatim quote, trimmed, without empty ones.
    public static func quoteLines(_ quote: String) -> [String] {
        quote.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every waiver of the inventory with its state on the as-of date.
    public static func waivers(_ result: CheckResult, inventory: Inventory, language: Language) -> [[String: Any]] {
        let labels = ReportLabels.dictionary(language)
        let unused = Set(result.findings.filter { $0.rule == WaiverRules.unused }.map(\.targetID))
        // Waived findings counted once by "rule@target": one pass, not one per waiver.
        var waivedCount: [String: Int] = [:]
        for f in result.findings where f.status == .waived { waivedCount["\(f.rule)@\(f.target)", default: 0] += 1 }
        return inventory.objects(.waiver).map { w -> [String: Any] in
            let rule = w["rule"]?.string ?? "", target = w["target"]?.string ?? ""
            let expires = w["expires"]?.date
            let state: String
            if let e = expires, e < result.asOf { state = "expired" }
            else if unused.contains("\(rule)@\(target)") { state = "unused" }
            else if let e = expires, e.daysSinceEpoch - result.asOf.daysSinceEpoch <= 30 { state = "expiring" }
            else { state = "active" }
            let waived = waivedCount["\(rule)@\(target)"] ?? 0
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            let object = parts.count == 2 ? ReportDocument.objectName(kind: parts[0], id: parts[1], inventory: inventory, language: language) : target
            return ["rule": rule, "target": target, "object": object, "reason": w["reason"]?.string ?? "", "approvedBy": w["approved_by"]?.string ?? "",
                    "approval": w["approval"]?.string ?? "", "expires": expires?.description ?? "", "state": state,
                    "stateLabel": labels[state] ?? state, "waived": waived,
                    "location": inventory.location(of: w).description]
        }
    }
}
