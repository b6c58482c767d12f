// A recursive-descent parser for the CEL grammar (langdef "Syntax"), with macro expansion
// and limits on nesting depth and expression size.

/// Parser limits. Deep nesting is a parse error, never a stack overflow.
public struct ParserOptions: Sendable {
    /// Maximum nesting of parenthesised / bracketed / call expressions and tree height.
    public var maxDepth: Int = 250
    /// Maximum expression length in Unicode scalars.
    public var maxLength: Int = 100_000
    public init() {}
}

public enum CELParser {
    /// Parses an expression into an AST.
    public static func parse(_ text: String, options: ParserOptions = ParserOptions()) throws(CELParseError) -> Expr {
        let src = Array(text.unicodeScalars)
        if src.count > options.maxLength {
            throw CELParseError(source: src, offset: 0,
                                message: "expression code point size exceeds limit: size: \(src.count), limit \(options.maxLength)")
        }
        var lexer = Lexer(src)
        let tokens: [Token]
        do {
            tokens = try lexer.tokenize()
        } catch {
            throw CELParseError(source: src, offset: error.offset, message: error.message)
        }
        var p = Parser(src: src, tokens: tokens, maxDepth: options.maxDepth)
        do throws(LexError) {
            let e = try p.parseExpr()
            if p.tok.kind != .eof { throw p.unexpected("end of input") }
            return e
        } catch {
            throw CELParseError(source: src, offset: error.offset, message: error.message)
        }
    }
}

struct Parser {
    let src: [Unicode.Scalar]
    let tokens: [Token]
    let maxDepth: Int
    var pos = 0
    var depth = 0

    init(src: [Unicode.Scalar], tokens: [Token], maxDepth: Int) {
        self.src = src
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    var tok: Token { tokens[pos] }

    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = tok.kind { return q == p }
        return false
    }

    func isIdent(_ name: String) -> Bool {
        if case .ident(let n) = tok.kind { return n == name }
        return false
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "<EOF>"
        case .ident(let n): return n
        case .punct(let p): return p
        default:
            var s = ""
            let end = t.offset < src.count ? min(src.count, t.offset + 20) : t.offset
            s.unicodeScalars.append(contentsOf: src[t.offset..<end])
            return s
        }
    }

    func unexpected(_ expecting: String) -> LexError {
        LexError(offset: tok.offset, message: "Syntax error: mismatched input '\(describe(tok))' expecting \(expecting)")
    }

    mutating func expect(_ p: String) throws(LexError) {
        guard isPunct(p) else { throw unexpected("'\(p)'") }
        advance()
    }

    func make(_ offset: Int, _ kind: ExprKind, _ children: [Expr]) throws(LexError) -> Expr {
        let h = (children.map(\.height).max() ?? 0) + 1
        if h > maxDepth {
            throw LexError(offset: offset, message: "Syntax error: expression nesting exceeds limit of \(maxDepth)")
        }
        return Expr(offset, kind, height: h)
    }

    func call(_ offset: Int, _ fn: String, _ args: [Expr]) throws(LexError) -> Expr {
        try make(offset, .call(target: nil, function: fn, args: args), args)
    }

    // Expr = ConditionalOr ["?" ConditionalOr ":" Expr]
    mutating func parseExpr() throws(LexError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > maxDepth {
            throw LexError(offset: tok.offset, message: "Syntax error: expression recursion exceeds limit of \(maxDepth)")
        }
        let cond = try parseLogical(or: true)
        guard isPunct("?") else { return cond }
        let off = tok.offset
        advance()
        let a = try parseLogical(or: true)
        try expect(":")
        let b = try parseExpr()
        return try call(off, "_?_:_", [cond, a, b])
    }

    /// `||` and `&&` chains, built as balanced trees so long chains stay shallow.
    mutating func parseLogical(or: Bool) throws(LexError) -> Expr {
        let op = or ? "||" : "&&"
        var terms = [or ? try parseLogical(or: false) : try parseRelation()]
        var offsets: [Int] = []
        while isPunct(op) {
            offsets.append(tok.offset)
            advance()
            terms.append(or ? try parseLogical(or: false) : try parseRelation())
        }
        if terms.count == 1 { return terms[0] }
        return try balance(terms[...], offsets[...], or ? "_||_" : "_&&_")
    }

    func balance(_ terms: ArraySlice<Expr>, _ offsets: ArraySlice<Int>, _ fn: String) throws(LexError) -> Expr {
        if terms.count == 1, let only = terms.first { return only }
        let mid = terms.startIndex + terms.count / 2
        let l = try balance(terms[terms.startIndex..<mid], offsets[offsets.startIndex..<(offsets.startIndex + terms.count / 2 - 1)], fn)
        let r = try balance(terms[mid...], offsets[(offsets.startIndex + terms.count / 2)...], fn)
        return try call(offsets[offsets.startIndex + terms.count / 2 - 1], fn, [l, r])
    }

    mutating func parseRelation() throws(LexError) -> Expr {
        var lhs = try parseAddition()
        while true {
            let off = tok.offset
            let fn: String
            switch tok.kind {
            case .punct("<"): fn = "_<_"
            case .punct("<="): fn = "_<=_"
            case .punct(">"): fn = "_>_"
            case .punct(">="): fn = "_>=_"
            case .punct("=="): fn = "_==_"
            case .punct("!="): fn = "_!=_"
            case .ident("in"): fn = "@in"
            default: return lhs
            }
            advance()
            let rhs = try parseAddition()
            lhs = try call(off, fn, [lhs, rhs])
        }
    }

    mutating func parseAddition() throws(LexError) -> Expr {
        var lhs = try parseMultiplication()
        while isPunct("+") || isPunct("-") {
            let fn = isPunct("+") ? "_+_" : "_-_"
            let off = tok.offset
            advance()
            let rhs = try parseMultiplication()
            lhs = try call(off, fn, [lhs, rhs])
        }
        return lhs
    }

    mutating func parseMultiplication() throws(LexError) -> Expr {
        var lhs = try parseUnary()
        while isPunct("*") || isPunct("/") || isPunct("%") {
            let fn = isPunct("*") ? "_*_" : (isPunct("/") ? "_/_" : "_%_")
            let off = tok.offset
            advance()
            let rhs = try parseUnary()
            lhs = try call(off, fn, [lhs, rhs])
        }
        return lhs
    }

    mutating func parseUnary() throws(LexError) -> Expr {
        if isPunct("!") {
            var offs: [Int] = []
            while isPunct("!") { offs.append(tok.offset); advance() }
            var e = try parseMember()
            for off in offs.reversed() { e = try call(off, "!_", [e]) }
            return e
        }
        if isPunct("-") {
            var offs: [Int] = []
            while isPunct("-") { offs.append(tok.offset); advance() }
            var e: Expr
            // Fold one minus into a directly following int or double literal.
            if case .int(let mag) = tok.kind, let off = offs.popLast() {
                let v: Int64
                if mag == UInt64(Int64.max) + 1 { v = Int64.min } else if mag <= UInt64(Int64.max) { v = -Int64(mag) } else {
                    throw LexError(offset: tok.offset, message: "Syntax error: invalid int literal")
                }
                advance()
                e = try parseMemberSuffix(try make(off, .literal(.int(v)), []))
            } else if case .double(let d) = tok.kind, let off = offs.popLast() {
                advance()
                e = try parseMemberSuffix(try make(off, .literal(.double(-d)), []))
            } else {
                e = try parseMember()
            }
            for off in offs.reversed() { e = try call(off, "-_", [e]) }
            return e
        }
        return try parseMember()
    }

    mutating func parseMember() throws(LexError) -> Expr {
        try parseMemberSuffix(try parsePrimary())
    }

    mutating func parseMemberSuffix(_ base: Expr) throws(LexError) -> Expr {
        var e = base
        while true {
            if isPunct(".") {
                advance()
                if isPunct("?") {
                    // `a.?field`: an optional selection.
                    advance()
                    let off = tok.offset
                    let field: String
                    switch tok.kind {
                    case .ident(let n), .quotedIdent(let n): field = n
                    default: throw unexpected("IDENTIFIER")
                    }
                    advance()
                    let name = try make(off, .literal(.string(field)), [])
                    e = try call(off, "_?._", [e, name])
                    continue
                }
                if case .quotedIdent(let name) = tok.kind {
                    let off = tok.offset
                    advance()
                    e = try make(off, .select(operand: e, field: name), [e])
                    continue
                }
                guard case .ident(let name) = tok.kind else { throw unexpected("IDENTIFIER") }
                let off = tok.offset
                advance()
                if isPunct("(") {
                    advance()
                    let args = try parseExprList(close: ")")
                    e = try makeCall(off, target: e, name, args)
                } else {
                    e = try make(off, .select(operand: e, field: name), [e])
                }
            } else if isPunct("[") {
                let off = tok.offset
                advance()
                var optional = false
                if isPunct("?") { optional = true; advance() }
                let idx = try parseExpr()
                try expect("]")
                e = try call(off, optional ? "_[?_]" : "_[_]", [e, idx])
            } else if isPunct("{"), let typeName = qualifiedName(e) {
                let off = tok.offset
                advance()
                var fields: [FieldInit] = []
                while !isPunct("}") {
                    guard case .ident(let f) = tok.kind else { throw unexpected("field name") }
                    advance()
                    try expect(":")
                    fields.append(FieldInit(field: f, value: try parseExpr()))
                    if isPunct(",") { advance() } else { break }
                }
                try expect("}")
                e = try make(off, .message(typeName: typeName, fields: fields), fields.map(\.value))
            } else {
                return e
            }
        }
    }

    func qualifiedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let n, let dot): return dot ? "." + n : n
        case .select(let op, let f): return qualifiedName(op).map { $0 + "." + f }
        default: return nil
        }
    }

    mutating func parseExprList(close: String) throws(LexError) -> [Expr] {
        var out: [Expr] = []
        while !isPunct(close) {
            out.append(try parseExpr())
            if isPunct(",") { advance() } else { break }
        }
        try expect(close)
        return out
    }

    mutating func parsePrimary() throws(LexError) -> Expr {
        let t = tok
        switch t.kind {
        case .int(let mag):
            advance()
            guard mag <= UInt64(Int64.max) else { throw LexError(offset: t.offset, message: "Syntax error: invalid int literal") }
            return try make(t.offset, .literal(.int(Int64(mag))), [])
        case .uint(let v): advance(); return try make(t.offset, .literal(.uint(v)), [])
        case .double(let d): advance(); return try make(t.offset, .literal(.double(d)), [])
        case .string(let s): advance(); return try make(t.offset, .literal(.string(s)), [])
        case .bytes(let b): advance(); return try make(t.offset, .literal(.bytes(b)), [])
        case .punct("("):
            advance()
            let e = try parseExpr()
            try expect(")")
            return e
        case .punct("["):
            advance()
            var items: [Expr] = []
            while !isPunct("]") {
                if isPunct("?") {
                    let off = tok.offset
                    advance()
                    items.append(try call(off, "@optelem", [try parseExpr()]))
                } else {
                    items.append(try parseExpr())
                }
                if isPunct(",") { advance() } else { break }
            }
            try expect("]")
            return try make(t.offset, .list(items), items)
        case .punct("{"):
            advance()
            var entries: [MapEntry] = []
            var kids: [Expr] = []
            while !isPunct("}") {
                var optional = false
                if isPunct("?") { optional = true; advance() }
                let k = try parseExpr()
                try expect(":")
                let v = try parseExpr()
                entries.append(MapEntry(key: k, value: v, optional: optional))
                kids.append(k); kids.append(v)
                if isPunct(",") { advance() } else { break }
            }
            try expect("}")
            return try make(t.offset, .map(entries), kids)
        case .punct("."):
            advance()
            guard case .ident(let name) = tok.kind else { throw unexpected("IDENTIFIER") }
            return try identOrCall(name, leadingDot: true)
        case .ident(let name):
            return try identOrCall(name, leadingDot: false)
        default:
            throw unexpected("an expression")
        }
    }

    mutating func identOrCall(_ name: String, leadingDot: Bool) throws(LexError) -> Expr {
        let off = tok.offset
        if Lexer.reserved.contains(name) || name == "in" {
            throw LexError(offset: off, message: "Syntax error: reserved identifier: \(name)")
        }
        advance()
        if !leadingDot {
            switch name {
            case "true": return try make(off, .literal(.bool(true)), [])
            case "false": return try make(off, .literal(.bool(false)), [])
            case "null": return try make(off, .literal(.null), [])
            default: break
            }
        }
        if isPunct("(") {
            advance()
            let args = try parseExprList(close: ")")
            return try makeCall(off, target: nil, leadingDot ? "." + name : name, args)
        }
        return try make(off, .ident(name, leadingDot: leadingDot), [])
    }

    /// Builds a call, expanding macros.
    func makeCall(_ off: Int, target: Expr?, _ name: String, _ args: [Expr]) throws(LexError) -> Expr {
        if target == nil, name == "has", args.count == 1 {
            guard case .select(let operand, let field) = args[0].kind else {
                throw LexError(offset: off, message: "Syntax error: invalid argument to has() macro")
            }
            return try make(off, .presence(operand: operand, field: field), [operand])
        }
        if let t = target, case .ident("cel", false) = t.kind, name == "bind", args.count == 3 {
            guard case .ident(let v, false) = args[0].kind else {
                throw LexError(offset: args[0].offset, message: "Syntax error: cel.bind() variable name must be a simple identifier")
            }
            let c = Comprehension(kind: .bind, iterVar: v, range: args[1], predicate: nil, transform: args[2])
            return try make(off, .comprehension(c), args)
        }
        if let range = target, name == "optMap" || name == "optFlatMap", args.count == 2 {
            guard case .ident(let v, false) = args[0].kind else {
                throw LexError(offset: args[0].offset, message: "Syntax error: \(name)() variable name must be a simple identifier")
            }
            let c = Comprehension(kind: name == "optMap" ? .optMap : .optFlatMap, iterVar: v, range: range, predicate: nil, transform: args[1])
            return try make(off, .comprehension(c), [range] + args)
        }
        if let range = target, let c = try twoVariable(name, range, args) {
            return try make(off, .comprehension(c), [range] + args)
        }
        if let range = target, let kind = MacroKind(rawValue: name == "existsOne" ? "exists_one" : name),
           [.all, .exists, .existsOne, .map, .filter].contains(kind),
           args.count == 2 || (kind == .map && args.count == 3) {
            guard case .ident(let v, false) = args[0].kind else {
                throw LexError(offset: args[0].offset, message: "Syntax error: argument must be a simple name")
            }
            let c: Comprehension
            switch (kind, args.count) {
            case (.map, 2): c = Comprehension(kind: .map, iterVar: v, range: range, predicate: nil, transform: args[1])
            case (.map, _): c = Comprehension(kind: .map, iterVar: v, range: range, predicate: args[1], transform: args[2])
            default: c = Comprehension(kind: kind, iterVar: v, range: range, predicate: args[1], transform: nil)
            }
            return try make(off, .comprehension(c), [range] + args)
        }
        var kids = args
        if let target { kids.append(target) }
        return try make(off, .call(target: target, function: name, args: args), kids)
    }

    /// `range.all(i, v, p)`, `exists`, `existsOne`, `transformList(i, v, [filter,] t)`,
    /// `transformMap(k, v, [filter,] t)`, `transformMapEntry(k, v, [filter,] t)`; nil otherwise.
    func twoVariable(_ name: String, _ range: Expr, _ args: [Expr]) throws(LexError) -> Comprehension? {
        let kind: MacroKind
        switch (name, args.count) {
        case ("all", 3): kind = .all
        case ("exists", 3): kind = .exists
        case ("existsOne", 3), ("exists_one", 3): kind = .existsOne
        case ("transformList", 3), ("transformList", 4): kind = .transformList
        case ("transformMap", 3), ("transformMap", 4): kind = .transformMap
        case ("transformMapEntry", 3), ("transformMapEntry", 4): kind = .transformMapEntry
        default: return nil
        }
        guard case .ident(let a, false) = args[0].kind, case .ident(let b, false) = args[1].kind else {
            throw LexError(offset: args[0].offset, message: "Syntax error: argument must be a simple name")
        }
        if a == b {
            throw LexError(offset: args[1].offset, message: "Syntax error: duplicate variable name: \(a)")
        }
        var c: Comprehension
        switch (kind, args.count) {
        case (.all, _), (.exists, _), (.existsOne, _):
            c = Comprehension(kind: kind, iterVar: a, range: range, predicate: args[2], transform: nil)
        case (_, 3):
            c = Comprehension(kind: kind, iterVar: a, range: range, predicate: nil, transform: args[2])
        default:
            c = Comprehension(kind: kind, iterVar: a, range: range, predicate: args[2], transform: args[3])
        }
        c.iterVar2 = b
        return c
    }
}
