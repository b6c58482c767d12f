import Diagnostics
import Foundation
import Parallel
import YAML

/// What the loader checks references against beyond the inventory itself.
public struct Catalog: Sendable {
    /// Plan id → task numbers (`tasks[].plan`/`no` must resolve).
    public var plans: [String: Set<Int>]
    /// Known rule ids (`waivers[].rule` must resolve); nil skips the check.
    public var rules: Set<String>?
    /// Each rule's parameter names (`inventory.params` must name them); nil skips the check.
    public var params: [String: [String]]?

    public init(plans: [String: Set<Int>] = [:], rules: Set<String>? = nil, params: [String: [String]]? = nil) {
        self.plans = plans
        self.rules = rules
        self.params = params
    }
}

/// The load → validate steps: find files, parse them in parallel, decode
/// each against schema v1, then check ids and cross-references. Every
/// problem of the run is reported, sorted by file and line.
public struct InventoryLoader: Sendable {
    public var limits: LoadLimits
    public var catalog: Catalog
    /// Most problems reported.
    public var cap: Int = DiagnosticList.defaultCap

    public init(limits: LoadLimits = LoadLimits(), catalog: Catalog = Catalog()) {
        self.limits = limits
        self.catalog = catalog
    }

    public func load(_ path: String) throws(DiagnosticList) -> Inventory {
        let found = try InventoryFiles.find(path)
        let loader = YAMLLoader(limits: limits, tagPolicy: .coreOnly)
        // Parse and decode each file on its own core. Objects are decoded one
        // by one as the parser completes them, so no tree of a whole file is
        // built: besides the inventory itself, memory holds one object's nodes.
        let decoded = parallelMap(Array(found.files.enumerated()), costliestFirst: { Self.size(of: $0.element.path) }) { (i, file) -> FileDecoder in
            var decoder = FileDecoder(file: file.display, fileIndex: i)
            do throws(DiagnosticList) {
                let root = try loader.load(contentsOf: file.path, displayPath: file.display, streaming: FileDecoder.streams) { key, item in
                    decoder.decodeItem(item, key: key)
                }
                decoder.decodeFile(root)
            } catch {
                // The file did not load: report that alone, as if nothing of it was decoded.
                decoder = FileDecoder(file: file.display, fileIndex: i)
                decoder.problems.append(contentsOf: error.diagnostics)
            }
            return decoder
        }
        var problems = decoded.flatMap { $0.problems }
        var objects = Array(repeating: [Object](), count: Kind.allCases.count)
        for kind in Kind.allCases {
            objects[kind.ordinal].reserveCapacity(decoded.reduce(0) { $0 + ($1.objects[kind]?.count ?? 0) })
        }
        var headers: [Object] = []
        for d in decoded {
            for kind in Kind.allCases {
                guard let list = d.objects[kind] else { continue }
                if kind == .inventory { headers.append(contentsOf: list) } else { objects[kind.ordinal].append(contentsOf: list) }
            }
        }
        let files = found.files.map(\.display)
        func at(_ o: Object, _ mark: Mark? = nil) -> SourceLocation {
            let m = mark ?? o.mark
            return SourceLocation(file: files[o.file], line: Int(m.line), column: Int(m.column))
        }
        // A file that did not parse may well hold the header: say nothing of it then.
        let unreadable = problems.contains { $0.step == "load" }
        if headers.isEmpty, !unreadable {
            problems.append(Diagnostic(zh: "没有找到 inventory: 头部（台账名称、region、level）；请在某个文件中加上", en: "no inventory: header (name, region, level) was found; add one to a file", at: SourceLocation(file: files.first ?? path, line: 1, column: 1), step: "validate"))
        }
        for extra in headers.dropFirst() {
            let first = at(headers[0])
            problems.append(Diagnostic(zh: "inventory: 头部只能出现一次（第一次在 \(first.description)）", en: "the inventory: header may appear only once (first at \(first.description))", at: at(extra), step: "validate"))
        }
        guard let header = headers.first else {
            throw DiagnosticList(problems, cap: cap)
        }
        let inventory = Inventory(root: path, files: files, header: header, objects: objects)
        // References into a file that did not load would all dangle: report the file alone.
        if !unreadable { problems += crossCheck(inventory, at: at) }
        if !problems.isEmpty { throw DiagnosticList(problems, cap: cap) }
        return inventory
    }

    /// A file's size in bytes (0 when it cannot be read: the load reports that).
    static func size(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    /// Ids unique within their kind; every reference resolves.
    func crossCheck(_ inv: Inventory, at: (Object, Mark?) -> SourceLocation) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func report(_ o: Object, _ field: String?, _ zh: String, _ en: String) {
            let mark = field.flatMap { o.record.field(path: $0)?.mark }
            problems.append(Diagnostic(zh: zh, en: en, at: at(o, mark), step: "validate"))
        }
        for kind in Kind.allCases where kind.hasID {
            var first: [String: Object] = [:]
            for o in inv.objects(kind) {
                guard let id = o.id else { continue }
                if let earlier = first[id] {
                    report(o, "id", "\(kind.name.zh)编号 “\(id)” 重复（第一次在 \(at(earlier, earlier.record["id"]?.mark).description)）", "duplicate \(kind.name.en) id '\(id)' (first at \(at(earlier, earlier.record["id"]?.mark).description))")
                } else {
                    first[id] = o
                }
            }
        }
        var knownIDs: [Kind: [String]] = [:]
        func resolve(_ o: Object, _ path: String, _ kind: Kind) {
            guard let field = o.record.field(path: path) else { return }
            let refs: [(String, Mark)]
            switch field.value {
            case .string(let s): refs = [(s, field.mark)]
            case .list(let items): refs = items.compactMap { e in e.value.string.map { ($0, e.mark) } }
            default: refs = []
            }
            for (ref, mark) in refs where inv.index(of: kind, id: ref) == nil {
                // "Did you mean" only while the problems fit the report: 100,000 dangling
                // references must stay seconds, not hours, of edit distances.
                var hint = ("", "")
                if problems.count < cap {
                    let known = knownIDs[kind] ?? Array(inv.objects(kind).lazy.compactMap(\.id).prefix(2000))
                    knownIDs[kind] = known
                    hint = Diagnostic.suggestion(for: ref, among: known).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                }
                problems.append(Diagnostic(zh: "“\(path)” 引用的\(kind.name.zh) “\(ref)” 不存在\(hint.0)", en: "'\(path)' refers to \(kind.name.en) '\(ref)', which does not exist\(hint.1)", at: at(o, mark), step: "validate"))
            }
        }
        for o in inv.objects(.unit) { resolve(o, "internet_exits", .exit) }
        for o in inv.objects(.terminal) { resolve(o, "unit", .unit) }
        for o in inv.objects(.system) {
            resolve(o, "unit", .unit)
            resolve(o, "hosting.cloud", .cloud)
            resolve(o, "hosting.datacenter", .datacenter)
        }
        for o in inv.objects(.event) {
            resolve(o, "unit", .unit)
            resolve(o, "system", .system)
        }
        var taskSeen: [String: Object] = [:]
        for o in inv.objects(.task) {
            guard let plan = o["plan"]?.string, let no = o["no"]?.int else { continue }
            guard let numbers = catalog.plans[plan] else {
                let hint = Diagnostic.suggestion(for: plan, among: Array(catalog.plans.keys)).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                report(o, "plan", "计划 “\(plan)” 不存在\(hint.0)；内置计划：\(catalog.plans.keys.sorted().joined(separator: ", "))", "there is no plan '\(plan)'\(hint.1); built-in plans: \(catalog.plans.keys.sorted().joined(separator: ", "))")
                continue
            }
            if !numbers.contains(Int(no)) {
                report(o, "no", "计划 \(plan) 没有第 \(no) 项任务（共 \(numbers.count) 项）", "plan \(plan) has no task \(no) (it has \(numbers.count))")
            }
            let key = "\(plan)/\(no)"
            if let earlier = taskSeen[key] {
                report(o, nil, "任务 \(key) 的进展记录重复（第一次在 \(at(earlier, nil).description)）", "task \(key) has two records (first at \(at(earlier, nil).description))")
            } else {
                taskSeen[key] = o
            }
        }
        if let known = catalog.params, case .yaml(let node)? = inv.header.record["params"]?.value {
            let header = inv.header
            func place(_ mark: Mark) -> SourceLocation { at(header, mark) }
            guard let rules = node.mapping else {
                problems.append(Diagnostic(zh: "params 应为 {规则ID: {参数名: 值}}", en: "params must be {RULE-ID: {name: value}}", at: place(node.mark), step: "validate"))
                return problems
            }
            for pair in rules {
                let rule = pair.key.scalar?.text ?? ""
                guard let names = known[rule] else {
                    let hint = Diagnostic.suggestion(for: rule, among: Array(known.keys)).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                    problems.append(Diagnostic(zh: "params 中的规则 “\(rule)” 不存在\(hint.0)", en: "params names rule '\(rule)', which does not exist\(hint.1)", at: place(pair.key.mark), step: "validate"))
                    continue
                }
                for p in pair.value.mapping ?? [] {
                    let name = p.key.scalar?.text ?? ""
                    if let big = ParamLimits.problem(p.value) {
                        problems.append(Diagnostic(zh: "规则 \(rule) 的参数 \(name)：\(big.zh)", en: "rule \(rule), parameter \(name): \(big.en)", at: place(big.mark), step: "validate"))
                    }
                    if !names.contains(name) {
                        let hint = Diagnostic.suggestion(for: name, among: names).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                        let list = names.isEmpty ? "（无参数 / none）" : names.joined(separator: ", ")
                        problems.append(Diagnostic(zh: "规则 \(rule) 没有参数 “\(name)”\(hint.0)；它的参数：\(list)", en: "rule \(rule) has no parameter '\(name)'\(hint.1); its parameters: \(list)", at: place(p.key.mark), step: "validate"))
                    }
                }
            }
        }
        for o in inv.objects(.cloud) + inv.objects(.datacenter) + inv.objects(.exit) { resolve(o, "operator", .unit) }
        // Waivers and rectification orders name a rule and a KIND/ID target that must exist.
        func resolveRuleAndTarget(_ o: Object, _ what: (zh: String, en: String)) {
            if let rules = catalog.rules, let rule = o["rule"]?.string, !rules.contains(rule) {
                let hint = Diagnostic.suggestion(for: rule, among: Array(rules)).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                report(o, "rule", "\(what.zh)引用的规则 “\(rule)” 不存在\(hint.0)", "the \(what.en) names rule '\(rule)', which does not exist\(hint.1)")
            }
            if let target = o["target"]?.string {
                let parts = target.split(separator: "/", maxSplits: 1)
                if parts.count == 2, let kind = Kind(rawValue: String(parts[0])), inv.index(of: kind, id: String(parts[1])) == nil {
                    report(o, "target", "\(what.zh)对象 “\(target)” 不存在", "the \(what.en)'s target '\(target)' does not exist")
                }
            }
        }
        for o in inv.objects(.waiver) { resolveRuleAndTarget(o, ("豁免", "waiver")) }
        checkRectifications(inv, report: report, resolve: resolveRuleAndTarget)
        return problems
    }

    /// Rectification orders (DESIGN §9): rule and target resolve, `due` is not before `issued`,
    /// `closed` is neither before `issued` nor after the inventory's as-of date, and one
    /// (rule, target) has at most one order open at a time — a new order may follow only
    /// once the earlier one is closed, issued on or after that date.
    func checkRectifications(_ inv: Inventory, report: (Object, String?, String, String) -> Void,
                             resolve: (Object, (zh: String, en: String)) -> Void) {
        var byKey: [String: [Object]] = [:]
        for o in inv.objects(.rectification) {
            resolve(o, ("整改通知", "rectification order"))
            guard let issued = o["issued"]?.date, let due = o["due"]?.date else { continue }
            let order = o["order"]?.string ?? ""
            if due < issued {
                report(o, "due", "整改通知 \(order) 的整改时限 \(due) 早于下发日期 \(issued)", "rectification order \(order): due \(due) is before issued \(issued)")
            }
            if let closed = o["closed"]?.date {
                if closed < issued {
                    report(o, "closed", "整改通知 \(order) 的关闭日期 \(closed) 早于下发日期 \(issued)", "rectification order \(order): closed \(closed) is before issued \(issued)")
                } else if let asOf = inv.asOf, closed > asOf {
                    report(o, "closed", "整改通知 \(order) 的关闭日期 \(closed) 晚于台账评估日期 \(asOf)", "rectification order \(order): closed \(closed) is after the inventory's as_of \(asOf)")
                }
            }
            if let rule = o["rule"]?.string, let target = o["target"]?.string {
                byKey["\(rule) \(target)", default: []].append(o)
            }
        }
        for (_, orders) in byKey where orders.count > 1 {
            let sorted = orders.sorted { ($0["issued"]?.date.map(\.daysSinceEpoch) ?? 0, $0.file, $0.mark.line) < ($1["issued"]?.date.map(\.daysSinceEpoch) ?? 0, $1.file, $1.mark.line) }
            for (earlier, later) in zip(sorted, sorted.dropFirst()) {
                let closed = earlier["closed"]?.date
                guard let closed, let issued = later["issued"]?.date, issued >= closed else {
                    let first = inv.location(of: earlier)
                    let rule = later["rule"]?.string ?? "", target = later["target"]?.string ?? ""
                    report(later, "order", "\(target) 对规则 \(rule) 已有未关闭的整改通知（\(first.description)）；新通知须在前一条关闭后下发",
                           "\(target) already has an open rectification order for \(rule) (at \(first.description)); a new order may follow only once the earlier one is closed")
                    continue
                }
            }
        }
    }
}

/// Finding the files of an inventory: every `*.yaml`/`*.yml` below a
/// directory (hidden folders skipped, symlink loops detected), in
/// code-point order of their relative paths.
public enum InventoryFiles {
    public struct File: Sendable {
        public var path: String
        public var display: String
    }

    public static func find(_ path: String) throws(DiagnosticList) -> (root: String, files: [File]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw DiagnosticList([Diagnostic(zh: "路径不存在：\(path)", en: "no such file or directory: \(path)", at: SourceLocation(file: path, line: 1, column: 1), step: "load")])
        }
        if !isDir.boolValue {
            return (path, [File(path: path, display: (path as NSString).lastPathComponent)])
        }
        var files: [File] = []
        var visited: Set<String> = []
        var problems: [Diagnostic] = []
        func walk(_ dir: String, _ relative: String) {
            let real = (dir as NSString).resolvingSymlinksInPath
            guard visited.insert(real).inserted else {
                problems.append(Diagnostic(zh: "符号链接形成循环：\(relative)", en: "symbolic links form a loop: \(relative)", at: SourceLocation(file: relative, line: 1, column: 1), step: "load"))
                return
            }
            defer { visited.remove(real) }
            guard let entries = try? fm.contentsOfDirectory(atPath: dir) else {
                problems.append(Diagnostic(zh: "无法读取目录：\(relative)", en: "cannot read the directory: \(relative)", at: SourceLocation(file: relative, line: 1, column: 1), step: "load"))
                return
            }
            for name in entries.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where !name.hasPrefix(".") {
                let full = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var sub: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &sub) else {
                    // A dangling link, or a link loop the system refuses to follow.
                    if (try? fm.destinationOfSymbolicLink(atPath: full)) != nil, name.hasSuffix(".yaml") || name.hasSuffix(".yml") || !name.contains(".") {
                        problems.append(Diagnostic(zh: "符号链接无法解析（悬空或循环）：\(rel)", en: "a symbolic link that cannot be resolved (dangling or a loop): \(rel)", at: SourceLocation(file: rel, line: 1, column: 1), step: "load"))
                    } else if name.unicodeScalars.contains("\u{FFFD}") {
                        // A name that is not UTF-8 comes back repaired and cannot be opened:
                        // skipping it would leave its objects unchecked.
                        problems.append(Diagnostic(zh: "文件名不是有效的 UTF-8，无法读取，请改名：\(rel)", en: "a file name that is not valid UTF-8 cannot be read; rename it: \(rel)", at: SourceLocation(file: rel, line: 1, column: 1), step: "load"))
                    }
                    continue
                }
                if sub.boolValue {
                    walk(full, rel)
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    files.append(File(path: full, display: rel))
                }
            }
        }
        walk(path, "")
        if !problems.isEmpty { throw DiagnosticList(problems) }
        guard !files.isEmpty else {
            throw DiagnosticList([Diagnostic(zh: "目录 \(path) 下没有 .yaml/.yml 文件", en: "no .yaml/.yml files under \(path)", at: SourceLocation(file: path, line: 1, column: 1), step: "load")])
        }
        files.sort { $0.display.utf8.lexicographicallyPrecedes($1.display.utf8) }
        return (path, files)
    }
}
