import Diagnostics
import Inventory
import Policy

/// The parts of the quarterly report that are computed rather than listed
/// (issue #15): the scope of the check, the conclusion with compliance rates,
/// the problems grouped by rule, rectification by unit, the sign-off and the
/// appendix. Everything is a plain dictionary for the templates; strings are
/// raw (the template's content type escapes them). One pass over the findings
/// per part; nothing here scans the inventory per finding.
enum ReportDocument {
    /// `97.3%` from passed/checked, by integer arithmetic (same bytes everywhere).
    static func rate(_ passed: Int, _ checked: Int) -> String {
        guard checked > 0 else { return "—" }
        let permille = passed * 1000 / checked
        return "\(permille / 10).\(permille % 10)%"
    }

    /// `2026Q3` → 2026-07-01 … 2026-09-30.
    static func period(_ quarter: String, language: Language) -> String {
        let parts = quarter.uppercased().split(separator: "Q")
        guard parts.count == 2, let year = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q) else { return quarter }
        let start = Day(year: year, month: (q - 1) * 3 + 1, day: 1)
        let end = start.adding(months: 3).adding(days: -1)
        return language == .zh ? "\(start) 至 \(end)" : "\(start) to \(end)"
    }

    /// The unit that owns a finding: the audit cycle's owner, else the
    /// finding's unit or its target's.
    static func unit(of f: Finding, inventory: Inventory) -> String? {
        f.owner?.unit ?? ReportContext.unitID(of: f, inventory: inventory)
    }

    /// How an object is named in a table: its kind and id (a unit by name).
    static func objectName(kind: String, id: String, inventory: Inventory, language: Language) -> String {
        if kind == "inventory" { return Vocabulary.kind(kind, language) }
        if kind == "unit", let name = inventory.object(.unit, id: id)?.name { return name }
        return "\(Vocabulary.kind(kind, language)) \(id)"
    }

    // MARK: - 检查范围 scope

    static func scope(_ report: QuarterlyReport) -> [String: Any] {
        let inventory = report.inventory, language = report.language, result = report.result
        let kinds: [[String: Any]] = inventory.counts.filter { $0.1 > 0 && $0.0 != .waiver && $0.0 != .task && $0.0 != .rectification }.map {
            ["label": Vocabulary.kind($0.0.rawValue, language), "count": $0.1]
        }
        var levels: [String: Int] = [:]
        for u in inventory.objects(.unit) { levels[u["level"]?.string ?? "", default: 0] += 1 }
        let order = ["province", "city", "county", "township", "village", ""]
        let unitLevels: [[String: Any]] = order.compactMap { key in
            guard let n = levels[key] else { return nil }
            return ["label": key.isEmpty ? (language == .zh ? "未填层级" : "level not given") : Vocabulary.value(key, language), "count": n]
        }
        let coverage = result.coverage
        var byDocument: [String: (title: String, rules: Int, objects: Int)] = [:]
        var documents: [String] = []
        var applied = 0
        for rule in result.rules {
            guard let c = coverage[rule.id] else { continue }
            applied += 1
            let doc = rule.citation.document
            if byDocument[doc] == nil { documents.append(doc); byDocument[doc] = (rule.citation.title, 0, 0) }
            byDocument[doc]?.rules += 1
            byDocument[doc]?.objects += c.checked
        }
        let sources: [[String: Any]] = documents.map { d in
            let v = byDocument[d] ?? ("", 0, 0)
            return ["document": d, "title": v.title, "rules": v.rules, "objects": v.objects]
        }
        return ["kinds": kinds, "unitLevels": unitLevels, "sources": sources, "rulesApplied": applied,
                "rulesNotApplied": result.rules.count - applied, "unitCount": inventory.objects(.unit).count]
    }

    // MARK: - 总体结论 conclusion

    static func conclusion(_ report: QuarterlyReport) -> [String: Any] {
        let result = report.result, language = report.language
        let coverage = result.coverage
        var checked = 0, passed = 0
        var failing: [[String: Any]] = []
        var allPassing = 0
        for rule in result.rules {
            guard let c = coverage[rule.id] else { continue }
            checked += c.checked
            passed += c.passed
            if c.passed == c.checked { allPassing += 1; continue }
            failing.append(["rule": rule.id, "title": rule.title.text(language), "severityLabel": rule.severity.label.text(language),
                            "severity": rule.severity.rawValue, "checked": c.checked, "failed": c.checked - c.passed,
                            "rate": rate(c.passed, c.checked)])
        }
        let s = result.summary
        return ["checked": checked, "passed": passed, "rate": rate(passed, checked), "failingRules": failing,
                "hasFailingRules": !failing.isEmpty, "passingRules": allPassing, "overdue": s.overdue]
    }

    // MARK: - by unit (rows sum to the total: findings of no unit are 其他)

    static func unitRows(_ report: QuarterlyReport) -> (rows: [[String: Any]], total: [String: Any]) {
        let result = report.result, inventory = report.inventory, language = report.language
        let change = report.previous.map { FindingsChange(current: result.findings, previous: $0) }
        let newPrints = Set(change?.new.map(\.fingerprint) ?? [])
        struct Counts { var high = 0, medium = 0, low = 0, info = 0, open = 0, dueSoon = 0, waived = 0, overdue = 0, new = 0, fixed = 0, persisting = 0 }
        var counts: [String: Counts] = [:]
        let other = "\u{0}other"
        for f in result.findings {
            let u = unit(of: f, inventory: inventory).flatMap { inventory.object(.unit, id: $0) != nil ? $0 : nil } ?? other
            var c = counts[u] ?? Counts()
            switch f.status {
            case .open:
                c.open += 1
                switch f.severity { case .high: c.high += 1; case .medium: c.medium += 1; case .low: c.low += 1; case .info: c.info += 1 }
            case .dueSoon: c.dueSoon += 1
            case .waived: c.waived += 1
            }
            if f.overdue { c.overdue += 1 }
            if change != nil {
                if newPrints.contains(f.fingerprint) { c.new += 1 } else { c.persisting += 1 }
            }
            counts[u] = c
        }
        for e in change?.fixed ?? [] {
            let u = e.unit.flatMap { inventory.object(.unit, id: $0) != nil ? $0 : nil } ?? other
            counts[u, default: Counts()].fixed += 1
        }
        func row(_ id: String, _ name: String, _ lead: String, _ c: Counts) -> [String: Any] {
            ["id": id, "name": name, "opsLead": lead, "open": c.open, "high": c.high, "medium": c.medium, "low": c.low, "info": c.info,
             "dueSoon": c.dueSoon, "waived": c.waived, "overdue": c.overdue, "new": c.new, "fixed": c.fixed, "persisting": c.persisting,
             "all": c.open + c.dueSoon + c.waived]
        }
        var rows: [[String: Any]] = []
        var total = Counts()
        func add(_ c: Counts) {
            total.high += c.high; total.medium += c.medium; total.low += c.low; total.info += c.info; total.open += c.open
            total.dueSoon += c.dueSoon; total.waived += c.waived; total.overdue += c.overdue; total.new += c.new
            total.fixed += c.fixed; total.persisting += c.persisting
        }
        for unit in inventory.objects(.unit) {
            guard let id = unit.id, let c = counts[id] else { continue }
            add(c)
            rows.append(row(id, unit.name ?? id, unit["ops_lead"]?.string ?? "", c))
        }
        if let c = counts[other] {
            add(c)
            var r = row("", language == .zh ? "其他（无所属单位）" : "Other (no unit)", "", c)
            r["isOther"] = true
            rows.append(r)
        }
        return (rows, row("", "", "", total))
    }

    // MARK: - 主要问题 by rule

    static func sections(_ report: QuarterlyReport) -> [[String: Any]] {
        let result = report.result, inventory = report.inventory, language = report.language
        let coverage = result.coverage
        // One section per rule and citation: a rule cites one article, except
        // PLAN-DEADLINE, whose findings each cite their own plan task.
        var order: [String] = []
        var groups: [String: [Finding]] = [:]
        var perRule: [String: Int] = [:]
        var anchors: [String: String] = [:]
        for f in result.findings where f.status != .waived {
            let key = f.rule + "\u{0}" + f.citation.article + "\u{0}" + f.citation.quote
            if groups[key] == nil {
                order.append(key)
                let n = perRule[f.rule, default: 0]
                perRule[f.rule] = n + 1
                anchors[key] = n == 0 ? f.rule : "\(f.rule)-\(n + 1)"
            }
            groups[key, default: []].append(f)
        }
        return order.map { key -> [String: Any] in
            let findings = groups[key] ?? []
            let first = findings[0]
            let id = first.rule
            var d: [String: Any] = [
                "anchor": anchors[key] ?? id,
                "rule": id, "title": first.title.text(language), "severity": first.severity.rawValue,
                "severityLabel": first.severity.label.text(language), "count": findings.count,
                "citation": ["document": first.citation.document, "title": first.citation.title, "article": first.citation.article],
                "quoteLines": ReportContext.quoteLines(first.citation.quote), "hasQuote": !first.citation.quote.isEmpty,
                "overdue": findings.filter(\.overdue).count,
                "rows": findings.map { row($0, inventory: inventory, language: language) },
            ]
            if let c = coverage[id] {
                d["checked"] = c.checked
                d["rate"] = rate(c.passed, c.checked)
            }
            if let r = first.remediation { d["remediation"] = r.text(language) }
            return d
        }
    }

    /// One compact table row of a finding.
    static func row(_ f: Finding, inventory: Inventory, language: Language) -> [String: Any] {
        var d: [String: Any] = [
            "rule": f.rule, "severity": f.severity.rawValue, "severityLabel": f.severity.label.text(language),
            "status": f.status.rawValue, "statusLabel": ReportLabels.status(f.status, language),
            "object": objectName(kind: f.targetKind, id: f.targetID, inventory: inventory, language: language),
            "target": f.target, "detail": f.message.text(language), "overdue": f.overdue,
            "location": f.location.description,
        ]
        if let owner = f.owner {
            d["unitName"] = owner.unitName
            if let lead = owner.opsLead { d["opsLead"] = lead }
        } else if let u = unit(of: f, inventory: inventory) {
            d["unitName"] = inventory.object(.unit, id: u)?.name ?? u
        }
        if let by = f.rectifyBy ?? f.due { d["deadline"] = by.description }
        if let order = f.rectification?.order { d["order"] = order }
        return d
    }

    static func appendix(_ report: QuarterlyReport) -> [[String: Any]] {
        report.result.findings.enumerated().map { i, f in
            var d = row(f, inventory: report.inventory, language: report.language)
            d["n"] = i + 1
            return d
        }
    }

    // MARK: - header and sign-off (DESIGN §9 `inventory.issuer`, `inventory.report`)

    static func header(_ report: QuarterlyReport) -> [String: Any] {
        let header = report.inventory.header
        func text(_ path: String) -> String? {
            guard let s = header.record.field(path: path)?.value.string, !s.isEmpty else { return nil }
            return s
        }
        var d: [String: Any] = [:]
        if let issuer = text("issuer") { d["issuer"] = issuer }
        if let number = text("report.number") { d["number"] = number }
        var signoff: [[String: Any]] = []
        let labels = ReportLabels.dictionary(report.language)
        for (key, label) in [("prepared_by", "signPrepared"), ("reviewed_by", "signReviewed"), ("approved_by", "signApproved")] {
            var entry: [String: Any] = ["label": labels[label] ?? label]
            if let name = text("report.\(key)") { entry["name"] = name }
            signoff.append(entry)
        }
        d["signoff"] = signoff
        return d
    }

    // MARK: - charts (inline SVG, HTML only)

    static func severityChart(_ rows: [[String: Any]], language: Language) -> String {
        let labels = ReportLabels.dictionary(language)
        let bars = rows.compactMap { r -> SVGCharts.Bar? in
            let counts: [Severity: Int] = [.high: r["high"] as? Int ?? 0, .medium: r["medium"] as? Int ?? 0,
                                           .low: r["low"] as? Int ?? 0, .info: r["info"] as? Int ?? 0]
            guard counts.values.reduce(0, +) > 0 else { return nil }
            return SVGCharts.Bar(label: r["name"] as? String ?? "", href: nil, counts: counts)
        }
        guard !bars.isEmpty else { return "" }
        // The twelve units with most open findings; the rest as one bar, so
        // the chart stays readable at half a page's width.
        let ranked = bars.enumerated().sorted { a, b in
            let ta = a.element.counts.values.reduce(0, +), tb = b.element.counts.values.reduce(0, +)
            return ta != tb ? ta > tb : a.offset < b.offset
        }.map(\.element)
        var shown = Array(ranked.prefix(12))
        if ranked.count > 12 {
            var rest: [Severity: Int] = [:]
            for bar in ranked.dropFirst(12) { for (k, v) in bar.counts { rest[k, default: 0] += v } }
            let n = ranked.count - 12
            shown.append(SVGCharts.Bar(label: language == .zh ? "其余 \(n) 个单位" : "\(n) other units", href: nil, counts: rest))
        }
        var legend: [Severity: String] = [:]
        for s in Severity.allCases { legend[s] = s.label.text(language) }
        return SVGCharts.severityBars(shown, title: labels["chartSeverityByUnit"] ?? "", legend: legend)
    }

    /// Open findings per run: the history given, the previous run, this one.
    static func trendPoints(_ report: QuarterlyReport) -> [(label: String, value: Int)] {
        var points: [(label: String, value: Int)] = []
        var seen: Set<String> = []
        for past in report.history + (report.previous.map { [$0] } ?? []) where seen.insert(past.asOf).inserted {
            points.append((past.asOf, past.open))
        }
        points.sort { $0.label < $1.label }
        points.append((report.result.asOf.description, report.result.summary.open))
        return points
    }
}
