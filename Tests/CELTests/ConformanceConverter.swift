import Foundation
@testable import CEL

/// The project's converter of cel-spec's `tests/simple/testdata/*.textproto` (the public CEL
/// conformance data, `cel.expr.conformance.test.SimpleTestFile` messages in protobuf text
/// format) into runnable cases. It parses the text format itself and marks the cases that
/// need protobuf message types, a container or declared functions as excluded.
enum ConformanceConverter {
    struct Case {
        let file: String
        let section: String
        let name: String
        let expr: String
        let bindings: [String: Value]
        /// nil when an evaluation error is expected.
        let expected: Value?
        let disableCheck: Bool
        /// Why the case is not run, or nil.
        let excluded: String?
        var id: String { "\(file)/\(section)/\(name)" }
    }

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    /// Every test of one file, in file order.
    static func cases(fileAt url: URL) throws -> [Case] {
        let data = try Data(contentsOf: url)
        var parser = TextProto(Array(data))
        let top = try parser.message(top: true)
        let fileName = top.text("name") ?? url.deletingPathExtension().lastPathComponent
        var out: [Case] = []
        for section in top.messages("section") {
            let sectionName = section.text("name") ?? ""
            for test in section.messages("test") {
                out.append(convert(fileName, sectionName, test))
            }
        }
        return out
    }

    static func convert(_ file: String, _ section: String, _ t: TextProto.Message) -> Case {
        let expr = t.text("expr") ?? ""
        var excluded: String?
        func exclude(_ why: String) { if excluded == nil { excluded = why } }
        if t.field("container") != nil { exclude("needs a container and protobuf message types") }
        if constructsMessage(expr) { exclude("needs protobuf message types") }
        if t.text("disable_macros") == "true" { exclude("needs macros disabled") }
        if t.field("check_only") != nil { exclude("type-checker only") }
        for env in t.messages("type_env") where env.mentions("message_type") || env.field("function") != nil {
            exclude("needs protobuf message types or declared functions")
        }
        var bindings: [String: Value] = [:]
        for b in t.messages("bindings") {
            guard let key = b.text("key") else { continue }
            guard let holder = b.message("value"), let v = holder.message("value") else {
                exclude("binding \(key): no value"); continue
            }
            switch value(v) {
            case .success(let x): bindings[key] = x
            case .failure(let e): exclude("binding: \(e.description)")
            }
        }
        var expected: Value?
        if let v = t.message("value") {
            switch value(v) {
            case .success(let x): expected = x
            case .failure(let e): exclude(e.description)
            }
        } else if t.field("eval_error") != nil || t.field("any_eval_errors") != nil {
            expected = nil
        } else if t.field("unknown") != nil || t.field("any_unknowns") != nil || t.field("typed_result") != nil {
            exclude("expects unknowns or a typed result")
        } else {
            // SimpleTest: "a result of true is assumed if no result is specified".
            expected = .bool(true)
        }
        return Case(file: file, section: section, name: t.text("name") ?? "", expr: expr, bindings: bindings,
                    expected: expected, disableCheck: t.text("disable_check") == "true", excluded: excluded)
    }

    /// `Name{` or `a.b.Name {`: message construction (a map literal's `{` never follows an
    /// identifier other than `in`, `true`, `false`, `null`).
    static func constructsMessage(_ expr: String) -> Bool {
        // Comments (`// …` to the end of the line) read as spaces; form feeds are spaces.
        var s: [UInt8] = []
        var quote: UInt8?
        var k = 0
        let raw = Array(expr.utf8)
        while k < raw.count {
            let c = raw[k]
            if let q = quote {
                if c == 92 { s.append(c); if k + 1 < raw.count { s.append(raw[k + 1]) }; k += 2; continue }
                if c == q { quote = nil }
            } else if c == 39 || c == 34 {
                quote = c
            } else if c == 47, k + 1 < raw.count, raw[k + 1] == 47 {
                while k < raw.count, raw[k] != 10 { k += 1 }
                s.append(32)
                continue
            }
            s.append(c == 12 ? 32 : c)
            k += 1
        }
        func isName(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 }
        func isStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        for (k, c) in s.enumerated() where c == UInt8(ascii: "{") {
            var j = k
            while j > 0, [32, 9, 10, 13].contains(s[j - 1]) { j -= 1 }
            let end = j
            while j > 0, isName(s[j - 1]) { j -= 1 }
            guard let first = s[j..<end].firstIndex(where: isStart) else { continue }
            let name = String(decoding: s[first..<end], as: UTF8.self)
            if !["in", "true", "false", "null"].contains(name) { return true }
        }
        return false
    }

    /// A `cel.expr.Value` message as a CEL value.
    static func value(_ m: TextProto.Message) -> Result<Value, FormatError> {
        guard let (k, v) = m.fields.first else { return .failure(FormatError(description: "empty value")) }
        switch k {
        case "int64_value":
            guard let i = Int64(v.token) else { return .failure(FormatError(description: "bad int \(v.token)")) }
            return .success(.int(i))
        case "uint64_value":
            guard let u = UInt64(v.token) else { return .failure(FormatError(description: "bad uint \(v.token)")) }
            return .success(.uint(u))
        case "double_value":
            switch v.token.lowercased() {
            case "inf", "infinity": return .success(.double(.infinity))
            case "-inf", "-infinity": return .success(.double(-.infinity))
            case "nan": return .success(.double(.nan))
            default:
                guard let d = Double(v.token) else { return .failure(FormatError(description: "bad double \(v.token)")) }
                return .success(.double(d))
            }
        case "string_value": return .success(.string(String(decoding: v.bytes, as: UTF8.self)))
        case "bytes_value": return .success(.bytes(v.bytes))
        case "bool_value": return .success(.bool(v.token == "true"))
        case "null_value": return .success(.null)
        case "type_value": return .success(.type(CELType(String(decoding: v.bytes, as: UTF8.self))))
        case "list_value":
            guard case .message(let l) = v else { return .failure(FormatError(description: "bad list")) }
            var items: [Value] = []
            for x in l.messages("values") {
                switch value(x) {
                case .success(let y): items.append(y)
                case .failure(let e): return .failure(e)
                }
            }
            return .success(.list(items))
        case "map_value":
            guard case .message(let mm) = v else { return .failure(FormatError(description: "bad map")) }
            var entries: [(Value, Value)] = []
            for e in mm.messages("entries") {
                guard let km = e.message("key"), let vm = e.message("value") else { return .failure(FormatError(description: "bad entry")) }
                switch (value(km), value(vm)) {
                case (.success(let a), .success(let b)): entries.append((a, b))
                case (.failure(let x), _), (_, .failure(let x)): return .failure(x)
                }
            }
            return .success(.map(entries))
        default:
            return .failure(FormatError(description: "value kind \(k) needs protobuf messages or enums"))
        }
    }
}

/// A small reader of the protobuf text format: messages, quoted strings (C escapes, adjacent
/// strings concatenated) and bare tokens. Field types are not known, so scalars are kept as
/// bytes (quoted) or tokens (bare).
struct TextProto {
    indirect enum Field {
        case message(Message)
        case string([UInt8])
        case token(String)

        var bytes: [UInt8] {
            switch self {
            case .string(let b): return b
            case .token(let t): return Array(t.utf8)
            case .message: return []
            }
        }
        var token: String {
            switch self {
            case .string(let b): return String(decoding: b, as: UTF8.self)
            case .token(let t): return t
            case .message: return ""
            }
        }
    }

    struct Message {
        var fields: [(String, Field)] = []
        func field(_ name: String) -> Field? { fields.first(where: { $0.0 == name })?.1 }
        func text(_ name: String) -> String? { field(name)?.token }
        func message(_ name: String) -> Message? {
            if case .message(let m)? = field(name) { return m }
            return nil
        }
        func messages(_ name: String) -> [Message] {
            fields.compactMap { if $0.0 == name, case .message(let m) = $0.1 { return m } else { return nil } }
        }
        /// Whether a field of this name appears anywhere inside.
        func mentions(_ name: String) -> Bool {
            fields.contains { f in
                if f.0 == name { return true }
                if case .message(let m) = f.1 { return m.mentions(name) }
                return false
            }
        }
    }

    let s: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { s = bytes }

    mutating func skipSpace() {
        while i < s.count {
            let c = s[i]
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 44 || c == 59 {
                i += 1
            } else if c == 35 {  // '#'
                while i < s.count, s[i] != 10 { i += 1 }
            } else {
                break
            }
        }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return i < s.count ? s[i] : nil
    }

    func fail(_ what: String) -> ConformanceConverter.FormatError {
        ConformanceConverter.FormatError(description: "textproto: \(what) at byte \(i)")
    }

    mutating func message(top: Bool = false) throws -> Message {
        var m = Message()
        while true {
            guard let c = peek() else {
                if top { return m }
                throw fail("unexpected end of input")
            }
            if c == UInt8(ascii: "}") || c == UInt8(ascii: ">") {
                if top { throw fail("unexpected }") }
                i += 1
                return m
            }
            let name = try identifier()
            if peek() == UInt8(ascii: ":") { i += 1 }
            if let d = peek(), d == UInt8(ascii: "{") || d == UInt8(ascii: "<") {
                i += 1
                m.fields.append((name, .message(try message())))
            } else {
                m.fields.append((name, try scalar()))
            }
        }
    }

    mutating func identifier() throws -> String {
        skipSpace()
        if i < s.count, s[i] == UInt8(ascii: "[") {
            guard let j = s[i...].firstIndex(of: UInt8(ascii: "]")) else { throw fail("unterminated [") }
            let name = String(decoding: s[i...j], as: UTF8.self)
            i = j + 1
            return name
        }
        let start = i
        while i < s.count, isNameByte(s[i]) { i += 1 }
        guard i > start else { throw fail("expected a field name") }
        return String(decoding: s[start..<i], as: UTF8.self)
    }

    func isNameByte(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 45 || c == 43
    }

    mutating func scalar() throws -> Field {
        if let c = peek(), c == 39 || c == 34 { return .string(try strings()) }
        let start = i
        while i < s.count, ![32, 9, 10, 13, 44, 59, 125, 35].contains(s[i]) { i += 1 }
        guard i > start else { throw fail("expected a value") }
        return .token(String(decoding: s[start..<i], as: UTF8.self))
    }

    /// One or more adjacent quoted strings, escapes decoded.
    mutating func strings() throws -> [UInt8] {
        var out: [UInt8] = []
        while let q = peek(), q == 39 || q == 34 {
            i += 1
            while true {
                guard i < s.count else { throw fail("unterminated string") }
                let c = s[i]
                if c == q { i += 1; break }
                guard c == 92 else { out.append(c); i += 1; continue }
                i += 1
                guard i < s.count else { throw fail("bad escape") }
                let e = s[i]
                let simple: [UInt8: UInt8] = [110: 10, 116: 9, 114: 13, 97: 7, 98: 8, 102: 12, 118: 11, 92: 92, 39: 39, 34: 34, 63: 63]
                if let v = simple[e] {
                    out.append(v); i += 1
                } else if e >= 48 && e <= 55 {
                    var v = 0, n = 0
                    while n < 3, i < s.count, s[i] >= 48 && s[i] <= 55 { v = v * 8 + Int(s[i] - 48); i += 1; n += 1 }
                    out.append(UInt8(v & 0xFF))
                } else if e == 120 || e == 88 {
                    i += 1
                    var v = 0, n = 0
                    while n < 2, i < s.count, let d = hexValue(s[i]) { v = v * 16 + d; i += 1; n += 1 }
                    out.append(UInt8(v))
                } else if e == 117 || e == 85 {
                    let n = e == 117 ? 4 : 8
                    i += 1
                    var v = 0
                    for _ in 0..<n {
                        guard i < s.count, let d = hexValue(s[i]) else { throw fail("bad \\u escape") }
                        v = v * 16 + d; i += 1
                    }
                    guard let u = Unicode.Scalar(UInt32(v)) else { throw fail("bad code point") }
                    out.append(contentsOf: Array(String(u).utf8))
                } else {
                    throw fail("bad escape \\\(Character(Unicode.Scalar(e)))")
                }
            }
        }
        return out
    }

    func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 65...70: return Int(c - 55)
        case 97...102: return Int(c - 87)
        default: return nil
        }
    }
}
