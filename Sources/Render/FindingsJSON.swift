import Diagnostics
import JSON
import Policy

/// `check --format json` and the site's findings.json (DESIGN §5).
public enum FindingsJSON {
    public static func document(_ result: CheckResult, version: String, language: Language) -> JSON {
        let summary = result.summary
        return .object([
            ("tool", .object([("name", .string("yunwang")), ("version", .string(version))])),
            ("inventory", .object([("name", .string(result.inventoryName)), ("region", .string(result.region)), ("level", .string(result.level))])),
            ("as_of", .string(result.asOf.description)),
            ("summary", .object([
                ("open", .int(Int64(summary.open))),
                ("due_soon", .int(Int64(summary.dueSoon))),
                ("waived", .int(Int64(summary.waived))),
                ("by_severity", .object(Severity.allCases.map { ($0.rawValue, .int(Int64(summary.bySeverity[$0] ?? 0))) })),
            ])),
            ("findings", .array(result.findings.map { finding($0, language: language) })),
        ])
    }

    public static func finding(_ f: Finding, language: Language) -> JSON {
        var fields: [(String, JSON)] = [
            ("rule", .string(f.rule)),
            ("severity", .string(f.severity.rawValue)),
            ("status", .string(f.status.rawValue)),
            ("target", .object([("kind", .string(f.targetKind)), ("id", .string(f.targetID))])),
            ("message", .string(f.message.text(language))),
            ("location", .object([("file", .string(f.location.file)), ("line", .int(Int64(f.location.line))), ("column", .int(Int64(f.location.column)))])),
            ("citation", .object([
                ("document", .string(f.citation.document)),
                ("title", .string(f.citation.title)),
                ("article", .string(f.citation.article)),
                ("quote", .string(f.citation.quote)),
            ])),
            ("due", f.due.map { .string($0.description) } ?? .null),
            ("fingerprint", .string(f.fingerprint)),
            ("title", .object([("zh", .string(f.title.zh)), ("en", .string(f.title.en))])),
            ("messages", .object([("zh", .string(f.message.zh)), ("en", .string(f.message.en))])),
        ]
        if let unit = f.unit { fields.append(("unit", .string(unit))) }
        if let detail = f.detail { fields.append(("detail", .string(detail))) }
        if let w = f.waiver {
            fields.append(("waiver", .object([
                ("reason", .string(w.reason)), ("approved_by", .string(w.approvedBy)), ("approval", .string(w.approval)),
                ("expires", .string(w.expires.description)),
                ("location", .object([("file", .string(w.location.file)), ("line", .int(Int64(w.location.line))), ("column", .int(Int64(w.location.column)))])),
            ])))
        }
        return .object(fields)
    }
}
