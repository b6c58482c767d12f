import Diagnostics
import Policy

/// `check --format text`: findings grouped by severity with file:line, for a
/// person at a terminal (colour only when asked, i.e. on a terminal).
public enum TextReport {
    public static func render(_ result: CheckResult, language: Language, color: Bool) -> String {
        let zh = language == .zh
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let colors: [Severity: String] = [.high: "1;31", .medium: "33", .low: "36", .info: "2"]
        var out: [String] = []
        out.append(zh ? "\(result.inventoryName)（区划 \(result.region)，\(Vocabulary.value(result.level, .zh))）评估日期 \(result.asOf)"
                      : "\(result.inventoryName) (region \(result.region), \(result.level)) as of \(result.asOf)")
        let groups: [(String, [Finding])] = Severity.allCases.map { s in
            (paint(zh ? "\(s.label.zh)风险" : "\(s.label.en) severity", colors[s] ?? "0"), result.findings.filter { $0.status == .open && $0.severity == s })
        } + [
            (paint(zh ? "即将到期" : "due soon", "35"), result.findings.filter { $0.status == .dueSoon }),
            (paint(zh ? "已豁免" : "waived", "2"), result.findings.filter { $0.status == .waived }),
        ]
        for (label, findings) in groups where !findings.isEmpty {
            out.append("")
            out.append("\(label) (\(findings.count))")
            for f in findings {
                out.append("  \(f.location.description): \(paint(f.rule, "1")) \(f.target)")
                out.append("    \(f.message.text(language))")
                let cite = "\(f.citation.document) \(f.citation.article)"
                out.append(zh ? "    依据：\(cite)" : "    source: \(cite)")
                for line in AuditFacts.lines(f, asOf: result.asOf, language: language, remediation: false) {
                    out.append("    " + AuditFacts.join(line, language: language))
                }
                if f.status == .waived, let w = f.waiver {
                    out.append(zh ? "    豁免：\(w.reason)（\(w.approvedBy)，\(w.approval)，至 \(w.expires)）" : "    waived: \(w.reason) (\(w.approvedBy), \(w.approval), until \(w.expires))")
                }
            }
        }
        let s = result.summary
        let counts = Severity.allCases.map { zh ? "\($0.label.zh) \(s.bySeverity[$0] ?? 0)" : "\($0.rawValue) \(s.bySeverity[$0] ?? 0)" }
        out.append("")
        out.append(zh ? "合计：未整改 \(s.open)（\(counts.joined(separator: "，"))），已逾期 \(s.overdue)，即将到期 \(s.dueSoon)，已豁免 \(s.waived)；检查规则 \(result.rules.count) 条"
                      : "total: \(s.open) open (\(counts.joined(separator: ", "))), \(s.overdue) overdue, \(s.dueSoon) due soon, \(s.waived) waived; \(result.rules.count) rules checked")
        return out.joined(separator: "\n")
    }
}
