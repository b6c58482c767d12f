import Diagnostics
import Foundation
import Inventory
import JSON
import Policy

/// `yunwang diff OLD.json NEW.json`: two findings JSON files (DESIGN §5)
/// compared by fingerprint. A finding whose fingerprint is only in NEW is
/// new, only in OLD fixed, in both unchanged — with its status change (open →
/// waived, due-soon → open …) noted. The output is a pure function of the two
/// inputs: entries are sorted like `check` sorts findings, and every finding
/// is written back with a fixed key order.
public struct FindingsDiff: Sendable {
    /// One finding as read from a findings JSON file.
    public struct Entry: Sendable {
        public var rule: String
        public var severity: String
        public var status: String
        public var targetKind: String
        public var targetID: String
        public var fingerprint: String
        public var messages: Localized
        public var location: String?
        /// The owning unit (`owner.unit`, else `unit`), when the file has it.
        public var unit: String? = nil
        /// `first_seen` (DESIGN §9), when the file has it.
        public var firstSeen: Day?
        /// The whole finding, re-emitted with a canonical key order.
        public var json: JSON
        /// In `unchanged`: the status and severity in OLD when they differ.
        public var previousStatus: String?
        public var previousSeverity: String?

        public var target: String { "\(targetKind)/\(targetID)" }
        public var changed: Bool { previousStatus != nil || previousSeverity != nil }
    }

    /// A findings JSON file: where it came from, its as-of date and findings.
    public struct Document: Sendable {
        public var file: String
        public var asOf: String?
        public var entries: [Entry]
    }

    public var old: Document
    public var new: Document
    public private(set) var added: [Entry] = []
    public private(set) var fixed: [Entry] = []
    public private(set) var unchanged: [Entry] = []

    public init(old: Document, new: Document) {
        self.old = old
        self.new = new
        let split = Self.compare(old: old.entries.map(\.fingerprint), new: new.entries.map(\.fingerprint))
        for (i, j) in split.unchanged {
            var e = new.entries[i]
            let before = old.entries[j]
            if before.status != e.status { e.previousStatus = before.status }
            if before.severity != e.severity { e.previousSeverity = before.severity }
            unchanged.append(e)
        }
        added = split.added.map { new.entries[$0] }
        fixed = split.fixed.map { old.entries[$0] }
        added.sort(by: Self.precedes)
        fixed.sort(by: Self.precedes)
        unchanged.sort(by: Self.precedes)
    }

    /// The one comparison of two runs that `diff`, `report` and `site` share
    /// (so their counts agree): by fingerprint, the first occurrence of a
    /// fingerprint on each side counts and repeats are ignored. Returns
    /// indexes: findings only in NEW, (NEW, OLD) pairs in both, only in OLD.
    public static func compare(old: [String], new: [String]) -> (added: [Int], unchanged: [(Int, Int)], fixed: [Int]) {
        var oldIndex: [String: Int] = [:]
        oldIndex.reserveCapacity(old.count)
        for (j, print) in old.enumerated() where oldIndex[print] == nil { oldIndex[print] = j }
        var added: [Int] = [], unchanged: [(Int, Int)] = [], fixed: [Int] = []
        var seen: Set<String> = []
        seen.reserveCapacity(new.count)
        for (i, print) in new.enumerated() where seen.insert(print).inserted {
            if let j = oldIndex[print] { unchanged.append((i, j)) } else { added.append(i) }
        }
        var gone: Set<String> = []
        for (j, print) in old.enumerated() where !seen.contains(print) && gone.insert(print).inserted { fixed.append(j) }
        return (added, unchanged, fixed)
    }

    /// `check`'s order: severity (high first), rule, target kind, target id by
    /// code point; the fingerprint breaks ties in hand-made files.
    static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        let ra = rank(a.severity), rb = rank(b.severity)
        if ra != rb { return ra > rb }
        for (x, y) in [(a.rule, b.rule), (a.targetKind, b.targetKind), (a.targetID, b.targetID), (a.fingerprint, b.fingerprint)] where x != y {
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
        return false
    }

    static func rank(_ severity: String) -> Int {
        // allCases runs from high to info; unknown severities sort last.
        Severity(rawValue: severity).flatMap { Severity.allCases.firstIndex(of: $0) }.map { Severity.allCases.count - $0 } ?? 0
    }

    // MARK: - Reading

    /// Read a findings JSON file; any problem is a diagnostic naming the file.
    public static func read(_ path: String) throws(Diagnostic) -> Document {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(zh: "无法读取文件", en: "cannot read the file", at: SourceLocation(file: path, line: 1, column: 1), step: "load")
        }
        return try parse(data, file: path)
    }

    /// Parse the bytes of a findings JSON file named `file`.
    public static func parse(_ data: Data, file: String) throws(Diagnostic) -> Document {
        func fail(_ zh: String, _ en: String, at offset: Int? = nil) -> Diagnostic {
            Diagnostic(zh: "不是 yunwang 的 findings JSON：\(zh)", en: "not a yunwang findings JSON file: \(en)",
                       at: location(of: offset, in: data, file: file), step: "load")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Darwin gives the offset in userInfo; swift-corelibs only in the
            // text ("… around character 33.").
            let info = (error as NSError).userInfo
            let offset = info["NSJSONSerializationErrorIndex"] as? Int
                ?? (info["NSDebugDescription"] as? String).flatMap { text in
                    text.range(of: "character ").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) }
                }
            throw fail("JSON 语法错误", "invalid JSON", at: offset)
        }
        guard let object = root as? [String: Any] else { throw fail("顶层不是对象", "the top level is not an object") }
        guard let findings = object["findings"] as? [Any] else { throw fail("缺少 findings 数组", "there is no findings array") }
        var entries: [Entry] = []
        entries.reserveCapacity(findings.count)
        for (i, item) in findings.enumerated() {
            guard let f = item as? [String: Any] else { throw fail("findings[\(i)] 不是对象", "findings[\(i)] is not an object") }
            guard let fingerprint = f["fingerprint"] as? String, !fingerprint.isEmpty else {
                throw fail("findings[\(i)] 没有 fingerprint", "findings[\(i)] has no fingerprint")
            }
            guard let rule = f["rule"] as? String, let severity = f["severity"] as? String, let status = f["status"] as? String,
                  let target = f["target"] as? [String: Any], let kind = target["kind"] as? String, let id = target["id"] as? String else {
                throw fail("findings[\(i)] 缺少 rule、severity、status 或 target", "findings[\(i)] lacks rule, severity, status or target")
            }
            let messages = f["messages"] as? [String: Any] ?? [:]
            let message = f["message"] as? String ?? ""
            var location: String?
            if let l = f["location"] as? [String: Any], let file = l["file"] as? String {
                location = [file, (l["line"] as? NSNumber)?.stringValue, (l["column"] as? NSNumber)?.stringValue]
                    .compactMap { $0 }.joined(separator: ":")
            }
            entries.append(Entry(
                rule: rule, severity: severity, status: status, targetKind: kind, targetID: id,
                fingerprint: fingerprint,
                messages: Localized(zh: messages["zh"] as? String ?? message, en: messages["en"] as? String ?? message),
                location: location,
                unit: (f["owner"] as? [String: Any])?["unit"] as? String ?? f["unit"] as? String,
                firstSeen: (f["first_seen"] as? String).flatMap { Day($0) },
                json: canonical(f, order: findingKeys)))
        }
        // A nonsense as_of (issue #19 item 15) would date the comparison wrongly: refuse it at its place.
        var asOf: String?
        if let value = object["as_of"], !(value is NSNull) {
            guard let text = value as? String, Day(text) != nil else {
                throw Diagnostic(zh: "findings JSON 的 as_of 应为 YYYY-MM-DD 日期（1900–2999 年）", en: "the findings JSON's as_of must be a YYYY-MM-DD date (years 1900–2999)",
                                 at: location(of: keyOffset("as_of", in: data), in: data, file: file), step: "load")
            }
            asOf = text
        }
        return Document(file: file, asOf: asOf, entries: entries)
    }

    /// The byte offset of the first `"key"` not inside a string (the key itself, not an escaped quote in a value).
    static func keyOffset(_ key: String, in data: Data) -> Int? {
        let needle = Array("\"\(key)\"".utf8)
        let bytes = [UInt8](data)
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle), i == 0 || bytes[i - 1] != 0x5C { return i }
            i += 1
        }
        return nil
    }

    /// A byte offset in `data` as file:line:column (1:1 when unknown).
    static func location(of offset: Int?, in data: Data, file: String) -> SourceLocation {
        guard let offset, offset >= 0 else { return SourceLocation(file: file, line: 1, column: 1) }
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Key order of a finding as `check --format json` writes it; nested
    /// objects have theirs, and unknown keys follow in code-point order.
    static let findingKeys = ["rule", "severity", "status", "previous_status", "previous_severity", "target", "message", "location",
                              "citation", "due", "fingerprint", "title", "messages", "unit", "waiver",
                              "remediation", "owner", "first_seen", "rectify_by", "overdue", "rectification", "baseline"]
    static let nestedKeys: [String: [String]] = [
        "target": ["kind", "id"],
        "location": ["file", "line", "column"],
        "citation": ["document", "title", "article", "quote"],
        "title": ["zh", "en"],
        "messages": ["zh", "en"],
        "waiver": ["reason", "approved_by", "approval", "expires", "location"],
        "owner": ["unit", "unit_name", "ops_lead"],
        "rectification": ["order", "issued", "due", "closed", "owner", "location"],
    ]

    static func canonical(_ object: [String: Any], order: [String]) -> JSON {
        let keys = object.keys.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? Int.max, ib = order.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
        return .object(keys.map { ($0, value(object[$0] as Any, key: $0)) })
    }

    static func value(_ any: Any, key: String) -> JSON {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c", "B": return .bool(n.boolValue)
            case "f", "d": return .double(n.doubleValue)
            default: return .int(n.int64Value)
            }
        case let a as [Any]: return .array(a.map { value($0, key: "") })
        case let o as [String: Any]: return canonical(o, order: nestedKeys[key] ?? [])
        default: return .null
        }
    }

    // MARK: - Output

    /// `{"new":[…],"fixed":[…],"unchanged":[…],"summary":{…}}`; unchanged
    /// findings whose status or severity moved carry `previous_status` /
    /// `previous_severity`.
    public func json() -> JSON {
        func annotated(_ e: Entry) -> JSON {
            guard e.changed, case .object(var pairs) = e.json else { return e.json }
            pairs.removeAll { $0.0 == "previous_status" || $0.0 == "previous_severity" }
            var extra: [(String, JSON)] = []
            if let s = e.previousStatus { extra.append(("previous_status", .string(s))) }
            if let s = e.previousSeverity { extra.append(("previous_severity", .string(s))) }
            let at = (pairs.firstIndex { $0.0 == "status" }).map { $0 + 1 } ?? pairs.count
            pairs.insert(contentsOf: extra, at: at)
            return .object(pairs)
        }
        return .object([
            ("new", .array(added.map(\.json))),
            ("fixed", .array(fixed.map(\.json))),
            ("unchanged", .array(unchanged.map(annotated))),
            ("summary", .object([
                ("new", .int(Int64(added.count))),
                ("fixed", .int(Int64(fixed.count))),
                ("unchanged", .int(Int64(unchanged.count))),
                ("status_changed", .int(Int64(unchanged.filter(\.changed).count))),
            ])),
        ])
    }

    static func statusLabel(_ status: String, _ language: Language) -> String {
        switch (status, language) {
        case ("open", .zh): return "未整改"
        case ("waived", .zh): return "已豁免"
        case ("due-soon", .zh): return "即将到期"
        default: return status
        }
    }

    static func severityLabel(_ severity: String, _ language: Language) -> String {
        guard language == .zh, let s = Severity(rawValue: severity) else { return severity }
        return s.label.zh
    }

    func change(_ e: Entry, _ language: Language) -> String {
        var parts: [String] = []
        if let s = e.previousStatus {
            parts.append("\(Self.statusLabel(s, language)) → \(Self.statusLabel(e.status, language))")
        }
        if let s = e.previousSeverity {
            parts.append("\(Self.severityLabel(s, language)) → \(Self.severityLabel(e.severity, language))")
        }
        return parts.joined(separator: language == .zh ? "，" : ", ")
    }

    var counts: (new: Int, fixed: Int, unchanged: Int, changed: Int) {
        (added.count, fixed.count, unchanged.count, unchanged.filter(\.changed).count)
    }

    /// For a person or a CI log: new, fixed and unchanged, each with its count.
    public func text(language: Language) -> String {
        let zh = language == .zh
        var out: [String] = []
        func side(_ d: Document) -> String { d.asOf.map { zh ? "\(d.file)（\($0)）" : "\(d.file) (\($0))" } ?? d.file }
        out.append(zh ? "对比 \(side(old)) → \(side(new))" : "comparing \(side(old)) → \(side(new))")
        let c = counts
        let groups: [(String, [Entry])] = [
            (zh ? "新增 (\(c.new))" : "new (\(c.new))", added),
            (zh ? "已整改 (\(c.fixed))" : "fixed (\(c.fixed))", fixed),
            (zh ? "未变 (\(c.unchanged)，其中状态变化 \(c.changed))" : "unchanged (\(c.unchanged), \(c.changed) changed status)", unchanged),
        ]
        for (label, entries) in groups {
            out.append("")
            out.append(label)
            for e in entries {
                var head = "  \(Self.severityLabel(e.severity, language)) \(e.rule) \(e.target)"
                if e.status != "open" { head += " [\(Self.statusLabel(e.status, language))]" }
                if let l = e.location { head += "  \(l)" }
                out.append(head)
                out.append("    \(e.messages.text(language))")
                if e.changed { out.append(zh ? "    变化：\(change(e, language))" : "    changed: \(change(e, language))") }
            }
        }
        out.append("")
        out.append(zh ? "合计：新增 \(c.new)，已整改 \(c.fixed)，未变 \(c.unchanged)（状态变化 \(c.changed)）"
                      : "total: \(c.new) new, \(c.fixed) fixed, \(c.unchanged) unchanged (\(c.changed) changed status)")
        return out.joined(separator: "\n")
    }

    /// For a merge-request comment: a count table, new and fixed findings as
    /// tables, status changes, and the unchanged rest folded in `<details>`.
    public func markdown(language: Language) -> String {
        let zh = language == .zh
        let c = counts
        var out: [String] = []
        func line(_ s: String = "") { out.append(s) }
        func table(_ entries: [Entry], changes: Bool = false) {
            line(zh ? "| 严重程度 | 规则 | 对象 | 状态 | 说明 | 位置 |" : "| severity | rule | target | status | message | location |")
            line("|---|---|---|---|---|---|")
            for e in entries {
                let status = changes ? change(e, language) : Self.statusLabel(e.status, language)
                line("| \(Self.cell(Self.severityLabel(e.severity, language))) | \(Self.cell(e.rule)) | \(Self.cell(e.target)) | \(Self.cell(status)) | \(Self.cell(e.messages.text(language))) | \(Self.cell(e.location ?? "")) |")
            }
        }
        line(zh ? "### yunwang：问题对比" : "### yunwang: findings diff")
        line()
        func side(_ d: Document) -> String { Self.cell((d.file as NSString).lastPathComponent) + (d.asOf.map { " (\($0))" } ?? "") }
        line("\(side(old)) → \(side(new))")
        line()
        line(zh ? "| 新增 | 已整改 | 未变 | 其中状态变化 |" : "| new | fixed | unchanged | of which changed status |")
        line("|---:|---:|---:|---:|")
        line("| \(c.new) | \(c.fixed) | \(c.unchanged) | \(c.changed) |")
        if !added.isEmpty {
            line()
            line(zh ? "#### 新增 (\(c.new))" : "#### New (\(c.new))")
            line()
            table(added)
        }
        if !fixed.isEmpty {
            line()
            line(zh ? "#### 已整改 (\(c.fixed))" : "#### Fixed (\(c.fixed))")
            line()
            table(fixed)
        }
        let changed = unchanged.filter(\.changed)
        if !changed.isEmpty {
            line()
            line(zh ? "#### 状态变化 (\(c.changed))" : "#### Status changes (\(c.changed))")
            line()
            table(changed, changes: true)
        }
        if !unchanged.isEmpty {
            line()
            line(zh ? "<details><summary>未变 (\(c.unchanged))</summary>" : "<details><summary>Unchanged (\(c.unchanged))</summary>")
            line()
            table(unchanged)
            line()
            line("</details>")
        }
        return out.joined(separator: "\n")
    }

    /// A Markdown table cell: the same escaping as `check --format markdown`.
    static func cell(_ s: String) -> String { MarkdownReport.escape(s) }
}
