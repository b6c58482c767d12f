import Foundation
import Inventory
import Mustache
import Policy
import Render

// The values the site's templates read (docs/report-and-site.md, "Templates").
// Each page's context is a struct that answers swift-mustache's look-ups
// (`MustacheParent.child(named:)`) with a switch and computes a value only
// when a template asks for it, instead of a `[String: Any]` built in full for
// every page. The names, the value types (String, Int, Bool, arrays, nested
// `[String: String]`) and what is absent (nil, so the look-up goes on down
// the context stack) are those the dictionaries had.

/// The names every page and fragment sees: root, labels, lang, inventory, asOf, quarter.
struct SiteBase: Sendable {
    let site: SiteRenderer
    /// `""` for pages in the site's folder, `"../"` one level down.
    let root: String

    var model: SiteModel { site.model }

    func value(_ name: String) -> Any? {
        switch name {
        case "root": return Text(root)
        case "labels": return model.labels
        case "lang": return Text(model.lang)
        case "inventory": return model.inventoryInfo
        case "asOf": return Text(model.asOfText)
        case "quarter": return Text(model.quarter)
        default: return nil
        }
    }
}

/// `findings`, `hasFindingRows`, `findingCount` of a page that lists findings.
struct FindingsBlock: Sendable {
    let indexes: [Int]

    func value(_ name: String, _ base: SiteBase) -> Any? {
        switch name {
        case "findings": return indexes.map { FindingRow(base: base, index: $0) }
        case "hasFindingRows": return !indexes.isEmpty
        case "findingCount": return indexes.count
        default: return nil
        }
    }
}

/// One finding in a table: the fields of the report's finding dictionary
/// (`ReportContext.finding`), the site's links, and `html`, the row rendered
/// by `site-finding.html` (once per finding and folder depth, shared by the
/// unit, target and rule pages that list it).
struct FindingRow: MustacheParent, Sendable {
    let base: SiteBase
    let index: Int

    func child(named name: String) -> Any? {
        if name == "html" { return Text(base.site.findingRowHTML(index, root: base.root)) }
        return FindingValues(base: base, index: index).value(name)
    }
}

/// A finding's names, for one row: the finding is copied out of the check
/// result once, and the links used more than once are worked out once.
struct FindingValues {
    let base: SiteBase
    let index: Int
    let f: Finding
    let unitID: String?
    let targetPath: String?

    init(base: SiteBase, index: Int) {
        self.base = base
        self.index = index
        let model = base.model
        f = model.result.findings[index]
        unitID = ReportContext.unitID(of: f, inventory: model.inventory)
        targetPath = model.targetPath(f)
    }

    func value(_ name: String) -> Any? {
        let model = base.model
        let language = model.language
        switch name {
        case "rule": return Text(f.rule)
        case "severity": return Text(f.severity.rawValue)
        case "severityLabel": return Text(f.severity.label.text(language))
        case "status": return Text(f.status.rawValue)
        case "statusLabel": return Text(ReportLabels.status(f.status, language))
        case "title": return Text(f.title.text(language))
        case "target": return Text(f.target)
        case "targetKind": return Text(f.targetKind)
        case "targetID": return Text(f.targetID)
        case "message": return Text(f.message.text(language))
        case "location": return Text(f.location.description)
        case "citation":
            return ["document": f.citation.document, "title": f.citation.title, "article": f.citation.article, "quote": f.citation.quote]
        case "hasQuote": return !f.citation.quote.isEmpty
        case "quoteLines": return ReportContext.quoteLines(f.citation.quote)
        case "fingerprint": return Text(f.fingerprint)
        case "due": return f.due.map { Text($0.description) }
        case "remediation": return f.remediation.map { Text($0.text(language)) }
        case "unitID": return unitID.map(Text.init)
        case "unitName": return unitID.map { Text(model.inventory.object(.unit, id: $0)?.name ?? $0) }
        case "unitKey": return Text(unitID.flatMap { model.inventory.object(.unit, id: $0) != nil ? $0 : nil } ?? "-")
        case "object": return Text(f.targetKind == "unit" ? (model.inventory.object(.unit, id: f.targetID)?.name ?? f.targetID)
                                   : "\(Vocabulary.kind(f.targetKind, language)) \(f.targetID)")
        case "overdue": return f.overdue
        case "overdueKey": return Text(f.overdue ? "yes" : "no")
        case "deadline": return (f.rectifyBy ?? f.due).map { Text($0.description) }
        case "change": return Text(model.change(of: index))
        case "waiver":
            return f.waiver.map { ["reason": $0.reason, "approvedBy": $0.approvedBy, "approval": $0.approval, "expires": $0.expires.description] }
        case "ruleHref": return Text(base.root + SiteModel.rulePath(f.rule))
        case "targetHref": return targetPath.map { Text(base.root + $0) }
        case "unitHref":
            guard let u = unitID, model.inventory.object(.unit, id: u) != nil else { return nil }
            return Text(base.root + SiteModel.unitPath(u))
        default: return nil
        }
    }
}

/// What `site-finding.html` is rendered with: the finding's names, then the base names.
struct FindingFragment: MustacheParent {
    let values: FindingValues

    func child(named name: String) -> Any? { values.value(name) ?? values.base.value(name) }
}

/// `{key, value}` of `details`.
struct DetailRow: MustacheParent, Sendable {
    let key: String
    let value: String

    func child(named name: String) -> Any? {
        switch name {
        case "key": return Text(key)
        case "value": return Text(value)
        default: return nil
        }
    }
}

/// `{id, name, href}` of a unit's or cloud's `systems`.
struct LinkRow: MustacheParent, Sendable {
    let id: String
    let name: String
    let href: String

    func child(named name: String) -> Any? {
        switch name {
        case "id": return Text(id)
        case "name": return Text(self.name)
        case "href": return Text(href)
        default: return nil
        }
    }
}

/// A row of `units.html`, `systems.html`, `rules.html`, `tasks.html`.
struct ListRow: MustacheParent, Sendable {
    let id: String
    let name: String
    let href: String
    let extra: String
    let counts: [Severity: Int]

    func child(named name: String) -> Any? {
        switch name {
        case "id": return Text(id)
        case "name": return Text(self.name)
        case "href": return Text(href)
        case "extra": return Text(extra)
        case "open": return counts.values.reduce(0, +)
        case "high": return counts[.high] ?? 0
        case "medium": return counts[.medium] ?? 0
        case "low": return counts[.low] ?? 0
        case "info": return counts[.info] ?? 0
        default: return nil
        }
    }
}

/// `units/<id>.html`
struct UnitPage: MustacheParent {
    let base: SiteBase
    let index: Int
    let findings: FindingsBlock

    func child(named name: String) -> Any? {
        let model = base.model, inventory = model.inventory
        let unit = inventory.objects(.unit)[index]
        switch name {
        case "id": return unit.id ?? ""
        case "name": return unit.name ?? unit.id ?? ""
        case "details": return SiteModel.details(unit.record, kind: .unit, language: model.language)
        case "systems":
            return inventory.unitSystems[index].map { j in
                let s = inventory.objects(.system)[j]
                return LinkRow(id: s.id ?? "", name: s.name ?? "", href: base.root + SiteModel.systemPath(s.id ?? ""))
            }
        case "terminalCount": return inventory.unitTerminals[index].count
        case "eventCount": return inventory.unitEvents[index].count
        default: return findings.value(name, base) ?? base.value(name)
        }
    }
}

/// `systems/<id>.html`
struct SystemPage: MustacheParent {
    let base: SiteBase
    let index: Int
    let findings: FindingsBlock

    func child(named name: String) -> Any? {
        let model = base.model, inventory = model.inventory
        let system = inventory.objects(.system)[index]
        switch name {
        case "id": return system.id ?? ""
        case "name": return system.name ?? system.id ?? ""
        case "details": return SiteModel.details(system.record, kind: .system, language: model.language)
        case "unit":
            guard let u = system["unit"]?.string, let unit = inventory.object(.unit, id: u) else { return nil }
            return ["id": u, "name": unit.name ?? u, "href": base.root + SiteModel.unitPath(u)]
        case "cloud":
            guard let c = system.record.field(path: "hosting.cloud")?.value.string, let cloud = inventory.object(.cloud, id: c) else { return nil }
            return ["id": c, "name": cloud.name ?? c, "href": base.root + SiteModel.cloudPath(c)]
        default: return findings.value(name, base) ?? base.value(name)
        }
    }
}

/// `clouds/<id>.html`
struct CloudPage: MustacheParent {
    let base: SiteBase
    let index: Int
    let findings: FindingsBlock

    func child(named name: String) -> Any? {
        let model = base.model, inventory = model.inventory
        let cloud = inventory.objects(.cloud)[index]
        switch name {
        case "id": return cloud.id ?? ""
        case "name": return cloud.name ?? cloud.id ?? ""
        case "details": return SiteModel.details(cloud.record, kind: .cloud, language: model.language)
        case "systems":
            return inventory.cloudSystems[index].map { j in
                let s = inventory.objects(.system)[j]
                return LinkRow(id: s.id ?? "", name: s.name ?? "", href: base.root + SiteModel.systemPath(s.id ?? ""))
            }
        default: return findings.value(name, base) ?? base.value(name)
        }
    }
}

/// `rules/<id>.html`
struct RulePage: MustacheParent {
    let base: SiteBase
    let index: Int
    let findings: FindingsBlock

    func child(named name: String) -> Any? {
        let model = base.model, language = model.language
        let rule = model.rules[index]
        switch name {
        case "id": return rule.id
        case "title": return rule.title.text(language)
        case "severityLabel": return rule.severity.label.text(language)
        case "severity": return rule.severity.rawValue
        case "appliesTo": return rule.appliesTo
        case "regions": return rule.regions.isEmpty ? (model.labels["everywhere"] ?? "") : rule.regions.joined(separator: ", ")
        case "pack": return rule.pack
        case "citation":
            return ["document": rule.citation.document, "title": rule.citation.title, "article": rule.citation.article, "quote": rule.citation.quote]
        case "hasQuote": return !rule.citation.quote.isEmpty
        default: return findings.value(name, base) ?? base.value(name)
        }
    }
}

/// `tasks/<plan>-<no>.html`
struct TaskPage: MustacheParent {
    let base: SiteBase
    let index: Int
    let findings: FindingsBlock

    func child(named name: String) -> Any? {
        let model = base.model, language = model.language
        let t = model.input.tasks[index]
        switch name {
        case "plan": return t.plan
        case "document": return t.document
        case "planTitle": return t.planTitle
        case "no": return t.no
        case "mainTask": return t.mainTask
        case "subTask": return t.subTask
        case "responsible": return t.responsible.joined(separator: "、")
        case "type": return t.type == "required" ? (language == .en ? "required" : "要求") : (language == .en ? "as needed" : "按需")
        case "due": return t.due.description
        case "state": return model.taskState(t).key
        case "stateLabel": return model.taskState(t).label
        case "record":
            guard let record = model.taskRecord(t) else { return nil }
            return ["status": record["status"]?.string ?? "", "done": record["done"]?.date?.description ?? "",
                    "evidence": record["evidence"]?.string ?? "", "location": model.inventory.location(of: record).description]
        default: return findings.value(name, base) ?? base.value(name)
        }
    }
}

/// A page whose values are few or computed once (overview, lists,
/// timeline, waivers, search): a dictionary, values computed on demand by
/// `lazy`, a findings block, then the base names.
struct DictionaryPage: MustacheParent {
    let base: SiteBase
    let values: [String: Any]
    var findings: FindingsBlock?
    var lazy: (@Sendable (String) -> Any?)?

    func child(named name: String) -> Any? {
        if let v = values[name] { return v }
        if let v = lazy?(name) { return v }
        if let v = findings?.value(name, base) { return v }
        return base.value(name)
    }
}

/// What `site-layout.html` is rendered with: the page's names plus `title`
/// (the page title), `body`, `nav`, and the `header` and `footer` rendered
/// once per folder depth (and current page) by `site-header.html` and
/// `site-footer.html`.
struct LayoutContext<Page: MustacheParent>: MustacheParent {
    let page: Page
    let base: SiteBase
    let current: String
    let title: String
    let body: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "body": return body
        case "header": return base.site.header(root: base.root, current: current)
        case "footer": return base.site.footer(root: base.root)
        case "nav": return base.site.navigation(root: base.root, current: current)
        default: return page.child(named: name)
        }
    }
}

/// What `site-header.html` and `site-footer.html` are rendered with: the base names and `nav`.
struct ChromeContext: MustacheParent {
    let base: SiteBase
    let current: String

    func child(named name: String) -> Any? {
        name == "nav" ? base.site.navigation(root: base.root, current: current) : base.value(name)
    }
}

/// A string value as swift-mustache sees it: rendered (and escaped) like a
/// String, with String's transforms, but found by protocol casts that
/// succeed early (`MustacheCustomRenderable`) instead of the slow path
/// through `Optional` and `String(describing:)`; as a section it answers
/// every look-up with nothing, as a String does, without building a Mirror.
struct Text: MustacheCustomRenderable, MustacheTransformable, MustacheParent, Sendable {
    let string: String

    init(_ string: String) { self.string = string }

    var renderText: String { string }
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { string.transform(name) }
    func child(named: String) -> Any? { nil }
}

/// Rendered text computed once and shared between threads.
final class FragmentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String?]
    private var keyed: [String: String] = [:]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The text in slot `i`, made by `make` the first time (two threads may
    /// both make it; both results are the same).
    func slot(_ i: Int, _ make: () -> String) -> String {
        if let text = lock.withLock({ slots[i] }) { return text }
        let text = make()
        lock.withLock { slots[i] = text }
        return text
    }

    func keyed(_ key: String, _ make: () -> String) -> String {
        if let text = lock.withLock({ keyed[key] }) { return text }
        let text = make()
        lock.withLock { keyed[key] = text }
        return text
    }
}
