import Diagnostics
import Foundation
import Inventory
import JSON
import Mustache
import Policy
import Render

/// One page of the site.
enum Page: Sendable {
    case index, search, timeline, waivers, findings, changes
    case list(ListKind)
    /// Page `n` (from 0) of the terminal table, `SiteModel.terminalsPerPage` rows each.
    case terminals(Int)
    case unit(Int), system(Int), cloud(Int), rule(Int), task(Int)
}

enum ListKind: String, Sendable, CaseIterable { case units, systems, rules, tasks, exits, datacenters }

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
final class SiteModel: Sendable {
    let input: SiteInput
    /// Rules that apply to this inventory (they checked an object or made a
    /// finding): each has a page. The others are listed apart on rules.html.
    let rules: [RuleInfo]
    let inapplicableRules: [RuleInfo]
    /// With `--previous`: whether each finding is new (the one comparison, `FindingsDiff.compare`).
    let isNew: [Bool]?
    let pages: [Page]
    let unitFindings: [String: [Int]]
    let targetFindings: [String: [Int]]
    let ruleFindings: [String: [Int]]
    let labels: [String: String]
    /// The base names every page sees (`lang`, `inventory`, `asOf`, `quarter`).
    let lang: String
    let inventoryInfo: [String: String]
    let asOfText: String
    let quarter: String

    var result: CheckResult { input.result }
    var inventory: Inventory { input.inventory }
    var language: Language { input.language }

    init(_ input: SiteInput) {
        self.input = input
        labels = ReportLabels.dictionary(input.language)
        lang = input.language == .en ? "en" : "zh-CN"
        inventoryInfo = ["name": input.result.inventoryName, "region": input.result.region, "level": input.result.level]
        asOfText = input.result.asOf.description
        quarter = input.quarter ?? QuarterlyReport.quarter(of: input.result.asOf)
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
        let coverage = input.result.coverage
        let withFindings = Set(input.result.findings.map(\.rule))
        self.rules = rules.filter { coverage[$0.id] != nil || withFindings.contains($0.id) }
        inapplicableRules = rules.filter { coverage[$0.id] == nil && !withFindings.contains($0.id) }
        if let previous = input.previous {
            var flags = [Bool](repeating: false, count: input.result.findings.count)
            for i in FindingsDiff.compare(old: previous.entries.map(\.fingerprint), new: input.result.findings.map(\.fingerprint)).added { flags[i] = true }
            isNew = flags
        } else {
            isNew = nil
        }
        var byUnit: [String: [Int]] = [:], byTarget: [String: [Int]] = [:], byRule: [String: [Int]] = [:]
        for (i, f) in input.result.findings.enumerated() {
            if let u = ReportContext.unitID(of: f, inventory: input.inventory) { byUnit[u, default: []].append(i) }
            byTarget[f.target, default: []].append(i)
            byRule[f.rule, default: []].append(i)
        }
        unitFindings = byUnit
        targetFindings = byTarget
        ruleFindings = byRule
        var pages: [Page] = [.index, .search, .timeline, .waivers, .findings, .changes]
        pages += ListKind.allCases.map { .list($0) }
        let terminalCount = input.inventory.objects(.terminal).count
        pages += (0..<max(1, (terminalCount + Self.terminalsPerPage - 1) / Self.terminalsPerPage)).map { .terminals($0) }
        pages += input.inventory.objects(.unit).indices.map { .unit($0) }
        pages += input.inventory.objects(.system).indices.map { .system($0) }
        pages += input.inventory.objects(.cloud).indices.map { .cloud($0) }
        pages += self.rules.indices.map { .rule($0) }
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

    /// Rows of one page of the terminal table (a province has 200,000).
    static let terminalsPerPage = 500

    static func terminalsPath(_ n: Int) -> String { n == 0 ? "terminals.html" : "terminals-\(n + 1).html" }

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
        case .findings: return "findings.html"
        case .changes: return "changes.html"
        case .terminals(let n): return Self.terminalsPath(n)
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

    /// `""` for a page in the site's folder, `"../"` one level down.
    func root(of page: Page) -> String {
        switch page {
        case .index, .search, .timeline, .waivers, .findings, .changes, .list, .terminals: return ""
        case .unit, .system, .cloud, .rule, .task: return "../"
        }
    }

    static let navigationItems: [(Page, String)] = [
        (.index, "overview"), (.findings, "allFindings"), (.list(.units), "units"), (.terminals(0), "terminals"), (.list(.systems), "systems"),
        (.list(.exits), "exits"), (.list(.datacenters), "datacenters"), (.list(.rules), "rules"),
        (.list(.tasks), "tasks"), (.timeline, "timeline"), (.waivers, "waivers"), (.search, "search"),
    ]

    /// Every field of an object as key → text rows (nested records dotted).
    /// Keys are shown by their labels (schema v1's short field labels,
    /// `Inventory/Labels.swift`) and enum values by theirs; booleans as 是/否;
    /// `x-*` keys and free values as written.
    static func details(_ record: Record, kind: Kind, prefix: String = "", language: Language) -> [DetailRow] {
        var rows: [DetailRow] = []
        for field in record.fields {
            let key = prefix.isEmpty ? field.name : "\(prefix).\(field.name)"
            if case .record(let r) = field.value {
                rows += details(r, kind: kind, prefix: key, language: language)
                continue
            }
            let label = Schema.label(kind: kind, path: key)?.text(language) ?? key
            let value: String
            switch field.value {
            case .bool(let b): value = Vocabulary.value(b ? "true" : "false", language)
            case .string(let v): value = Schema.valueLabel(kind: kind, path: key, value: v)?.text(language) ?? v
            case .list(let items):
                value = items.map { item -> String in
                    if case .string(let v) = item.value { return Schema.valueLabel(kind: kind, path: key, value: v)?.text(language) ?? v }
                    return text(item.value)
                }.joined(separator: language == .zh ? "、" : ", ")
            default: value = text(field.value)
            }
            rows.append(DetailRow(key: label, value: value))
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

    func listRows(_ kind: ListKind, root: String) -> [ListRow] {
        var rows: [ListRow] = []
        switch kind {
        case .units:
            for unit in inventory.objects(.unit) {
                let id = unit.id ?? ""
                rows.append(ListRow(id: id, name: unit.name ?? id, href: root + Self.unitPath(id), extra: unit["kind"]?.string.map { Schema.valueLabel(kind: .unit, path: "kind", value: $0)?.text(language) ?? $0 } ?? "",
                                    counts: severityCounts(unitFindings[id] ?? [])))
            }
        case .systems:
            for s in inventory.objects(.system) {
                let id = s.id ?? ""
                rows.append(ListRow(id: id, name: s.name ?? id, href: root + Self.systemPath(id), extra: labels["system"] ?? "",
                                    counts: severityCounts(targetFindings["system/\(id)"] ?? [])))
            }
            for s in inventory.objects(.cloud) {
                let id = s.id ?? ""
                rows.append(ListRow(id: id, name: s.name ?? id, href: root + Self.cloudPath(id), extra: labels["cloud"] ?? "",
                                    counts: severityCounts(targetFindings["cloud/\(id)"] ?? [])))
            }
        case .rules:
            for r in rules {
                rows.append(ListRow(id: r.id, name: r.title.text(language), href: root + Self.rulePath(r.id),
                                    extra: "\(r.citation.document) \(r.citation.article)", counts: severityCounts(ruleFindings[r.id] ?? [])))
            }
        case .exits, .datacenters:
            let objectKind: Kind = kind == .exits ? .exit : .datacenter
            for o in inventory.objects(objectKind) {
                let id = o.id ?? ""
                var extra: [String] = []
                if let k = o["kind"]?.string { extra.append(Schema.valueLabel(kind: objectKind, path: "kind", value: k)?.text(language) ?? k) }
                if let pue = o["pue"] { extra.append("PUE \(Self.text(pue))") }
                if let op = o["operator"]?.string { extra.append(inventory.object(.unit, id: op)?.name ?? op) }
                let indexes = targetFindings["\(objectKind.rawValue)/\(id)"] ?? []
                rows.append(ListRow(id: id, name: o.name ?? id, href: root + Self.findingsTargetQuery(objectKind.rawValue, id),
                                    extra: extra.joined(separator: " · "), counts: severityCounts(indexes)))
            }
        case .tasks:
            for t in input.tasks {
                rows.append(ListRow(id: "\(t.plan)/\(t.no)", name: t.subTask, href: root + Self.taskPath(t.plan, t.no),
                                    extra: "\(t.due) · \(taskState(t).label)", counts: severityCounts(targetFindings["task/\(t.plan)/\(t.no)"] ?? [])))
            }
        }
        return rows
    }

    /// The overview's names: the report's (`ReportContext`; its lists of
    /// every finding are built only if the template asks for them) plus
    /// linked unit rows, charts and counts.
    func indexValues(root: String) -> [String: Any] {
        let report = QuarterlyReport(result: result, inventory: inventory, previous: input.previous, quarter: input.quarter, language: language)
        var d = ReportContext.overview(report)
        var units = d["units"] as? [[String: Any]] ?? []
        for i in units.indices {
            let id = units[i]["id"] as? String ?? ""
            // Every count links to the findings it counts (the 其他 row: findings of no unit).
            let unit = id.isEmpty ? "-" : id
            if !id.isEmpty { units[i]["href"] = root + Self.unitPath(id) }
            for key in ["open", "high", "medium", "low", "info", "dueSoon", "waived", "overdue"] {
                units[i][key + "Href"] = root + Self.findingsQuery(unit: unit, key: key)
            }
        }
        d["units"] = units
        var total = d["unitTotal"] as? [String: Any] ?? [:]
        for key in ["open", "high", "medium", "low", "info", "dueSoon", "waived", "overdue"] { total[key + "Href"] = root + Self.findingsQuery(unit: nil, key: key) }
        d["unitTotal"] = total
        d["findingsHref"] = root + "findings.html"
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
        d["trendChart"] = SVGCharts.trend(points.map { ($0.2, $0.1) }, title: labels["findingsPerQuarter"] ?? "",
                                          yLabel: labels["open"] ?? "", xLabel: labels["asOf"] ?? "")
        d["hasTrend"] = points.count > 1
        d["counts"] = [
            ["label": labels["units"] ?? "", "value": inventory.objects(.unit).count, "href": root + "units.html"],
            ["label": labels["terminals"] ?? "", "value": inventory.objects(.terminal).count, "href": root + Self.terminalsPath(0)],
            ["label": labels["systems"] ?? "", "value": inventory.objects(.system).count, "href": root + "systems.html"],
            ["label": labels["clouds"] ?? "", "value": inventory.objects(.cloud).count, "href": root + "systems.html"],
            ["label": labels["datacenters"] ?? "", "value": inventory.objects(.datacenter).count, "href": root + "datacenters.html"],
            ["label": labels["exits"] ?? "", "value": inventory.objects(.exit).count, "href": root + "exits.html"],
            ["label": labels["rules"] ?? "", "value": rules.count, "href": root + "rules.html"],
        ] as [[String: Any]]
        return d
    }

    /// `findings.html?…` listing what a count counts: `key` is a severity
    /// (open findings of it), a status, or `overdue`; `unit` `-` is 其他.
    static func findingsQuery(unit: String?, key: String) -> String {
        var q: [String] = []
        if let unit { q.append("unit=\(unit)") }
        switch key {
        case "high", "medium", "low", "info": q += ["status=open", "severity=\(key)"]
        case "open": q.append("status=open")
        case "dueSoon": q.append("status=due-soon")
        case "waived": q.append("status=waived")
        case "overdue": q.append("overdue=yes")
        default: break
        }
        return "findings.html" + (q.isEmpty ? "" : "?" + q.joined(separator: "&"))
    }

    /// `new` or `persisting` against `--previous`; empty without one.
    func change(of index: Int) -> String {
        guard let isNew else { return "" }
        return isNew[index] ? "new" : "persisting"
    }

    /// The all-findings page: the rows and the options of its filters.
    func findingsPageValues(rows: [String]) -> [String: Any] {
        var units: [[String: Any]] = inventory.objects(.unit).compactMap { u in
            guard let id = u.id, unitFindings[id] != nil else { return nil }
            return ["value": id, "label": u.name ?? id]
        }
        units.append(["value": "-", "label": language == .zh ? "其他（无所属单位）" : "Other (no unit)"])
        let ruleOptions: [[String: Any]] = rules.filter { ruleFindings[$0.id] != nil }.map { ["value": $0.id, "label": "\($0.id) \($0.title.text(language))"] }
        let statuses: [[String: Any]] = FindingStatus.allCases.map { ["value": $0.rawValue, "label": ReportLabels.status($0, language)] }
        let severities: [[String: Any]] = Severity.allCases.map { ["value": $0.rawValue, "label": $0.label.text(language)] }
        var d: [String: Any] = ["rows": rows.map(Text.init), "hasRows": !rows.isEmpty, "total": rows.count,
                                "unitOptions": units, "ruleOptions": ruleOptions, "statusOptions": statuses, "severityOptions": severities,
                                "hasChange": isNew != nil]
        if isNew != nil {
            d["changeOptions"] = [["value": "new", "label": labels["new"] ?? ""], ["value": "persisting", "label": labels["persisting"] ?? ""]]
        }
        return d
    }

    static func findingsTargetQuery(_ kind: String, _ id: String) -> String { "findings.html?target=\(kind)/\(id)" }

    /// One page of the terminal table: id, unit, IP, MAC, user and the open findings, with links to the neighbouring pages.
    func terminalValues(_ n: Int, root: String) -> [String: Any] {
        let terminals = inventory.objects(.terminal)
        let start = n * Self.terminalsPerPage, end = min(terminals.count, start + Self.terminalsPerPage)
        var rows: [[String: Any]] = []
        rows.reserveCapacity(max(0, end - start))
        if start < end {
            for t in terminals[start..<end] {
                let id = t.id ?? "", unit = t["unit"]?.string ?? ""
                let open = (targetFindings["terminal/\(id)"] ?? []).filter { result.findings[$0].status == .open }.count
                rows.append(["id": id, "unit": inventory.object(.unit, id: unit)?.name ?? unit, "unitHref": root + Self.unitPath(unit),
                             "ip": t["ip"].map(Self.text) ?? "", "mac": t["mac"].map(Self.text) ?? "", "user": t["user"]?.string ?? "",
                             "open": open, "href": root + Self.findingsTargetQuery("terminal", id)])
            }
        }
        let pageCount = max(1, (terminals.count + Self.terminalsPerPage - 1) / Self.terminalsPerPage)
        var d: [String: Any] = ["rows": rows, "hasRows": !rows.isEmpty, "total": terminals.count,
                                "from": rows.isEmpty ? 0 : start + 1, "to": end, "paged": pageCount > 1]
        if n > 0 { d["prevHref"] = root + Self.terminalsPath(n - 1) }
        if n + 1 < pageCount { d["nextHref"] = root + Self.terminalsPath(n + 1) }
        if pageCount > 1 {
            d["pageLinks"] = (0..<pageCount).map { ["n": $0 + 1, "href": root + Self.terminalsPath($0), "current": $0 == n] as [String: Any] }
        }
        return d
    }

    func timelineValues(root: String) -> [String: Any] {
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
