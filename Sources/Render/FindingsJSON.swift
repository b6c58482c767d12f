import Diagnostics
import Inventory
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
                ("overdue", .int(Int64(summary.overdue))),
                ("by_severity", .object(Severity.allCases.map { ($0.rawValue, .int(Int64(summary.bySeverity[$0] ?? 0))) })),
            ] + (result.newCount.map { [("new", JSON.int(Int64($0)))] } ?? []))),
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
        fields += auditCycle(f, language: language)
        if let mark = f.baseline { fields.append(("baseline", .string(mark.rawValue))) }
        if let w = f.waiver {
            fields.append(("waiver", .object([
                ("reason", .string(w.reason)), ("approved_by", .string(w.approvedBy)), ("approval", .string(w.approval)),
                ("expires", .string(w.expires.description)),
                ("location", .object([("file", .string(w.location.file)), ("line", .int(Int64(w.location.line))), ("column", .int(Int64(w.location.column)))])),
            ])))
        }
        return .object(fields)
    }

    /// DESIGN §9: remediation, owner, first_seen, rectify_by, overdue, rectification.
    static func auditCycle(_ f: Finding, language: Language) -> [(String, JSON)] {
        func day(_ d: Day?) -> JSON { d.map { .string($0.description) } ?? .null }
        var out: [(String, JSON)] = [
            ("remediation", f.remediation.map { .string($0.text(language)) } ?? .null),
            ("owner", f.owner.map { o in
                .object([("unit", .string(o.unit)), ("unit_name", .string(o.unitName)), ("ops_lead", o.opsLead.map { .string($0) } ?? .null)])
            } ?? .null),
            ("first_seen", day(f.firstSeen)),
            ("rectify_by", day(f.rectifyBy)),
            ("overdue", .bool(f.overdue)),
        ]
        if let r = f.rectification {
            out.append(("rectification", .object([
                ("order", .string(r.order)), ("issued", .string(r.issued.description)), ("due", .string(r.due.description)),
                ("closed", day(r.closed)), ("owner", r.owner.map { .string($0) } ?? .null),
                ("location", .object([("file", .string(r.location.file)), ("line", .int(Int64(r.location.line))), ("column", .int(Int64(r.location.column)))])),
            ])))
        }
        return out
    }
}
