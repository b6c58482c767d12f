import Diagnostics
import Foundation
import JSON
import Policy

/// `check --format sarif`: SARIF 2.1.0 (OASIS), as GitHub code scanning,
/// GitLab and most CI dashboards read it (DESIGN §5). One reporting
/// descriptor per rule, one result per finding; no timestamps, no
/// invocation details, so the bytes depend on the input only.
public enum SARIF {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    /// Where findings' files are, seen from the repository root: the
    /// inventory PATH as given (its folder when PATH is a file), normalised.
    /// An absolute PATH inside the current directory is made relative to it;
    /// one outside stays absolute and is written as a `file:` URI.
    public struct ArtifactBase: Sendable, Equatable {
        /// Path segments from the root to the inventory folder.
        public var segments: [String]
        public var absolute: Bool

        public init(segments: [String], absolute: Bool) {
            self.segments = segments
            self.absolute = absolute
        }

        /// `folder` is the inventory folder as given on the command line.
        public init(folder: String, currentDirectory: String) {
            let dir = SARIF.normalized(folder)
            guard folder.hasPrefix("/") else {
                self.init(segments: dir, absolute: false)
                return
            }
            let cwd = SARIF.normalized(currentDirectory)
            if dir.starts(with: cwd) {
                self.init(segments: Array(dir.dropFirst(cwd.count)), absolute: false)
            } else {
                self.init(segments: dir, absolute: true)
            }
        }

        /// From the file system: PATH may be a folder or one file, the current
        /// directory may be reached through symbolic links.
        public static func resolve(inventoryPath path: String) -> ArtifactBase {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let folder = exists && !isDirectory.boolValue ? (path as NSString).deletingLastPathComponent : path
            let cwd = FileManager.default.currentDirectoryPath
            let plain = ArtifactBase(folder: folder.isEmpty ? "." : folder, currentDirectory: cwd)
            guard plain.absolute else { return plain }
            let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
            let realCwd = URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path
            return ArtifactBase(folder: real, currentDirectory: realCwd)
        }

        /// The `artifactLocation` of a file relative to the inventory folder.
        public func location(of file: String) -> JSON {
            let path = SARIF.normalized((segments + [file]).joined(separator: "/"), keepParents: !absolute)
            let encoded = path.map(SARIF.percentEncoded).joined(separator: "/")
            if absolute { return .object([("uri", .string("file:///" + encoded))]) }
            return .object([("uri", .string(encoded)), ("uriBaseId", .string("%SRCROOT%"))])
        }
    }

    public static func document(_ result: CheckResult, version: String, language: Language, base: ArtifactBase) -> JSON {
        let descriptors = self.descriptors(result, language: language)
        let index = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var driver: [(String, JSON)] = [
            ("name", .string("yunwang")),
            ("fullName", .string("yunwang 云网 — 电子政务外网台账检查 / government extranet inventory checks")),
            ("version", .string(version)),
        ]
        if isSemanticVersion(version) { driver.append(("semanticVersion", .string(version))) }
        driver.append(("rules", .array(descriptors.map(\.json))))
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object(driver))])),
                ("language", .string(language == .zh ? "zh-CN" : "en-US")),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(result.findings.map { self.result($0, ruleIndex: index[$0.rule] ?? -1, language: language, base: base) })),
                ("properties", .object([
                    ("inventory", .object([("name", .string(result.inventoryName)), ("region", .string(result.region)), ("level", .string(result.level))])),
                    ("as_of", .string(result.asOf.description)),
                ])),
            ])])),
        ])
    }

    /// high → error, medium → warning, low and info → note.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    struct Descriptor {
        var id: String
        var json: JSON
    }

    /// The rules checked, then the checker's own ids (plan deadlines,
    /// waivers) that occur in the findings, in code-point order of id.
    static func descriptors(_ result: CheckResult, language: Language) -> [Descriptor] {
        var out: [String: Descriptor] = [:]
        for rule in result.rules where out[rule.id] == nil {
            out[rule.id] = Descriptor(id: rule.id, json: descriptor(
                id: rule.id, title: rule.title, severity: rule.severity, remediation: rule.remediation,
                citations: [rule.citation], quote: true, tags: [rule.pack, rule.appliesTo.rawValue],
                extra: [("pack", .string(rule.pack)), ("applies_to", .string(rule.appliesTo.rawValue))], language: language))
        }
        // The checker's own rules have no Rule value: describe them from their findings.
        var own: [String: [Finding]] = [:]
        for f in result.findings where out[f.rule] == nil { own[f.rule, default: []].append(f) }
        for (id, findings) in own {
            let first = findings[0]
            var citations: [Citation] = []
            for f in findings where !citations.contains(where: { $0.document == f.citation.document }) { citations.append(f.citation) }
            // One article per plan task: the rule as a whole cites the plans.
            if Set(findings.map(\.citation.article)).count > 1 {
                for i in citations.indices { citations[i].article = "" }
            }
            // PLAN-DEADLINE quotes a different task in each finding: cite the plans, quote in the results.
            let quote = Set(findings.map(\.citation.quote)).count == 1
            out[id] = Descriptor(id: id, json: descriptor(
                id: id, title: first.title, severity: findings.map(\.severity).max() ?? first.severity,
                remediation: first.remediation, citations: citations, quote: quote, tags: ["builtin"],
                extra: [], language: language))
        }
        return out.values.sorted { $0.id.unicodeScalars.lexicographicallyPrecedes($1.id.unicodeScalars) }
    }

    static func descriptor(id: String, title: Localized, severity: Severity, remediation: Localized?, citations: [Citation],
                           quote: Bool, tags: [String], extra: [(String, JSON)], language: Language) -> JSON {
        let zh = language == .zh
        let sources = citations.map { c in "\(c.document)《\(c.title)》\(c.article.isEmpty ? "" : " " + c.article)" }
        var full = title.text(language) + (zh ? "。依据：" : ". Source: ") + sources.joined(separator: zh ? "；" : "; ")
        if let remediation { full += (zh ? "。整改：" : ". Remediation: ") + remediation.text(language) }
        var helpText = (zh ? "依据 / Source: " : "Source: ") + sources.joined(separator: "; ")
        var helpMarkdown = "**" + MarkdownReport.escape(zh ? "依据" : "Source") + "**: " + sources.map(MarkdownReport.escape).joined(separator: "; ")
        if quote, let c = citations.first {
            helpText += "\n「\(c.quote)」"
            helpMarkdown += "\n\n> " + MarkdownReport.escape(c.quote)
        }
        if let remediation {
            helpText += (zh ? "\n整改：" : "\nRemediation: ") + remediation.text(language)
            helpMarkdown += "\n\n**" + (zh ? "整改" : "Remediation") + "**: " + MarkdownReport.escape(remediation.text(language))
        }
        var tagSet: [String] = ["yunwang", "severity:\(severity.rawValue)"]
        for t in tags where !t.isEmpty && !tagSet.contains(t) { tagSet.append(t) }
        return .object([
            ("id", .string(id)),
            ("shortDescription", .object([("text", .string("\(title.zh) / \(title.en)"))])),
            ("fullDescription", .object([("text", .string(full))])),
            ("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])),
            ("defaultConfiguration", .object([("level", .string(level(severity)))])),
            ("properties", .object([
                ("title", .object([("zh", .string(title.zh)), ("en", .string(title.en))])),
                ("severity", .string(severity.rawValue)),
            ] + extra + [
                ("citations", .array(citations.map { c in
                    .object([("document", .string(c.document)), ("title", .string(c.title)), ("article", .string(c.article))] + (quote ? [("quote", .string(c.quote))] : []))
                })),
                ("tags", .array(tagSet.map { .string($0) })),
            ])),
        ])
    }

    static func result(_ f: Finding, ruleIndex: Int, language: Language, base: ArtifactBase) -> JSON {
        let zh = language == .zh
        var properties: [(String, JSON)] = [
            ("status", .string(f.status.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("target", .object([("kind", .string(f.targetKind)), ("id", .string(f.targetID))])),
            ("citation", .object([
                ("document", .string(f.citation.document)), ("article", .string(f.citation.article)), ("quote", .string(f.citation.quote)),
            ])),
        ]
        if let due = f.due { properties.append(("due", .string(due.description))) }
        if let unit = f.unit { properties.append(("unit", .string(unit))) }
        properties += FindingsJSON.auditCycle(f, language: language).filter { key, value in key != "remediation" && value != .null }
        if f.status == .dueSoon { properties.append(("due_soon", .bool(true))) }
        if f.status != .waived, f.targetKind != "waiver", let w = f.waiver {
            // An expired waiver no longer waives: say so without suppressing.
            properties.append(("waiver_expired", .string(w.expires.description)))
        }
        var fields: [(String, JSON)] = [
            ("ruleId", .string(f.rule)),
            ("ruleIndex", .int(Int64(ruleIndex))),
            ("level", .string(f.status == .dueSoon ? "note" : level(f.severity))),
            ("message", .object([("text", .string(f.message.text(language)))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", base.location(of: f.location.file)),
                ("region", .object([("startLine", .int(Int64(max(1, f.location.line)))), ("startColumn", .int(Int64(max(1, f.location.column))))])),
            ]))])])),
            ("partialFingerprints", .object([("yunwang/v1", .string(f.fingerprint))])),
        ]
        // SARIF's own word for a result against a baseline: new, or unchanged.
        if let mark = f.baseline { fields.append(("baselineState", .string(mark == .new ? "new" : "unchanged"))) }
        if f.status == .waived, let w = f.waiver {
            let justification = zh
                ? "\(w.reason)（批准人 \(w.approvedBy)，批准文号 \(w.approval)，有效至 \(w.expires)）"
                : "\(w.reason) (approved by \(w.approvedBy), \(w.approval), until \(w.expires))"
            fields.append(("suppressions", .array([.object([
                ("kind", .string("external")), ("status", .string("accepted")), ("justification", .string(justification)),
            ])])))
        }
        fields.append(("properties", .object(properties)))
        return .object(fields)
    }

    /// Path segments with `.` dropped and `x/..` folded; leading `..` kept
    /// when `keepParents` (a relative path may climb out of its start).
    static func normalized(_ path: String, keepParents: Bool = true) -> [String] {
        var out: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = out.last, last != ".." { out.removeLast() } else if keepParents { out.append("..") }
            default: out.append(String(part))
            }
        }
        return out
    }

    /// RFC 3986: unreserved characters stay, every other byte is %XX.
    static func percentEncoded(_ segment: String) -> String {
        var out = ""
        for b in segment.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    static func isSemanticVersion(_ v: String) -> Bool {
        guard let first = v.split(separator: "-", maxSplits: 1).first, let core = first.split(separator: "+").first else { return false }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
