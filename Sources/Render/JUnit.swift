import Diagnostics
import Policy

/// `check --format junit`: JUnit XML in the strict Ant schema (DESIGN §5),
/// which Jenkins, GitLab and most CI systems show as test results. One
/// testsuite per rule, one testcase per (rule, target) checked; an open
/// finding is a `<failure>`, a waived or due-soon one passes with a note in
/// the suite's `<system-out>` (the schema gives testcases none of their own).
/// Times are 0 and the timestamp is the as-of date, so output is stable.
public enum JUnit {
    public static func render(_ result: CheckResult, language: Language) -> String {
        let zh = language == .zh
        // Findings by (rule, target); the same target may be found twice (events at one instant).
        var findings: [String: [Finding]] = [:]
        for f in result.findings { findings[key(f.rule, f.targetKind, f.targetID), default: []].append(f) }

        struct Case {
            var kind: String
            var id: String
            var finding: Finding?
        }
        struct Suite {
            var id: String
            var severity: Severity
            var title: Localized
            var citation: Citation?
            var cases: [Case] = []
        }
        var suites: [String: Suite] = [:]
        for rule in result.rules where suites[rule.id] == nil {
            suites[rule.id] = Suite(id: rule.id, severity: rule.severity, title: rule.title, citation: rule.citation)
        }
        var taken: [String: Int] = [:]
        for c in result.checked {
            guard suites[c.rule] != nil else { continue }
            var finding: Finding?
            if !c.passed {
                let k = key(c.rule, c.targetKind, c.targetID)
                let n = taken[k, default: 0]
                if let list = findings[k], n < list.count { finding = list[n] }
                taken[k] = n + 1
            }
            suites[c.rule]?.cases.append(Case(kind: c.targetKind, id: c.targetID, finding: finding))
        }
        // The checker's own rules (plan deadlines, waivers) are checked only
        // where they find something: one testcase per finding.
        let ruleIDs = Set(result.rules.map(\.id))
        for f in result.findings where !ruleIDs.contains(f.rule) {
            // Their citations differ by finding (one per plan task): each failure carries its own.
            var suite = suites[f.rule] ?? Suite(id: f.rule, severity: f.severity, title: f.title, citation: nil)
            suite.severity = max(suite.severity, f.severity)
            suite.cases.append(Case(kind: f.targetKind, id: f.targetID, finding: f))
            suites[f.rule] = suite
        }
        // Sorted as findings are: severity (high first), rule id; targets by kind, id.
        let ordered = suites.values.sorted { a, b in
            a.severity != b.severity ? a.severity > b.severity : a.id.unicodeScalars.lexicographicallyPrecedes(b.id.unicodeScalars)
        }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (n, suite) in ordered.enumerated() {
            let cases = suite.cases.enumerated().sorted { x, y in
                let (a, b) = (x.element, y.element)
                if a.kind != b.kind { return a.kind.unicodeScalars.lexicographicallyPrecedes(b.kind.unicodeScalars) }
                if a.id != b.id { return a.id.unicodeScalars.lexicographicallyPrecedes(b.id.unicodeScalars) }
                return x.offset < y.offset
            }.map(\.element)
            let failures = cases.filter { $0.finding?.status == .open }.count
            out += "  <testsuite name=\(attr(suite.id)) package=\(attr("yunwang")) id=\"\(n)\" timestamp=\"\(result.asOf)T00:00:00\""
            out += " hostname=\"yunwang\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            out += "    <properties>\n"
            var props: [(String, String)] = [
                ("severity", suite.severity.rawValue),
                ("title", suite.title.text(language)),
                ("inventory", result.inventoryName),
                ("region", result.region),
                ("as_of", result.asOf.description),
            ]
            if let c = suite.citation {
                props.append(("citation", "\(c.document)《\(c.title)》 \(c.article)"))
                props.append(("quote", c.quote))
            }
            for (name, value) in props { out += "      <property name=\(attr(name)) value=\(attr(value))/>\n" }
            out += "    </properties>\n"
            var notes: [String] = []
            for c in cases {
                let name = attr("\(c.kind)/\(c.id)")
                guard let f = c.finding, f.status == .open else {
                    out += "    <testcase name=\(name) classname=\(attr(suite.id)) time=\"0\"/>\n"
                    if let f = c.finding { notes.append(note(f, language: language)) }
                    continue
                }
                out += "    <testcase name=\(name) classname=\(attr(suite.id)) time=\"0\">\n"
                out += "      <failure message=\(attr(f.message.text(language))) type=\(attr(f.severity.rawValue))>"
                var body = ["\(f.location.description): \(f.message.text(language))"]
                let cite = f.citation
                body.append((zh ? "依据：" : "source: ") + "\(cite.document)《\(cite.title)》 \(cite.article)")
                if !cite.quote.isEmpty { body.append("「\(cite.quote)」") }
                body += AuditFacts.lines(f, asOf: result.asOf, language: language).map { AuditFacts.join($0, language: language) }
                body.append((zh ? "指纹：" : "fingerprint: ") + f.fingerprint)
                out += text(body.joined(separator: "\n")) + "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "    <system-out>" + text(notes.joined(separator: "\n")) + "</system-out>\n"
            out += "    <system-err></system-err>\n"
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// The line a passed-but-noted testcase gets in `<system-out>`.
    static func note(_ f: Finding, language: Language) -> String {
        let zh = language == .zh
        let place = "\(f.target) (\(f.location.description))"
        switch f.status {
        case .waived:
            let w = f.waiver
            return zh ? "\(place) 已豁免：\(w?.reason ?? "")（\(w?.approvedBy ?? "")，\(w?.approval ?? "")，至 \(w.map { "\($0.expires)" } ?? "")）"
                      : "\(place) waived: \(w?.reason ?? "") (\(w?.approvedBy ?? ""), \(w?.approval ?? ""), until \(w.map { "\($0.expires)" } ?? ""))"
        case .dueSoon:
            return zh ? "\(place) 即将到期：\(f.message.zh)" : "\(place) due soon: \(f.message.en)"
        case .open:
            return "\(place): \(f.message.text(language))"
        }
    }

    static func key(_ rule: String, _ kind: String, _ id: String) -> String { "\(rule)\n\(kind)\n\(id)" }

    /// An attribute value in double quotes: markup characters and the
    /// whitespace an XML parser would normalise become character references.
    static func attr(_ s: String) -> String {
        "\"" + escape(s, attribute: true) + "\""
    }

    static func text(_ s: String) -> String { escape(s, attribute: false) }

    /// XML 1.0 escaping; characters XML cannot carry at all (most C0
    /// controls, U+FFFE, U+FFFF) become U+FFFD.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\r": out += "&#13;"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\t": out += attribute ? "&#9;" : "\t"
            default:
                if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}
