import Diagnostics
import Digest
import Dispatch
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
    /// Makes the bytes of `check --format json` with the same flags (called
    /// once, on another thread while the pages render).
    public var findingsJSON: @Sendable () -> String
    /// Plan tasks that apply to this inventory (region and level).
    public var tasks: [SiteTask]

    public init(result: CheckResult, inventory: Inventory, previous: PastFindings?, history: [PastFindings], quarter: String?,
                language: Language, templates: TemplateSet, assets: [(path: String, data: Data)], findingsJSON: @escaping @Sendable () -> String, tasks: [SiteTask]) {
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

    /// Builds the site into the folder `target` and returns how many files
    /// it holds. Files are written into a temporary folder beside `target` as
    /// they are made (pages by the core that rendered them, with their
    /// SHA-256), and the folder is renamed into place by the last step; a
    /// failure removes it and leaves `target` as it was.
    public static func build(_ input: SiteInput, into target: String, timings: ((Step) -> Void)? = nil) throws(Diagnostic) -> Int {
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
        let writer = try Output.DirectoryWriter(target)
        do throws(Diagnostic) {
            @Sendable func write(_ path: String, _ data: Data) throws(Diagnostic) -> (path: String, digest: String) {
                try writer.write(path, data)
                return (path, SHA256.hex(data))
            }
            // The search index is built and written on another thread while the pages render.
            let search = Background { () throws(Diagnostic) -> [(path: String, digest: String)] in
                let index = model.searchIndex().serialized()
                return [
                    try write("findings.json", Data(input.findingsJSON().utf8)),
                    try write("search-index.json", Data((index + "\n").utf8)),
                    try write("search-index.js", Data("window.YUNWANG_SEARCH = \(index);\n".utf8)),
                ]
            }
            var digests: [(path: String, digest: String)]
            do throws(Diagnostic) {
                digests = try step("render pages") { () throws(Diagnostic) -> [(path: String, digest: String)] in
                    let renderer = try SiteRenderer(model: model, library: library)
                    let written = parallelMap(model.pages) { page -> Result<(path: String, digest: String), Diagnostic> in
                        let (path, html) = renderer.render(page)
                        do throws(Diagnostic) {
                            try writer.write(path, text: html)
                        } catch {
                            return .failure(error)
                        }
                        return .success((path, SHA256.hex(html.utf8)))
                    }
                    if let failure = renderer.failure { throw failure }
                    var out: [(path: String, digest: String)] = []
                    for r in written {
                        switch r {
                        case .success(let file): out.append(file)
                        case .failure(let e): throw e
                        }
                    }
                    return out
                }
            } catch {
                _ = try? search.wait()
                throw error
            }
            // What is left of the search index once the pages are done.
            digests += try step("search index") { () throws(Diagnostic) in try search.wait() }
            digests += try step("assets") { () throws(Diagnostic) -> [(path: String, digest: String)] in
                var out: [(path: String, digest: String)] = []
                for asset in input.assets where asset.path.hasPrefix("site/") { out.append(try write(asset.path, asset.data)) }
                // What lets a later run know this folder is a site it may replace (Output.checkReplaceable).
                out.append(try write(Output.siteMarker, Output.siteMarkerContents))
                return out
            }
            let sums = try step("checksums") { Output.checksums(digests) }
            try step("write") { () throws(Diagnostic) in
                try writer.write("SHA256SUMS", sums)
                try writer.commit()
            }
            return digests.count + 1
        } catch {
            writer.abort()
            throw error
        }
    }
}

/// Work started on another thread at once; `wait()` returns its result.
final class Background<T: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Result<T, Diagnostic>?

    init(_ work: @escaping @Sendable () throws(Diagnostic) -> T) {
        group.enter()
        DispatchQueue.global().async {
            let r: Result<T, Diagnostic>
            do throws(Diagnostic) { r = .success(try work()) } catch { r = .failure(error) }
            self.result = r
            self.group.leave()
        }
    }

    func wait() throws(Diagnostic) -> T {
        group.wait()
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: throw Diagnostic(zh: "后台任务没有结果", en: "a background task gave no result", at: nil, step: nil)
        }
    }
}
