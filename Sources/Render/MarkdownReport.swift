import Diagnostics
import Inventory
import Policy

/// `check --format markdown`: a summary table and the findings grouped by
/// severity, small enough to post as a merge-request comment. Every value
/// from the inventory or a policy goes through `escape`, so a unit named
/// `<script>` or `*bold* | cell` stays text on GitHub, GitLab and Gitea.
public enum MarkdownReport {
    public static func render(_ result: CheckResult, language: Language) -> String {
        let zh = language == .zh
        let s = result.summary
        var out: [String] = []
        out.append(zh ? "## 云网检查：\(escape(result.inventoryName))" : "## yunwang check: \(escape(result.inventoryName))")
        out.append("")
        out.append(zh ? "区划 \(escape(result.region)) · \(escape(result.level)) · 评估日期 \(result.asOf) · 检查规则 \(result.rules.count) 条"
                      : "region \(escape(result.region)) · \(escape(result.level)) · as of \(result.asOf) · \(result.rules.count) rules checked")
        out.append("")
        out.append(row(zh ? ["严重程度", "未整改", "即将到期", "已豁免"] : ["severity", "open", "due soon", "waived"]))
        out.append("|---|---:|---:|---:|")
        func count(_ status: FindingStatus, _ severity: Severity) -> Int {
            result.findings.filter { $0.status == status && $0.severity == severity }.count
        }
        for severity in Severity.allCases {
            out.append(row([severity.label.text(language), "\(count(.open, severity))", "\(count(.dueSoon, severity))", "\(count(.waived, severity))"]))
        }
        out.append("| **\(zh ? "合计" : "total")** | **\(s.open)** | **\(s.dueSoon)** | **\(s.waived)** |")
        let groups: [(String, [Finding])] = Severity.allCases.map { severity in
            (zh ? "\(severity.label.zh)风险" : "\(severity.label.en.prefix(1).uppercased())\(severity.label.en.dropFirst()) severity",
             result.findings.filter { $0.status == .open && $0.severity == severity })
        } + [
            (zh ? "即将到期" : "Due soon", result.findings.filter { $0.status == .dueSoon }),
            (zh ? "已豁免" : "Waived", result.findings.filter { $0.status == .waived }),
        ]
        if result.findings.isEmpty {
            out.append("")
            out.append(zh ? "没有发现问题。" : "No findings.")
        }
        for (label, findings) in groups where !findings.isEmpty {
            out.append("")
            out.append(zh ? "### \(label)（\(findings.count)）" : "### \(label) (\(findings.count))")
            out.append("")
            for f in findings { out.append(contentsOf: item(f, asOf: result.asOf, language: language)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One finding: a list item whose lines end in `\` (a hard break), and the
    /// quote as a block quote inside the item. No value starts a line, so none
    /// can open a heading, list or code block.
    static func item(_ f: Finding, asOf: Day, language: Language) -> [String] {
        let zh = language == .zh
        var lines = ["**\(escape(f.location.file)):\(f.location.line)** · **\(escape(f.rule))** · \(escape(f.target))"]
        lines.append((zh ? "问题：" : "Finding: ") + escape(f.message.text(language)))
        let c = f.citation
        lines.append((zh ? "依据：" : "Source: ") + escape("\(c.document)《\(c.title)》\(c.article.isEmpty ? "" : " " + c.article)"))
        for line in AuditFacts.lines(f, asOf: asOf, language: language) {
            lines.append(line.label + (zh ? "：" : ": ") + escape(line.value))
        }
        if f.status == .waived, let w = f.waiver {
            lines.append(zh ? "豁免：\(escape(w.reason))（\(escape(w.approvedBy))，\(escape(w.approval))，至 \(w.expires)）"
                            : "Waived: \(escape(w.reason)) (\(escape(w.approvedBy)), \(escape(w.approval)), until \(w.expires))")
        }
        var out = lines.enumerated().map { i, line in (i == 0 ? "- " : "  ") + line + (i < lines.count - 1 ? "\\" : "") }
        if !c.quote.isEmpty { out.append("  > 「\(escape(c.quote))」") }
        return out
    }

    static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// Text for inline Markdown (and table cells): HTML specials become
    /// entities, Markdown punctuation is backslash-escaped, line breaks and
    /// control characters become spaces.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "@", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
