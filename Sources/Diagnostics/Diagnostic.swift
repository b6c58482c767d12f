/// The language a person reads messages in. Chinese first; English on request.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A text in Chinese and English. Every message a user sees carries both.
public struct Localized: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}

/// A place in a source file; line and column are 1-based, columns count characters.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file.utf8.lexicographicallyPrecedes(b.file.utf8) && a.file != b.file)
            || (a.file == b.file && (a.line, a.column) < (b.line, b.column))
    }

    /// `file:line:column`, the form editors and CI logs link on.
    public var description: String { "\(file):\(line):\(column)" }
}

/// An error as a value: where it is, what is wrong, in both languages, and the
/// pipeline step that found it ("load", "validate", …).
public struct Diagnostic: Error, Sendable, Hashable, Comparable {
    public var location: SourceLocation?
    public var message: Localized
    public var step: String?

    public init(_ message: Localized, at location: SourceLocation? = nil, step: String? = nil) {
        self.location = location
        self.message = message
        self.step = step
    }

    public init(zh: String, en: String, at location: SourceLocation? = nil, step: String? = nil) {
        self.init(Localized(zh: zh, en: en), at: location, step: step)
    }

    /// `file:line:column: 错误: message` (or `error:` in English), control
    /// characters escaped (`Printable`): an error is read on a terminal or in a CI log.
    public func rendered(_ language: Language) -> String {
        let label = language == .zh ? "错误" : "error"
        let prefix = location.map { "\($0.description): " } ?? ""
        return Printable.escape("\(prefix)\(label): \(message.text(language))")
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return a.message.en.utf8.lexicographicallyPrecedes(b.message.en.utf8)
        }
    }
}

/// Several diagnostics from one run, sorted by file and line, capped so a
/// badly broken input does not flood the terminal.
public struct DiagnosticList: Error, Sendable {
    public static let defaultCap = 200

    public private(set) var diagnostics: [Diagnostic]
    /// How many more there were beyond the cap.
    public private(set) var omitted: Int

    public init(_ diagnostics: [Diagnostic], cap: Int = DiagnosticList.defaultCap) {
        let unique = Array(Set(diagnostics))
        self.omitted = max(0, unique.count - cap)
        guard unique.count > cap, cap > 0 else {
            self.diagnostics = unique.sorted()
            return
        }
        // Only the first `cap` are kept: select them in one pass (most problems of a badly
        // broken file lose a single comparison) instead of sorting hundreds of thousands.
        var kept: [Diagnostic] = []
        kept.reserveCapacity(cap + 1)
        for d in unique {
            if kept.count == cap, let last = kept.last, !(d < last) { continue }
            var lo = 0, hi = kept.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if kept[mid] < d { lo = mid + 1 } else { hi = mid }
            }
            kept.insert(d, at: lo)
            if kept.count > cap { kept.removeLast() }
        }
        self.diagnostics = kept
    }

    public var isEmpty: Bool { diagnostics.isEmpty }

    public func rendered(_ language: Language) -> String {
        var lines = diagnostics.map { $0.rendered(language) }
        if omitted > 0 {
            lines.append(language == .zh ? "……另有 \(omitted) 个错误未列出" : "… and \(omitted) more errors")
        }
        return lines.joined(separator: "\n")
    }
}

extension Diagnostic {
    /// Levenshtein-based "did you mean" among candidates (nil when nothing is close).
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        // Hints are for typos in names: a very long word (a hostile one, say) gets none, and
        // each candidate costs at most a band of the distance table, so a hint stays cheap
        // even when a broken file asks for hundreds of thousands of them.
        let w = Array(word.unicodeScalars)
        guard w.count <= maxSuggestionLength else { return nil }
        if word.count >= 3, let extended = candidates.first(where: { $0.hasPrefix(word) || word.hasPrefix($0) && $0.count >= 3 }) {
            return extended
        }
        var best: (String, Int)?
        let limit = max(1, min(3, word.count / 3 + 1))
        var previous = [Int](repeating: 0, count: w.count + 1)
        var current = previous
        for candidate in candidates {
            // The distance is at least the difference in length.
            let c = candidate.unicodeScalars
            guard abs(c.count - w.count) <= limit else { continue }
            // Only a closer candidate than the best so far can replace it (ties keep the first).
            let bound = best.map { $0.1 - 1 } ?? limit
            if bound < 0 { break }
            let d = boundedDistance(w, c, limit: bound, &previous, &current)
            if d <= bound { best = (candidate, d) }
        }
        return best?.0
    }

    /// Longest word (in Unicode scalars) that gets a "did you mean" hint.
    static let maxSuggestionLength = 200

    /// Edit distance of `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
    /// `previous` and `current` are scratch rows of at least `a.count + 1` entries.
    static func boundedDistance(_ a: [Unicode.Scalar], _ b: String.UnicodeScalarView, limit: Int,
                                _ previous: inout [Int], _ current: inout [Int]) -> Int {
        if a.isEmpty { return min(b.count, limit + 1) }
        for i in 0...a.count { previous[i] = i }
        var j = 0
        for y in b {
            j += 1
            current[0] = j
            var rowMin = j
            for i in 1...a.count {
                let cost = a[i - 1] == y ? 0 : 1
                let v = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + cost)
                current[i] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return min(previous[a.count], limit + 1)
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        var previous = [Int](repeating: 0, count: x.count + 1), current = previous
        return boundedDistance(x, b.unicodeScalars, limit: Int.max - 1, &previous, &current)
    }
}
