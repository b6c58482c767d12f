// `matches`: RE2 syntax over NSRegularExpression. Constructs RE2 does not support
// (backreferences, lookaround, atomic groups, possessive quantifiers, conditionals)
// are rejected so that a policy behaves the same as under cel-go.
import Foundation

final class RE2Regex: @unchecked Sendable {  // NSRegularExpression is immutable and thread-safe
    private let re: NSRegularExpression

    private init(_ re: NSRegularExpression) { self.re = re }

    static func compile(_ pattern: String) -> Result<RE2Regex, CELError> {
        let translated: String
        switch validate(pattern) {
        case .success(let t): translated = t
        case .failure(let e): return .failure(e)
        }
        do {
            // ICU rejects an empty pattern; RE2's empty pattern matches everywhere.
            let pattern = translated.isEmpty ? "(?:)" : translated
            return .success(RE2Regex(try NSRegularExpression(pattern: pattern, options: [])))
        } catch {
            return .failure(CELError("invalid regular expression '\(pattern)'"))
        }
    }

    /// Cost units charged per progress tick of the matcher (ICU reports progress every
    /// few thousand steps), so a backtracking pattern cannot outlast the cost budget.
    static let costPerTick = 1_000

    /// Searches for the pattern anywhere in `s` (RE2 `PartialMatch`). ICU backtracks, so
    /// the search is bounded: it gives up after `maxTicks` progress reports and then
    /// returns nil. `ticks` tells how much work was done.
    func matches(_ s: String, maxTicks: Int) -> (matched: Bool?, ticks: Int) {
        let ns = s as NSString
        var found = false, aborted = false, ticks = 0
        re.enumerateMatches(in: s, options: [.reportProgress], range: NSRange(location: 0, length: ns.length)) { m, _, stop in
            if m != nil {
                found = true
                stop.pointee = true
                return
            }
            ticks += 1
            if ticks > maxTicks {
                aborted = true
                stop.pointee = true
            }
        }
        return (aborted ? nil : found, ticks)
    }

    /// Rejects non-RE2 constructs and rewrites RE2-only spellings for ICU.
    static func validate(_ p: String) -> Result<String, CELError> {
        let s = Array(p.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inClass = false
        func fail(_ what: String) -> Result<String, CELError> {
            .failure(CELError("invalid regular expression '\(p)': \(what) is not supported (RE2 syntax)"))
        }
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { return .failure(CELError("invalid regular expression '\(p)': trailing backslash")) }
                let n = s[i + 1]
                if !inClass, n.value >= 49, n.value <= 57 { return fail("backreference \\\(n)") }
                if n == "k" || n == "g" { return fail("named backreference") }
                if n == "Z" { return fail("\\Z") }
                out.append(c); out.append(n)
                i += 2
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.append(c); i += 1
                continue
            }
            if c == "[" {
                inClass = true
                out.append(c); i += 1
                if i < s.count, s[i] == "^" { out.append(s[i]); i += 1 }
                if i < s.count, s[i] == "]" { out.append(s[i]); i += 1 }
                continue
            }
            if c == "(", i + 1 < s.count, s[i + 1] == "?" {
                let rest = String(String.UnicodeScalarView(s[(i + 2)...].prefix(3)))
                if rest.hasPrefix("=") || rest.hasPrefix("!") || rest.hasPrefix("<=") || rest.hasPrefix("<!") {
                    return fail("lookaround")
                }
                if rest.hasPrefix(">") { return fail("atomic group") }
                if rest.hasPrefix("(") { return fail("conditional") }
                if rest.hasPrefix("P<") {  // RE2 named group (?P<name>re) -> ICU (?<name>re)
                    out.append(contentsOf: "(?<".unicodeScalars)
                    i += 4
                    continue
                }
            }
            if (c == "*" || c == "+" || c == "?" || c == "}"), i + 1 < s.count, s[i + 1] == "+" {
                return fail("possessive quantifier")
            }
            if c == "{" {  // RE2 caps repetition counts at 1000
                var j = i + 1, n = 0
                while j < s.count, let d = Int(String(s[j])), d >= 0, d <= 9 {
                    n = min(n * 10 + d, 100_000); j += 1
                    if n > 1000 { return fail("repetition count above 1000") }
                    if j < s.count, s[j] == "," { j += 1; n = 0 }
                }
            }
            out.append(c); i += 1
        }
        return .success(String(out))
    }
}
