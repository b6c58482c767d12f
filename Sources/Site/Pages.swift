import Diagnostics
import Foundation
import Inventory
import JSON
import Mustache
import Policy
import Render

/// One page of the site.
enum Page: Sendable {
    case index, search, timeline, waivers
    case list(ListKind)
    case unit(Int), system(Int), cloud(Int), rule(Int), task(Int)
}

enum ListKind: String, Sendable, CaseIterable { case units, systems, rules, tasks }

/// A rule as the site shows it: loaded rules, plus the checker's own
/// (PLAN-DEADLINE, WAIVER-*) when they produced findings.
struct RuleInfo: Sendable {
    var id: String
    var title: Localized
    var severity: Severity
    var appliesTo: String
    var regions: [String]
    var pack: String
    var citation: Citation
}

/// What the pages are made of, computed once; rendering a page only reads it,
/// so pages render in parallel and come out the same on every run.
struct SiteModel: Sendable {
    let input: SiteInput
    let rules: [RuleInfo]
    let pages: [Page]
    let unitFindings: [String: [Int]]
    let targetFindings: [String: [Int]]
    let ruleFindings: [String: [Int]]
    let labels: [String: String]

    var result: CheckResult { input.result }
    var inventory: Inventory { input.inventory }
    var language: Language { input.language }

    init(_ input: SiteInput) {
        self.input = input
        labels = ReportLabels.dictionary(input.language)
        var rules = input.result.rules.map {
            RuleInfo(id: $0.id, title: $0.title, severity: $0.severity, appliesTo: $0.appliesTo.rawValue, regions: $0.regions,
                     pack: $0.pack, citation: $0.citation)
        }
        let known = Set(rules.map(\.id))
        var extra: [String: RuleInfo] = [:]
        for f in input.result.findings where !known.contains(f.rule) && extra[f.rule] == nil {
            extra[f.rule] = RuleInfo(id: f.rule, title: f.title, severity: f.severity, appliesTo: f.targetKind, regions: [], pack: "yunwang", citation: f.citation)
        }
        rules += extra.values
        rules.sort { $0.id.unicodeScalars.lexicographicallyPrecedes($1.id.unicodeScalars) }
        self.rules = rules
        var byUnit: [String: [Int]] = [:], byTarget: [String: [Int]] = [:], byRule: [String: [Int]] = [:]
        for (i, f) in input.result.findings.enumerated() {
            if let u = ReportContext.unitID(of: f, inventory: input.inventory) { byUnit[u, default: []].append(i) }
            byTarget[f.target, default: []].append(i)
            byRule[f.rule, default: []].append(i)
        }
        unitFindings = byUnit
        targetFindings = byTarget
        ruleFindings = byRule
        var pages: [Page] = [.index, .search, .timeline, .waivers]
        pages += ListKind.allCases.map { .list($0) }
        pages += input.inventory.objects(.unit).indices.map { .unit($0) }
        pages += input.inventory.objects(.system).indices.map { .system($0) }
        pages += input.inventory.objects(.cloud).indices.map { .cloud($0) }
        pages += rules.indices.map { .rule($0) }
        pages += input.tasks.indices.map { .task($0) }
        self.pages = pages
    }

    // MARK: paths (relative to the site root; never starting with "/")

    /// Ids are `[A-Za-z0-9][A-Za-z0-9._-]*` in inventories; rule ids from
    /// `--policies` may be anything, so other characters become `_XX`.
    static func fileName(_ id: String) -> String {
        var out = ""
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: ".") where !out.isEmpty:
                out += "."
            default:
                out += "_" + String(b, radix: 16, uppercase: true)
            }
        }
        return out.isEmpty ? "_" : out
    }

    static func unitPath(_ id: String) -> String { "units/\(fileName(id)).html" }
    static func systemPath(_ id: String) -> String { "systems/\(fileName(id)).html" }
    static func cloudPath(_ id: String) -> String { "clouds/\(fileName(id)).html" }
    static func rulePath(_ id: String) -> String { "rules/\(fileName(id)).html" }
    static func taskPath(_ plan: String, _ no: Int) -> String { "tasks/\(fileName(plan))-\(no).html" }

    func path(of page: Page) -> String {
        switch page {
        case .index: return "index.html"
        case .search: return "search.html"
        case .timeline: return "timeline.html"
        case .waivers: return "waivers.html"
        case .list(let kind): return "\(kind.rawValue).html"
        case .unit(let i): return Self.unitPath(inventory.objects(.unit)[i].id ?? "")
        case .system(let i): return Self.systemPath(inventory.objects(.system)[i].id ?? "")
        case .cloud(let i): return Self.cloudPath(inventory.objects(.cloud)[i].id ?? "")
        case .rule(let i): return Self.rulePath(rules[i].id)
        case .task(let i): return Self.taskPath(input.tasks[i].plan, input.tasks[i].no)
        }
    }

    /// The page about a finding's target, if the site has one.
    func targetPath(_ f: Finding) -> String? {
        switch f.targetKind {
        case "unit": return inventory.object(.unit, id: f.targetID) != nil ? Self.unitPath(f.targetID) : nil
        case "system": return inventory.object(.system, id: f.targetID) != nil ? Self.systemPath(f.targetID) : nil
        case "cloud": return inventory.object(.cloud, id: f.targetID) != nil ? Self.cloudPath(f.targetID) : nil
        case "task":
            let parts = f.targetID.split(separator: "/")
            if parts.count == 2, let no = Int(parts[1]), input.tasks.contains(where: { $0.plan == parts[0] && $0.no == no }) {
                return Self.taskPath(String(parts[0]), no)
            }
            return "timeline.html"
        case "waiver": return "waivers.html"
        case "inventory": return "index.html"
        default:
            if let u = ReportContext.unitID(of: f, inventory: inventory), inventory.object(.unit, id: u) != nil { return Self.unitPath(u) }
            return nil
        }
    }

    // MARK: rendering

    func render(_ page: Page, library: MustacheLibrary) -> Result<(path: String, data: Data), Diagnostic> {
        let path = self.path(of: page)
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        var context = base(root: root)
        let (template, title, extra) = content(page, root: root)
        for (k, v) in extra { context[k] = v }
        guard let body = library.render(context, withTemplate: template) else {
            return .failure(Diagnostic(zh: "缺少模板 \(template).mustache", en: "the template \(template).mustache is missing",
                                       at: SourceLocation(file: "templates/\(template).mustache", line: 1, column: 1), step: "render pages"))
        }
        context["body"] = body
        context["title"] = title
        context["nav"] = navigation(root: root, current: page)
        guard let html = library.render(context, withTemplate: "site-layout.html") else {
            return .failure(Diagnostic(zh: "缺少模板 site-layout.html.mustache", en: "the template site-layout.html.mustache is missing",
                                       at: SourceLocation(file: "templates/site-layout.html.mustache", line: 1, column: 1), step: "render pages"))
        }
        return .success((path, Data(html.utf8)))
    }

    func base(root: String) -> [String: Any] {
        [
            "root": root, "labels": labels, "lang": language == .en ? "en" : "zh-CN",
            "inventory": ["name": result.inventoryName, "region": result.region, "level": result.level],
            "asOf": result.asOf.description, "quarter": input.quarter ?? QuarterlyReport.quarter(of: result.asOf),
        ]
    }

    func navigation(root: String, current: Page) -> [[String: Any]] {
        let items: [(Page, String)] = [
            (.index, "overview"), (.list(.units), "units"), (.list(.systems), "systems"), (.list(.rules), "rules"),
            (.list(.tasks), "tasks"), (.timeline, "timeline"), (.waivers, "waivers"), (.search, "search"),
        ]
        return items.map { page, label in
            ["href": root + path(of: page), "label": labels[label] ?? label, "current": path(of: page) == path(of: current)]
        }
    }

    func findingRows(_ indexes: [Int], root: String) -> [[String: Any]] {
        indexes.map { i in
            let f = result.findings[i]
            var d = ReportContext.finding(f, inventory: inventory, language: language)
            d["ruleHref"] = root + Self.rulePath(f.rule)
            if let t = targetPath(f) { d["targetHref"] = root + t }
            if let u = d["unitID"] as? String, inventory.object(.unit, id: u) != nil { d["unitHref"] = root + Self.unitPath(u) }
            return d
        }
    }

    func findingsBlock(_ indexes: [Int], root: String) -> [String: Any] {
        let rows = findingRows(indexes, root: root)
        return ["findings": rows, "hasFindingRows": !rows.isEmpty, "findingCount": rows.count]
    }

    /// Every field of an object as key → text rows (nested records dotted).
    static func details(_ record: Record, prefix: String = "") -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for field in record.fields {
            let key = prefix.isEmpty ? field.name : "\(prefix).\(field.name)"
            if case .record(let r) = field.value {
                rows += details(r, prefix: key)
            } else {
                rows.append(["key": key, "value": text(field.value)])
            }
        }
        return rows
    }

    static func text(_ value: FieldValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSON.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .instant(let i): return i.text
        case .list(let items): return items.map { text($0.value) }.joined(separator: ", ")
        case .record(let r): return r.fields.map { "\($0.name): \(text($0.value))" }.joined(separator: "; ")
        case .yaml: return "…"
        }
    }

    func severityCounts(_ indexes: [Int]) -> [Severity: Int] {
        var c: [Severity: Int] = [:]
        for i in indexes where result.findings[i].status == .open { c[result.findings[i].severity, default: 0] += 1 }
        return c
    }

    func taskRecord(_ t: SiteTask) -> Object? {
        inventory.objects(.task).first { $0["plan"]?.string == t.plan && $0["no"]?.int == Int64(t.no) }
    }

    func taskState(_ t: SiteTask) -> (key: String, label: String) {
        let record = taskRecord(t)
        var status = record?["status"]?.string ?? "not-started"
        if status == "done", let done = record?["done"]?.date, done > result.asOf { status = "in-progress" }
        if status == "done" { return ("done", labels["done"].map { _ in language == .en ? "done" : "已完成" } ?? "done") }
        if status == "not-applicable" { return ("not-applicable", language == .en ? "not applicable" : "不适用") }
        if result.asOf > t.due { return ("overdue", labels["overdue"] ?? "overdue") }
        if t.due.daysSinceEpoch - result.asOf.daysSinceEpoch <= 90 { return ("due-soon", labels["dueSoon"] ?? "due soon") }
        return ("upcoming", status == "in-progress" ? (language == .en ? "in progress" : "进行中") : (language == .en ? "not started" : "未开始"))
    }

    func content(_ page: Page, root: String) -> (String, String, [String: Any]) {
        switch page {
        case .index: return ("site-index.html", labels["overview"] ?? "", indexContext(root: root))
        case .search: return ("site-search.html", labels["search"] ?? "", [:])
        case .timeline: return ("site-timeline.html", labels["timeline"] ?? "", timelineContext(root: root))
        case .waivers:
            let waived = result.findings.indices.filter { result.findings[$0].status == .waived || result.findings[$0].targetKind == "waiver" }
            var d = findingsBlock(waived, root: root)
            let waivers = ReportContext.waivers(result, inventory: inventory, language: language)
            d["waivers"] = waivers
            d["hasWaivers"] = !waivers.isEmpty
            return ("site-waivers.html", labels["waivers"] ?? "", d)
        case .list(let kind): return listContext(kind, root: root)
        case .unit(let i):
            let unit = inventory.objects(.unit)[i]
            let id = unit.id ?? ""
            var d = findingsBlock(unitFindings[id] ?? [], root: root)
            d["id"] = id
            d["name"] = unit.name ?? id
            d["details"] = Self.details(unit.record)
            d["systems"] = inventory.unitSystems[i].map { j -> [String: Any] in
                let s = inventory.objects(.system)[j]
                return ["id": s.id ?? "", "name": s.name ?? "", "href": root + Self.systemPath(s.id ?? "")]
            }
            d["terminalCount"] = inventory.unitTerminals[i].count
            d["eventCount"] = inventory.unitEvents[i].count
            return ("site-unit.html", unit.name ?? id, d)
        case .system(let i):
            let system = inventory.objects(.system)[i]
            let id = system.id ?? ""
            var d = findingsBlock(targetFindings["system/\(id)"] ?? [], root: root)
            d["id"] = id
            d["name"] = system.name ?? id
            d["details"] = Self.details(system.record)
            if let u = system["unit"]?.string, let unit = inventory.object(.unit, id: u) {
                d["unit"] = ["id": u, "name": unit.name ?? u, "href": root + Self.unitPath(u)]
            }
            if let c = system.record.field(path: "hosting.cloud")?.value.string, let cloud = inventory.object(.cloud, id: c) {
                d["cloud"] = ["id": c, "name": cloud.name ?? c, "href": root + Self.cloudPath(c)]
            }
            return ("site-system.html", system.name ?? id, d)
        case .cloud(let i):
            let cloud = inventory.objects(.cloud)[i]
            let id = cloud.id ?? ""
            var d = findingsBlock(targetFindings["cloud/\(id)"] ?? [], root: root)
            d["id"] = id
            d["name"] = cloud.name ?? id
            d["details"] = Self.details(cloud.record)
            d["systems"] = inventory.cloudSystems[i].map { j -> [String: Any] in
                let s = inventory.objects(.system)[j]
                return ["id": s.id ?? "", "name": s.name ?? "", "href": root + Self.systemPath(s.id ?? "")]
            }
            return ("site-cloud.html", cloud.name ?? id, d)
        case .rule(let i):
            let rule = rules[i]
            var d = findingsBlock(ruleFindings[rule.id] ?? [], root: root)
            d["id"] = rule.id
            d["title"] = rule.title.text(language)
            d["severityLabel"] = rule.severity.label.text(language)
            d["severity"] = rule.severity.rawValue
            d["appliesTo"] = rule.appliesTo
            d["regions"] = rule.regions.isEmpty ? (labels["everywhere"] ?? "") : rule.regions.joined(separator: ", ")
            d["pack"] = rule.pack
            d["citation"] = ["document": rule.citation.document, "title": rule.citation.title, "article": rule.citation.article, "quote": rule.citation.quote]
            d["hasQuote"] = !rule.citation.quote.isEmpty
            return ("site-rule.html", "\(rule.id) \(rule.title.text(language))", d)
        case .task(let i):
            let t = input.tasks[i]
            var d = findingsBlock(targetFindings["task/\(t.plan)/\(t.no)"] ?? [], root: root)
            let record = taskRecord(t)
            let state = taskState(t)
            d["plan"] = t.plan
            d["document"] = t.document
            d["planTitle"] = t.planTitle
            d["no"] = t.no
            d["mainTask"] = t.mainTask
            d["subTask"] = t.subTask
            d["responsible"] = t.responsible.joined(separator: "、")
            d["type"] = t.type == "required" ? (language == .en ? "required" : "要求") : (language == .en ? "as needed" : "按需")
            d["due"] = t.due.description
            d["state"] = state.key
            d["stateLabel"] = state.label
            if let record {
                d["record"] = ["status": record["status"]?.string ?? "", "done": record["done"]?.date?.description ?? "",
                               "evidence": record["evidence"]?.string ?? "", "location": inventory.location(of: record).description]
            }
            return ("site-task.html", "\(t.document) \(t.no)", d)
        }
    }

    func listContext(_ kind: ListKind, root: String) -> (String, String, [String: Any]) {
        var rows: [[String: Any]] = []
        switch kind {
        case .units:
            for unit in inventory.objects(.unit) {
                let id = unit.id ?? "", c = severityCounts(unitFindings[id] ?? [])
                rows.append(row(id: id, name: unit.name ?? id, href: root + Self.unitPath(id), counts: c, extra: unit["kind"]?.string ?? ""))
            }
        case .systems:
            for s in inventory.objects(.system) {
                let id = s.id ?? "", c = severityCounts(targetFindings["system/\(id)"] ?? [])
                rows.append(row(id: id, name: s.name ?? id, href: root + Self.systemPath(id), counts: c, extra: labels["system"] ?? ""))
            }
            for s in inventory.objects(.cloud) {
                let id = s.id ?? "", c = severityCounts(targetFindings["cloud/\(id)"] ?? [])
                rows.append(row(id: id, name: s.name ?? id, href: root + Self.cloudPath(id), counts: c, extra: labels["cloud"] ?? ""))
            }
        case .rules:
            for r in rules {
                rows.append(row(id: r.id, name: r.title.text(language), href: root + Self.rulePath(r.id), counts: severityCounts(ruleFindings[r.id] ?? []),
                                extra: "\(r.citation.document) \(r.citation.article)"))
            }
        case .tasks:
            for t in input.tasks {
                let c = severityCounts(targetFindings["task/\(t.plan)/\(t.no)"] ?? [])
                rows.append(row(id: "\(t.plan)/\(t.no)", name: t.subTask, href: root + Self.taskPath(t.plan, t.no), counts: c,
                                extra: "\(t.due) · \(taskState(t).label)"))
            }
        }
        return ("site-list.html", labels[kind.rawValue] ?? kind.rawValue, ["rows": rows, "hasRows": !rows.isEmpty])
    }

    func row(id: String, name: String, href: String, counts: [Severity: Int], extra: String) -> [String: Any] {
        ["id": id, "name": name, "href": href, "extra": extra, "open": counts.values.reduce(0, +),
         "high": counts[.high] ?? 0, "medium": counts[.medium] ?? 0, "low": counts[.low] ?? 0, "info": counts[.info] ?? 0]
    }

    func indexContext(root: String) -> [String: Any] {
        let report = QuarterlyReport(result: result, inventory: inventory, previous: input.previous, quarter: input.quarter, language: language)
        var d = ReportContext(report).dictionary
        var units = d["units"] as? [[String: Any]] ?? []
        for i in units.indices { units[i]["href"] = root + Self.unitPath(units[i]["id"] as? String ?? "") }
        d["units"] = units
        let legend = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0, $0.label.text(language)) })
        let bars = inventory.objects(.unit).compactMap { unit -> SVGCharts.Bar? in
            let id = unit.id ?? ""
            let c = severityCounts(unitFindings[id] ?? [])
            return c.isEmpty ? nil : SVGCharts.Bar(label: unit.name ?? id, href: root + Self.unitPath(id), counts: c)
        }
        d["unitChart"] = bars.isEmpty ? "" : SVGCharts.severityBars(bars, title: labels["severityByUnit"] ?? "", legend: legend)
        var points: [(String, Int, String)] = []   // (as-of, open, label)
        for past in input.history + (input.previous.map { [$0] } ?? []) {
            let label = Day(past.asOf).map { QuarterlyReport.quarter(of: $0) } ?? past.asOf
            points.removeAll { $0.0 == past.asOf }
            points.append((past.asOf, past.open, label))
        }
        points.removeAll { $0.0 == result.asOf.description }
        points.sort { $0.0 < $1.0 }
        points.append((result.asOf.description, result.summary.open, input.quarter ?? QuarterlyReport.quarter(of: result.asOf)))
        d["trendChart"] = SVGCharts.trend(points.map { ($0.2, $0.1) }, title: labels["findingsPerQuarter"] ?? "")
        d["hasTrend"] = points.count > 1
        d["counts"] = [
            ["label": labels["units"] ?? "", "value": inventory.objects(.unit).count, "href": root + "units.html"],
            ["label": labels["terminals"] ?? "", "value": inventory.objects(.terminal).count, "href": root + "units.html"],
            ["label": labels["systems"] ?? "", "value": inventory.objects(.system).count, "href": root + "systems.html"],
            ["label": labels["clouds"] ?? "", "value": inventory.objects(.cloud).count, "href": root + "systems.html"],
            ["label": labels["rules"] ?? "", "value": result.rules.count, "href": root + "rules.html"],
        ] as [[String: Any]]
        return d
    }

    func timelineContext(root: String) -> [String: Any] {
        var rows: [(Day, String, [String: Any])] = []
        for t in input.tasks {
            let state = taskState(t)
            rows.append((t.due, "task \(t.plan) \(t.no)", [
                "date": t.due.description, "kind": labels["task"] ?? "", "label": "\(t.document) \(t.no) \(t.subTask)",
                "href": root + Self.taskPath(t.plan, t.no), "state": state.key, "stateLabel": state.label,
            ]))
        }
        for w in ReportContext.waivers(result, inventory: inventory, language: language) {
            guard let e = Day(w["expires"] as? String ?? "") else { continue }
            rows.append((e, "waiver \(w["rule"] ?? "") \(w["target"] ?? "")", [
                "date": e.description, "kind": labels["waivers"] ?? "", "label": "\(w["rule"] as? String ?? "") · \(w["target"] as? String ?? "")",
                "href": root + "waivers.html", "state": w["state"] as? String ?? "", "stateLabel": w["stateLabel"] as? String ?? "",
            ]))
        }
        rows.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let asOf = result.asOf
        var out: [[String: Any]] = []
        var marked = false
        for r in rows {
            var d = r.2
            if !marked && r.0 >= asOf { d["asOfMarker"] = true; marked = true }
            out.append(d)
        }
        return ["rows": out, "hasRows": !out.isEmpty]
    }

    // MARK: search

    /// `[{k, t, d, u}]`: kind label, title, detail text, URL relative to the root.
    func searchIndex() -> JSON {
        var entries: [JSON] = []
        func add(_ kind: String, _ title: String, _ detail: String, _ url: String) {
            entries.append(.object([("k", .string(kind)), ("t", .string(title)), ("d", .string(detail)), ("u", .string(url))]))
        }
        for u in inventory.objects(.unit) { add(labels["unit"] ?? "", u.name ?? "", u.id ?? "", Self.unitPath(u.id ?? "")) }
        for s in inventory.objects(.system) { add(labels["system"] ?? "", s.name ?? "", s.id ?? "", Self.systemPath(s.id ?? "")) }
        for c in inventory.objects(.cloud) { add(labels["cloud"] ?? "", c.name ?? "", c.id ?? "", Self.cloudPath(c.id ?? "")) }
        for r in rules {
            add(labels["rule"] ?? "", "\(r.id) \(r.title.text(language))", "\(r.citation.document) \(r.citation.article) \(r.citation.quote)", Self.rulePath(r.id))
        }
        for t in input.tasks { add(labels["task"] ?? "", "\(t.document) \(t.no) \(t.subTask)", "\(t.mainTask) \(t.due)", Self.taskPath(t.plan, t.no)) }
        for f in result.findings {
            add(labels["finding"] ?? "", "\(f.rule) \(f.target)", f.message.text(language), targetPath(f) ?? Self.rulePath(f.rule))
        }
        return .array(entries)
    }
}
