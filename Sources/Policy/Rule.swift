import CEL
import Diagnostics
import Inventory
import YAML

public enum Severity: String, Sendable, CaseIterable, Comparable {
    case high, medium, low, info

    /// high is the most severe.
    public var rank: Int {
        switch self {
        case .high: return 3
        case .medium: return 2
        case .low: return 1
        case .info: return 0
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    public var label: Localized {
        switch self {
        case .high: return Localized(zh: "高", en: "high")
        case .medium: return Localized(zh: "中", en: "medium")
        case .low: return Localized(zh: "低", en: "low")
        case .info: return Localized(zh: "提示", en: "info")
        }
    }
}

/// Where a rule comes from: document, title, article and a verbatim quote.
public struct Citation: Sendable, Hashable {
    public var document: String
    public var title: String
    public var article: String
    public var quote: String
    /// `national-law` for quotes of national law outside the seed documents.
    public var quoteSource: String?

    public init(document: String, title: String, article: String, quote: String, quoteSource: String? = nil) {
        self.document = document
        self.title = title
        self.article = article
        self.quote = quote
        self.quoteSource = quoteSource
    }
}

/// One policy example: an object (and optionally parts of the inventory)
/// with the expected outcome. `yunwang policy test` runs them all.
public struct RuleExample: Sendable {
    public var expectPass: Bool
    public var node: Node
    public var location: SourceLocation
    /// `message:` — the zh message a failing example must render (with its `detail`).
    public var expectedMessage: String? = nil
}

/// A rule: one policy file (DESIGN §3), parsed and compiled once.
public struct Rule: Sendable {
    public var id: String
    public var title: Localized
    public var severity: Severity
    public var appliesTo: Kind
    /// GB/T 2260 codes; empty = everywhere.
    public var regions: [String]
    public var when: Program?
    public var assert: Program
    public var whenSource: String?
    public var assertSource: String
    /// Default parameters, as CEL values, in file order.
    public var params: [(String, Value)]
    public var message: (zh: Template, en: Template)
    public var remediation: Localized?
    public var citation: Citation
    public var examples: [RuleExample]
    /// A dotted field path to point findings at, when the rule names one.
    public var locate: String?
    /// `detail:` — evaluated for failing objects only: what exactly is wrong (the IP and its
    /// alert count, the software found). Bound as `detail` in the message templates.
    public var detail: Program? = nil
    public var detailSource: String? = nil
    /// `locate_at:` — evaluated for failing objects only: `KIND/ID` of the object to point
    /// the finding at (the second terminal sharing an address), the target staying the same.
    public var locateAt: Program? = nil
    /// `effective: {from, until, after}`: the period the rule's source text sets.
    public var effective: Effective? = nil
    /// The pack (folder) and file the rule came from.
    public var pack: String
    public var file: String
    public var location: SourceLocation

    /// Region prefixes: trailing "00" pairs of a code are wildcards (150000 → 15).
    public var regionPrefixes: [String] { regions.map(Rule.prefix) }

    public static func prefix(_ code: String) -> String {
        var s = Substring(code).utf8
        while s.count > 2, s.last == 0x30, s.dropLast().last == 0x30 { s = s.dropLast(2) }
        return String(Substring(s))
    }

    /// Whether the rule applies to an object in `region` (a check for one
    /// object; `Checker` computes the prefixes once per rule).
    public func applies(toRegion region: String) -> Bool {
        regions.isEmpty || regionPrefixes.contains { region.utf8.starts(with: $0.utf8) }
    }

    public var paramsValue: Value {
        .map(params.map { (Value.string($0.0), $0.1) })
    }
}
