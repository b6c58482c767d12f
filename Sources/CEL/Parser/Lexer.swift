// The CEL lexer: identifiers, numbers, strings and bytes with every escape, operators.

enum TokenKind: Equatable {
    case ident(String)
    case int(UInt64)         // magnitude; the parser applies a folded minus
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case punct(String)
    /// A backquoted field name: `` `content-type` ``.
    case quotedIdent(String)
    case eof
}

struct Token {
    let kind: TokenKind
    let offset: Int
}

struct LexError: Error {
    let offset: Int
    let message: String
}

struct Lexer {
    let src: [Unicode.Scalar]
    var i = 0

    init(_ src: [Unicode.Scalar]) { self.src = src }

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import",
        "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    mutating func tokenize() throws(LexError) -> [Token] {
        var out: [Token] = []
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .eof { return out }
        }
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? {
        i + k < src.count ? src[i + k] : nil
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.value >= 48 && c.value <= 57
    }
    static func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || (c.value >= 65 && c.value <= 70) || (c.value >= 97 && c.value <= 102)
    }
    static func isIdentStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c == "_" || (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122)
    }
    static func isIdentPart(_ c: Unicode.Scalar?) -> Bool { isIdentStart(c) || isDigit(c) }

    mutating func next() throws(LexError) -> Token {
        // Whitespace and comments.
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { _ = d; i += 1 }
            } else {
                break
            }
        }
        let start = i
        guard let c = peek() else { return Token(kind: .eof, offset: i) }

        // String and bytes literals with optional r/b prefixes.
        if Lexer.isIdentStart(c) {
            var j = i
            var raw = false, bytes = false
            while j < src.count, j - i < 2, src[j] == "r" || src[j] == "R" || src[j] == "b" || src[j] == "B" {
                if src[j] == "r" || src[j] == "R" { if raw { break }; raw = true } else { if bytes { break }; bytes = true }
                j += 1
            }
            if j > i, j < src.count, src[j] == "'" || src[j] == "\"" {
                i = j
                return try stringLiteral(start: start, raw: raw, bytes: bytes)
            }
            var name = ""
            while Lexer.isIdentPart(peek()), let d = peek() { name.unicodeScalars.append(d); i += 1 }
            return Token(kind: .ident(name), offset: start)
        }
        if c == "'" || c == "\"" {
            return try stringLiteral(start: start, raw: false, bytes: false)
        }
        if c == "`" {
            // ESC_IDENTIFIER: letters, digits and _ . - / and space between backquotes.
            var name = ""
            i += 1
            while let d = peek(), d != "`" {
                guard Lexer.isIdentPart(d) || d == "." || d == "-" || d == "/" || d == " " else {
                    throw LexError(offset: i, message: "Syntax error: token recognition error at: '`\(name)\(d)'")
                }
                name.unicodeScalars.append(d)
                i += 1
            }
            guard peek() == "`", !name.isEmpty else { throw LexError(offset: start, message: "Syntax error: token recognition error at: '`'") }
            i += 1
            return Token(kind: .quotedIdent(name), offset: start)
        }
        if Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))) {
            return try number(start: start)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
            i += 2
            return Token(kind: .punct(two), offset: start)
        }
        if "+-*/%!<>?:.,[](){}".unicodeScalars.contains(c) {
            i += 1
            return Token(kind: .punct(String(c)), offset: start)
        }
        throw LexError(offset: start, message: "Syntax error: token recognition error at: '\(c)'")
    }

    mutating func number(start: Int) throws(LexError) -> Token {
        // Hexadecimal integers.
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            var v: UInt64 = 0
            var any = false
            while Lexer.isHex(peek()), let d = peek() {
                let digit = UInt64(Int(String(d), radix: 16) ?? 0)
                let (m, o1) = v.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { throw LexError(offset: start, message: "Syntax error: invalid int literal") }
                v = a; any = true; i += 1
            }
            if !any { throw LexError(offset: start, message: "Syntax error: invalid hex literal") }
            if peek() == "u" || peek() == "U" { i += 1; return Token(kind: .uint(v), offset: start) }
            return Token(kind: .int(v), offset: start)
        }
        var text = ""
        var isFloat = false
        while Lexer.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
        if peek() == ".", Lexer.isDigit(peek(1)) {
            isFloat = true
            text += "."; i += 1
            while Lexer.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var j = i + 1
            if j < src.count, src[j] == "+" || src[j] == "-" { j += 1 }
            if j < src.count, Lexer.isDigit(src[j]) {
                isFloat = true
                while i < j, let d = peek() { text.unicodeScalars.append(d); i += 1 }
                while Lexer.isDigit(peek()), let d = peek() { text.unicodeScalars.append(d); i += 1 }
            }
        }
        if isFloat {
            if text.hasPrefix(".") { text = "0" + text }
            guard let d = Double(text) else { throw LexError(offset: start, message: "Syntax error: invalid double literal") }
            return Token(kind: .double(d), offset: start)
        }
        guard let v = UInt64(text) else { throw LexError(offset: start, message: "Syntax error: invalid int literal") }
        if peek() == "u" || peek() == "U" { i += 1; return Token(kind: .uint(v), offset: start) }
        return Token(kind: .int(v), offset: start)
    }

    mutating func stringLiteral(start: Int, raw: Bool, bytes: Bool) throws(LexError) -> Token {
        guard let q = peek() else { throw LexError(offset: start, message: "Syntax error: unterminated string") }
        let triple = peek(1) == q && peek(2) == q
        i += triple ? 3 : 1
        var out: [UInt8] = []
        func appendScalar(_ s: Unicode.Scalar) { out.append(contentsOf: Array(String(s).utf8)) }
        while true {
            guard let c = peek() else { throw LexError(offset: start, message: "Syntax error: unterminated string literal") }
            if c == q {
                if !triple { i += 1; break }
                if peek(1) == q, peek(2) == q { i += 3; break }
                appendScalar(c); i += 1; continue
            }
            if !triple, c == "\n" || c == "\r" {
                throw LexError(offset: i, message: "Syntax error: newline in string literal")
            }
            if c != "\\" || raw {
                appendScalar(c); i += 1
                continue
            }
            // Escape sequence.
            let escStart = i
            i += 1
            guard let e = peek() else { throw LexError(offset: escStart, message: "Syntax error: unterminated escape") }
            i += 1
            switch e {
            case "a": out.append(7)
            case "b": out.append(8)
            case "f": out.append(12)
            case "n": out.append(10)
            case "r": out.append(13)
            case "t": out.append(9)
            case "v": out.append(11)
            case "\\": out.append(92)
            case "'": out.append(39)
            case "\"": out.append(34)
            case "`": out.append(96)
            case "?": out.append(63)
            case "x", "X", "u", "U":
                let n = (e == "x" || e == "X") ? 2 : (e == "u" ? 4 : 8)
                var v: UInt32 = 0
                for _ in 0..<n {
                    guard Lexer.isHex(peek()), let d = peek(), let dv = UInt32(String(d), radix: 16) else {
                        throw LexError(offset: escStart, message: "Syntax error: invalid escape sequence")
                    }
                    v = v * 16 + dv; i += 1
                }
                if n == 2 {
                    if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { appendScalar(s) }
                } else {
                    guard let s = Unicode.Scalar(v) else {
                        throw LexError(offset: escStart, message: "Syntax error: invalid unicode code point in escape")
                    }
                    appendScalar(s)
                }
            case "0", "1", "2", "3":
                var v = UInt32(e.value - 48)
                for _ in 0..<2 {
                    guard let d = peek(), d.value >= 48, d.value <= 55 else {
                        throw LexError(offset: escStart, message: "Syntax error: invalid octal escape")
                    }
                    v = v * 8 + (d.value - 48); i += 1
                }
                if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { appendScalar(s) }
            default:
                throw LexError(offset: escStart, message: "Syntax error: invalid escape sequence '\\\(e)'")
            }
        }
        if bytes { return Token(kind: .bytes(out), offset: start) }
        return Token(kind: .string(String(decoding: out, as: UTF8.self)), offset: start)
    }
}
