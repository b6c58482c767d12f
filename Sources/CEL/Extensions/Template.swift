// Message interpolation: "终端 {{self.id}} 装有远程软件". Every `{{expr}}` is parsed once;
// rendering never fails (errors are rendered visibly as `<error: …>`).

public struct Template: Sendable {
    enum Part: Sendable {
        case text(String)
        case expr(Program)
    }
    let parts: [Part]
    public let source: String

    /// Parses every `{{expr}}`; throws a `CELParseError` positioned in the template text.
    public init(_ source: String, options: CELOptions = CELOptions()) throws(CELParseError) {
        self.source = source
        let scalars = Array(source.unicodeScalars)
        var parts: [Part] = []
        var text = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" {
                var j = i + 2
                while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") { j += 1 }
                guard j + 1 < scalars.count else {
                    throw CELParseError(source: scalars, offset: i, message: "unclosed '{{' in message template")
                }
                if !text.isEmpty { parts.append(.text(String(text))); text = String.UnicodeScalarView() }
                let inner = String(String.UnicodeScalarView(scalars[(i + 2)..<j]))
                do {
                    parts.append(.expr(try Program(parsing: inner, options: options)))
                } catch {
                    throw CELParseError(source: scalars, offset: i + 2 + error.offset, message: error.message)
                }
                i = j + 2
            } else {
                text.append(scalars[i])
                i += 1
            }
        }
        if !text.isEmpty { parts.append(.text(String(text))) }
        self.parts = parts
    }

    /// The global variables the `{{expr}}` parts read (see `Program.variables`).
    public var variables: Set<String> {
        parts.reduce(into: []) { all, part in
            if case .expr(let program) = part { all.formUnion(program.variables) }
        }
    }

    /// Renders with values as their plain strings.
    public func render(_ activation: Activation) -> String {
        var cost = 0
        return render(activation, cost: &cost)
    }

    /// Most characters a rendered message holds (issue #19 item 3): `{{inv.units}}`
    /// would otherwise write the whole inventory into every finding. Longer text is cut
    /// with `…`.
    public static let maxRenderedLength = 2000

    /// Renders, adding the cost of its expressions to `cost` (see `Program.evaluate(_:cost:)`)
    /// and of the text it writes (one unit per 10 characters), at most `maxRenderedLength`
    /// characters: values are written only as far as the message has room.
    public func render(_ activation: Activation, cost: inout Int) -> String {
        var out = BoundedText(limit: Self.maxRenderedLength)
        for p in parts {
            guard !out.full else { break }
            switch p {
            case .text(let t): out.append(t)
            case .expr(let program): out.append(program.evaluate(activation, cost: &cost), plain: true)
            }
        }
        cost &+= out.count / 10 + 1
        return out.text + (out.full ? "…" : "")
    }
}

/// Text that stops growing at `limit` characters; values are written piece by piece,
/// so a huge list costs only what fits.
struct BoundedText {
    let limit: Int
    private(set) var text = ""
    private(set) var count = 0
    var full: Bool { count >= limit }

    init(limit: Int) { self.limit = limit }

    mutating func append(_ s: String) {
        guard !full else { return }
        for c in s {
            if count >= limit { return }
            text.append(c)
            count += 1
        }
    }

    /// `value.plainString` (or `literalString` inside lists and maps), written only as far as it fits.
    mutating func append(_ value: Value, plain: Bool) {
        guard !full else { return }
        switch value {
        case .list(let l):
            append("[")
            for (i, e) in l.enumerated() {
                if full { return }
                if i > 0 { append(", ") }
                append(e, plain: false)
            }
            append("]")
        case .map(let m):
            append("{")
            for (i, e) in m.entries.enumerated() {
                if full { return }
                if i > 0 { append(", ") }
                append(e.key, plain: false)
                append(": ")
                append(e.value, plain: false)
            }
            append("}")
        case .string(let s) where plain:
            append(s)
        case .string(let s):
            // Quoting walks the whole string: quote only what can show.
            append(s.count > limit ? String(s.prefix(limit - count + 1)).literalQuoted : s.literalQuoted)
        default:
            append(plain ? value.plainString : value.literalString)
        }
    }
}

extension String {
    fileprivate var literalQuoted: String { Value.string(self).literalString }
}
