import Diagnostics
import Policy

/// `check --format csv`: one row per finding for Excel and WPS. UTF-8 with a
/// byte-order mark (so Chinese opens intact), RFC 4180 quoting, CRLF line
/// ends, a header row in `--lang`.
public enum CSV {
    public static let header = Localized(
        zh: "规则,严重程度,状态,对象类型,对象编号,单位,问题,文件,行,列,依据文件,条款,期限,豁免理由,指纹,单位名称,规则名称,整改建议,责任人,首次发现,整改时限,是否逾期,整改通知",
        en: "rule,severity,status,target kind,target id,unit,message,file,line,column,document,article,due,waiver reason,fingerprint,unit name,rule title,remediation,owner,first seen,rectify by,overdue,rectification order")

    /// `base`: file paths from the repository root (`check --root`); nil: from the inventory.
    public static func render(_ result: CheckResult, language: Language, base: SARIF.ArtifactBase? = nil) -> String {
        var out = "\u{FEFF}"
        out += header.text(language).split(separator: ",").map { field(String($0)) }.joined(separator: ",") + "\r\n"
        for f in result.findings {
            let cells = [
                text(f.rule), text(f.severity.label.text(language)), text(status(f.status).text(language)),
                text(f.targetKind), text(f.targetID), text(f.unit ?? ""), text(f.message.text(language)),
                text(base?.path(of: f.location.file) ?? f.location.file), String(f.location.line), String(f.location.column),
                text(f.citation.document), text(f.citation.article), f.due?.description ?? "",
                text(f.waiver?.reason ?? ""), f.fingerprint,
                // DESIGN §9, appended so that scripts reading the first columns keep working.
                text(f.owner?.unitName ?? ""), text(f.title.text(language)), text(f.remediation?.text(language) ?? ""),
                text(f.rectification?.owner ?? f.owner?.opsLead ?? ""), f.firstSeen?.description ?? "", f.rectifyBy?.description ?? "",
                f.overdue ? (language == .zh ? "是" : "yes") : (language == .zh ? "否" : "no"), text(f.rectification?.order ?? ""),
            ]
            out += cells.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    public static func status(_ s: FindingStatus) -> Localized {
        switch s {
        case .open: return Localized(zh: "未整改", en: "open")
        case .waived: return Localized(zh: "已豁免", en: "waived")
        case .dueSoon: return Localized(zh: "即将到期", en: "due soon")
        }
    }

    /// A text value a spreadsheet must not run as a formula: one starting
    /// with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (OWASP's advice
    /// against CSV injection). Numbers, dates and fingerprints skip this.
    public static func text(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
        return "'" + s
    }

    /// RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled.
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for c in unicodeScalars {
            if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
