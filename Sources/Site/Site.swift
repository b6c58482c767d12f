import Diagnostics
import Foundation
import Inventory
import JSON
import Mustache
import Parallel
import Policy
import Render

/// A built-in plan task, as the site shows it (the CLI maps `Plan` to this).
public struct SiteTask: Sendable {
    public var plan: String
    public var document: String
    public var planTitle: String
    public var no: Int
    public var mainTask: String
    public var subTask: String
    public var responsible: [String]
    public var type: String
    public var due: Day

    public init(plan: String, document: String, planTitle: String, no: Int, mainTask: String, subTask: String,
                responsible: [String], type: String, due: Day) {
        self.plan = plan
        self.document = document
        self.planTitle = planTitle
        self.no = no
        self.mainTask = mainTask
        self.subTask = subTask
        self.responsible = responsible
        self.type = type
        self.due = due
    }
}

/// Everything a site is made from. The output is a pure function of it.
public struct SiteInput: Sendable {
    public var result: CheckResult
    public var inventory: Inventory
    public var previous: PastFindings?
    public var history: [PastFindings]
    public var quarter: String?
    public var language: Language
    public var templates: TemplateSet
    /// Static assets (`site/style.css`, `site/search.js`, …) by path.
    public var assets: [(path: String, data: Data)]
    /// The bytes of `check --format json` with the same flags.
    public var findingsJSON: String
    /// Plan tasks that apply to this inventory (region and level).
    public var tasks: [SiteTask]

    public init(result: CheckResult, inventory: Inventory, previous: PastFindings?, history: [PastFindings], quarter: String?,
                language: Language, templates: TemplateSet, assets: [(path: String, data: Data)], findingsJSON: String, tasks: [SiteTask]) {
        self.result = result
        self.inventory = inventory
        self.previous = previous
        self.history = history
        self.quarter = quarter
        self.language = language
        self.templates = templates
        self.assets = assets
        self.findingsJSON = findingsJSON
        self.tasks = tasks
    }
}

/// The audit site (DESIGN §6) as a pipeline of named steps (STYLE: Publish):
/// plan pages → render pages → search index → assets → checksums. A failure
/// names its step.
public enum SiteBuilder {
    public struct Step: Sendable {
        public var name: String
        public var seconds: Double
    }

    /// The files of the site, path → bytes, sorted by path; `SHA256SUMS` last.
    public static func build(_ input: SiteInput, timings: ((Step) -> Void)? = nil) throws(Diagnostic) -> [(path: String, data: Data)] {
        func step<T>(_ name: String, _ body: () throws(Diagnostic) -> T) throws(Diagnostic) -> T {
            let start = Date()
            do {
                let value = try body()
                timings?(Step(name: name, seconds: Date().timeIntervalSince(start)))
                return value
            } catch {
                var e = error
                if e.step == nil { e.step = name }
                throw e
            }
        }
        let library = try step("load templates") { () throws(Diagnostic) -> MustacheLibrary in try input.templates.library() }
        let model = try step("plan pages") { SiteModel(input) }
        let pages = try step("render pages") { () throws(Diagnostic) -> [(path: String, data: Data)] in
            let rendered = parallelMap(model.pages) { page in model.render(page, library: library) }
            var out: [(path: String, data: Data)] = []
            for r in rendered {
                switch r {
                case .success(let file): out.append(file)
                case .failure(let e): throw e
                }
            }
            return out
        }
        let data = try step("search index") { () -> [(path: String, data: Data)] in
            let index = model.searchIndex().serialized()
            return [
                ("findings.json", Data(input.findingsJSON.utf8)),
                ("search-index.json", Data((index + "\n").utf8)),
                ("search-index.js", Data("window.YUNWANG_SEARCH = \(index);\n".utf8)),
            ]
        }
        let assets = try step("assets") { input.assets.filter { $0.path.hasPrefix("site/") } }
        var files = pages + data + assets
        files.sort { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        let sums = try step("checksums") { Output.checksums(files) }
        files.append(("SHA256SUMS", sums))
        return files
    }
}
