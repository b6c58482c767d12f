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

    /// `file:line:column: 错误: message` (or `error:` in English).
    public func rendered(_ language: Language) -> String {
        let label = language == .zh ? "错误" : "error"
        let prefix = location.map { "\($0.description): " } ?? ""
        return "\(prefix)\(label): \(message.text(language))"
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
        let sorted = Array(Set(diagnostics)).sorted()
        self.diagnostics = Array(sorted.prefix(cap))
        self.omitted = max(0, sorted.count - cap)
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
        if word.count >= 3, let extended = candidates.first(where: { $0.hasPrefix(word) || word.hasPrefix($0) && $0.count >= 3 }) {
            return extended
        }
        var best: (String, Int)?
        let limit = max(1, min(3, word.count / 3 + 1))
        for candidate in candidates {
            let d = editDistance(word, candidate)
            if d <= limit, best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
