import Diagnostics
import Foundation
import Inventory
import Mustache
import Policy
import Render

/// Renders the pages of a `SiteModel` with the templates. Each page is its
/// template inside `site-layout.html`; what many pages share is rendered
/// once and reused: the header and footer per folder depth (and current
/// page), each finding's table row per folder depth. Pages only read the
/// model, so they render in parallel and come out the same on every run.
final class SiteRenderer: Sendable {
    let model: SiteModel
    let library: MustacheLibrary
    private let rows: FragmentCache
    private let chrome = FragmentCache(count: 0)
    /// The first render that ran out of its work budget (TemplateBudget), for the build to report.
    private let overBudget = FirstFailure()
    var failure: Diagnostic? { overBudget.value }
    /// The work one render may do: grows with the findings, objects and pages.
    let budgetLimit: Int

    /// Every template the site renders, checked before the first page.
    static let templates = [
        "site-layout.html", "site-header.html", "site-footer.html", "site-finding.html", "site-index.html", "site-search.html",
        "site-timeline.html", "site-waivers.html", "site-list.html", "site-unit.html", "site-system.html", "site-cloud.html",
        "site-rule.html", "site-task.html", "site-all-findings.html", "site-finding-compact.html", "site-changes.html", "site-terminals.html",
    ]

    init(model: SiteModel, library: MustacheLibrary) throws(Diagnostic) {
        for name in Self.templates where library.getTemplate(named: name) == nil {
            throw Diagnostic(zh: "缺少模板 \(name).mustache", en: "the template \(name).mustache is missing",
                             at: SourceLocation(file: "templates/\(name).mustache", line: 1, column: 1), step: "render pages")
        }
        self.model = model
        self.library = library
        rows = FragmentCache(count: model.result.findings.count)
        budgetLimit = TemplateBudget.limit(items: model.result.findings.count + model.inventory.counts.reduce(0) { $0 + $1.1 } + model.pages.count)
    }

    func render(_ page: Page) -> (path: String, html: String) {
        let path = model.path(of: page)
        let base = SiteBase(site: self, root: model.root(of: page))
        let labels = model.labels
        switch page {
        case .index:
            let values = model.indexValues(root: base.root)
            let report = QuarterlyReport(result: model.result, inventory: model.inventory, previous: model.input.previous,
                                         quarter: model.input.quarter, language: model.language)
            let context = DictionaryPage(base: base, values: values, lazy: { ReportContext.findingList($0, report) })
            return finish(page, path, base, "site-index.html", labels["overview"] ?? "", context)
        case .search:
            return finish(page, path, base, "site-search.html", labels["search"] ?? "", DictionaryPage(base: base, values: [:]))
        case .timeline:
            return finish(page, path, base, "site-timeline.html", labels["timeline"] ?? "",
                          DictionaryPage(base: base, values: model.timelineValues(root: base.root)))
        case .waivers:
            let result = model.result
            let waived = result.findings.indices.filter { result.findings[$0].status == .waived || result.findings[$0].targetKind == "waiver" }
            let waivers = ReportContext.waivers(result, inventory: model.inventory, language: model.language)
            let context = DictionaryPage(base: base, values: ["waivers": waivers, "hasWaivers": !waivers.isEmpty], findings: FindingsBlock(indexes: waived))
            return finish(page, path, base, "site-waivers.html", labels["waivers"] ?? "", context)
        case .list(let kind):
            let rows = model.listRows(kind, root: base.root)
            var values: [String: Any] = ["rows": rows, "hasRows": !rows.isEmpty]
            if kind == .rules {
                let others = model.inapplicableRules.map { r -> [String: Any] in
                    ["id": r.id, "title": r.title.text(model.language), "regions": r.regions.joined(separator: "、"),
                     "citation": "\(r.citation.document) \(r.citation.article)"]
                }
                values["inapplicable"] = others
                values["hasInapplicable"] = !others.isEmpty
                values["inapplicableCount"] = others.count
            }
            return finish(page, path, base, "site-list.html", labels[kind.rawValue] ?? kind.rawValue, DictionaryPage(base: base, values: values))
        case .terminals(let n):
            return finish(page, path, base, "site-terminals.html", labels["terminals"] ?? "",
                          DictionaryPage(base: base, values: model.terminalValues(n, root: base.root)))
        case .findings:
            let rows = model.result.findings.indices.map { compactRowHTML($0, root: base.root) }
            return finish(page, path, base, "site-all-findings.html", labels["allFindings"] ?? "",
                          DictionaryPage(base: base, values: model.findingsPageValues(rows: rows)))
        case .changes:
            let report = QuarterlyReport(result: model.result, inventory: model.inventory, previous: model.input.previous,
                                         quarter: model.input.quarter, language: model.language)
            return finish(page, path, base, "site-changes.html", labels["change"] ?? "",
                          DictionaryPage(base: base, values: ReportContext.overview(report).filter { $0.key == "change" }))
        case .unit(let i):
            let unit = model.inventory.objects(.unit)[i]
            let id = unit.id ?? ""
            let context = UnitPage(base: base, index: i, findings: FindingsBlock(indexes: model.unitFindings[id] ?? []))
            return finish(page, path, base, "site-unit.html", unit.name ?? id, context)
        case .system(let i):
            let system = model.inventory.objects(.system)[i]
            let id = system.id ?? ""
            let context = SystemPage(base: base, index: i, findings: FindingsBlock(indexes: model.targetFindings["system/\(id)"] ?? []))
            return finish(page, path, base, "site-system.html", system.name ?? id, context)
        case .cloud(let i):
            let cloud = model.inventory.objects(.cloud)[i]
            let id = cloud.id ?? ""
            let context = CloudPage(base: base, index: i, findings: FindingsBlock(indexes: model.targetFindings["cloud/\(id)"] ?? []))
            return finish(page, path, base, "site-cloud.html", cloud.name ?? id, context)
        case .rule(let i):
            let rule = model.rules[i]
            let context = RulePage(base: base, index: i, findings: FindingsBlock(indexes: model.ruleFindings[rule.id] ?? []))
            return finish(page, path, base, "site-rule.html", "\(rule.id) \(rule.title.text(model.language))", context)
        case .task(let i):
            let t = model.input.tasks[i]
            let context = TaskPage(base: base, index: i, findings: FindingsBlock(indexes: model.targetFindings["task/\(t.plan)/\(t.no)"] ?? []))
            return finish(page, path, base, "site-task.html", "\(t.document) \(t.no)", context)
        }
    }

    /// The page's template, then the layout around it.
    private func finish<Context: MustacheParent>(_ page: Page, _ path: String, _ base: SiteBase, _ template: String, _ title: String,
                                                 _ context: Context) -> (path: String, html: String) {
        let body = bounded(context, template) ?? ""
        let layout = LayoutContext(page: context, base: base, current: path, title: title, body: body)
        return (path, bounded(layout, "site-layout.html") ?? "")
    }

    /// One render within its own work budget (issue #19 item 4); one that runs out is recorded.
    func bounded(_ context: Any, _ template: String) -> String? {
        let budget = TemplateBudget(limit: budgetLimit)
        do throws(Diagnostic) {
            return try library.render(context, withTemplate: template, budget: budget, file: model.input.templates.file(of: template))
        } catch {
            overBudget.record(error)
            return nil
        }
    }

    // MARK: shared fragments

    /// `site-finding.html` for finding `index`: rendered once for the pages
    /// one folder down (unit, system, cloud, rule, task), where every finding
    /// is listed at least once; elsewhere (waivers.html) each time.
    func findingRowHTML(_ index: Int, root: String) -> String {
        let make = { [self] in
            Self.fragment(bounded(FindingFragment(values: FindingValues(base: SiteBase(site: self, root: root), index: index)), "site-finding.html"))
        }
        return root == "../" ? rows.slot(index, make) : make()
    }

    /// `site-finding-compact.html` for finding `index` (the all-findings page;
    /// rendered once, so not cached).
    func compactRowHTML(_ index: Int, root: String) -> String {
        Self.fragment(library.render(FindingFragment(values: FindingValues(base: SiteBase(site: self, root: root), index: index)),
                                     withTemplate: "site-finding-compact.html"))
    }

    func header(root: String, current: String) -> String {
        // The header depends on the root and on which navigation item is the current page.
        let match = SiteModel.navigationItems.firstIndex { model.path(of: $0.0) == current } ?? -1
        return chrome.keyed("header \(root) \(match)") {
            Self.fragment(bounded(ChromeContext(base: SiteBase(site: self, root: root), current: current), "site-header.html"))
        }
    }

    func footer(root: String) -> String {
        chrome.keyed("footer \(root)") {
            Self.fragment(bounded(ChromeContext(base: SiteBase(site: self, root: root), current: ""), "site-footer.html"))
        }
    }

    /// `nav`: the site's main pages, `current` on the page itself.
    func navigation(root: String, current: String) -> [[String: Any]] {
        SiteModel.navigationItems.map { page, label in
            let path = model.path(of: page)
            return ["href": root + path, "label": model.labels[label] ?? label, "current": path == current] as [String: Any]
        }
    }

    /// A fragment without its last line break, so `{{{header}}}` can stand on a line of its own.
    static func fragment(_ text: String?) -> String {
        guard var text else { return "" }
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

/// The first error recorded from any thread.
final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Diagnostic?
    var value: Diagnostic? { lock.withLock { first } }
    func record(_ e: Diagnostic) { lock.withLock { if first == nil { first = e } } }
}
