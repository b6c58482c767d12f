import Diagnostics
import Inventory
import Policy

/// The audit-cycle facts of a finding (DESIGN §9) as labelled lines, in the
/// run's language: what every human-readable format shows after the message.
/// Each renderer escapes the values for its own medium.
enum AuditFacts {
    struct Line {
        var label: String
        var value: String
    }

    /// Owner, deadline (with the overdue marker), first seen (when earlier than this
    /// run's as-of), the order, the remediation.
    static func lines(_ f: Finding, asOf: Day, language: Language, remediation: Bool = true) -> [Line] {
        let zh = language == .zh
        var out: [Line] = []
        if let owner = f.owner {
            let lead = owner.opsLead.map { zh ? "（运维负责人 \($0)）" : " (ops lead \($0))" } ?? ""
            out.append(Line(label: zh ? "责任单位" : "Owner", value: owner.unitName + lead))
        }
        if let by = f.rectifyBy ?? f.due {
            out.append(Line(label: zh ? "整改时限" : "Rectify by", value: by.description + overdueMarker(f, language: language)))
        }
        if let seen = f.firstSeen, seen < asOf, f.status != .waived {
            out.append(Line(label: zh ? "首次发现" : "First seen", value: seen.description))
        }
        if let r = f.rectification {
            let closed = r.closed.map { zh ? "，报告已于 \($0) 整改" : ", reported fixed on \($0)" } ?? ""
            let owner = r.owner.map { zh ? "，责任人 \($0)" : ", owner \($0)" } ?? ""
            out.append(Line(label: zh ? "整改通知" : "Order",
                            value: zh ? "\(r.order)（\(r.issued) 下发\(owner)\(closed)）" : "\(r.order) (issued \(r.issued)\(owner)\(closed))"))
        }
        if remediation, f.status != .waived, let r = f.remediation {
            out.append(Line(label: zh ? "整改建议" : "Remediation", value: r.text(language)))
        }
        return out
    }

    static func overdueMarker(_ f: Finding, language: Language) -> String {
        guard f.overdue else { return "" }
        return language == .zh ? "（已逾期）" : " (overdue)"
    }

    /// `label：value` in Chinese, `label: value` in English.
    static func join(_ line: Line, language: Language) -> String {
        line.label + (language == .zh ? "：" : ": ") + line.value
    }
}
