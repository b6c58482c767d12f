/// YAML 1.2 core schema resolution of plain scalars (YAML 1.2.2 §10.3.2):
/// `yes`/`no`/`on`/`off` stay strings, `0o17` and `0x1F` are integers,
/// `.inf`/`.nan` floats, `~`/`null`/empty null.
public enum CoreSchema {
    public static let str = "tag:yaml.org,2002:str"
    public static let int = "tag:yaml.org,2002:int"
    public static let float = "tag:yaml.org,2002:float"
    public static let bool = "tag:yaml.org,2002:bool"
    public static let null = "tag:yaml.org,2002:null"
    public static let map = "tag:yaml.org,2002:map"
    public static let seq = "tag:yaml.org,2002:seq"

    /// Resolve a plain, untagged scalar.
    public static func resolve(plain text: String) -> ScalarValue {
        let u = text.utf8
        guard let first = u.first else { return .null }
        // Fast exit: most inventory scalars are words or CJK text.
        switch first {
        case UInt8(ascii: "~"): return text == "~" ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return (text == "null" || text == "Null" || text == "NULL") ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return (text == "true" || text == "True" || text == "TRUE") ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return (text == "false" || text == "False" || text == "FALSE") ? .bool(false) : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return number(text) ?? .string
        default: return .string
        }
    }

    /// Resolve a scalar that carries an explicit core tag; nil when the text
    /// does not fit the tag (`!!int abc`).
    public static func resolve(_ text: String, tag: String) -> ScalarValue? {
        switch tag {
        case str: return .string
        case null: return (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL") ? .null : nil
        case bool:
            switch text {
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: return nil
            }
        case int:
            if case .int(let v)? = number(text) { return .int(v) }
            return nil
        case float:
            switch number(text) {
            case .int(let v)?: return .float(Double(v))
            case .float(let v)?: return .float(v)
            default: return nil
            }
        default: return nil
        }
    }

    static func number(_ text: String) -> ScalarValue? {
        var copy = text
        return copy.withUTF8 { number(utf8: $0, text: text) }
    }

    /// Numbers of the core schema, read from the bytes without copying them
    /// (most plain scalars that start with a digit are IPs and dates: rejected
    /// on the first byte that does not fit).
    private static func number(utf8 bytes: UnsafeBufferPointer<UInt8>, text: String) -> ScalarValue? {
        guard !bytes.isEmpty else { return nil }
        var i = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { i = 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "."), bytes.count - i == 4 {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") {
                let digits = bytes[2...]
                guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x37 }) else { return nil }
                return Int64(String(decoding: digits, as: UTF8.self), radix: 8).map { .int($0) } ?? .float(Double(bigDigits: ArraySlice(digits), radix: 8))
            }
            if bytes[1] == UInt8(ascii: "x") {
                let digits = bytes[2...]
                guard digits.allSatisfy({ isHex($0) }) else { return nil }
                return Int64(String(decoding: digits, as: UTF8.self), radix: 16).map { .int($0) } ?? .float(Double(bigDigits: ArraySlice(digits), radix: 16))
            }
        }
        // [-+]?[0-9]+
        if bytes[i...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            let digits = String(decoding: bytes[(bytes[0] == UInt8(ascii: "+") ? 1 : 0)...], as: UTF8.self)
            return Int64(digits).map { .int($0) } ?? Double(digits).map { .float($0) }
        }
        // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var j = i
        var mantissaDigits = 0
        while j < bytes.count, isDigit(bytes[j]) { j += 1; mantissaDigits += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: ".") {
            j += 1
            var fraction = 0
            while j < bytes.count, isDigit(bytes[j]) { j += 1; fraction += 1 }
            if mantissaDigits == 0 && fraction == 0 { return nil }
        } else if mantissaDigits == 0 {
            return nil
        }
        if j < bytes.count, bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E") {
            j += 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            var exponent = 0
            while j < bytes.count, isDigit(bytes[j]) { j += 1; exponent += 1 }
            if exponent == 0 { return nil }
        }
        guard j == bytes.count else { return nil }
        return Double(text).map { .float($0) }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }
}

extension Double {
    /// The value of digits too large for Int64 (a YAML integer beyond 64 bits).
    init(bigDigits: ArraySlice<UInt8>, radix: Int) {
        var v = 0.0
        for b in bigDigits {
            let d: Int
            switch b {
            case 0x30...0x39: d = Int(b) - 0x30
            case 0x41...0x46: d = Int(b) - 0x41 + 10
            default: d = Int(b) - 0x61 + 10
            }
            v = v * Double(radix) + Double(d)
        }
        self = v
    }
}
