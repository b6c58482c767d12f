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

    /// Renders, adding the cost of its expressions to `cost` (see `Program.evaluate(_:cost:)`).
    public func render(_ activation: Activation, cost: inout Int) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .text(let t): out += t
            case .expr(let program): out += program.evaluate(activation, cost: &cost).plainString
            }
        }
        return out
    }
}
