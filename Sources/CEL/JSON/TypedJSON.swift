// Typed JSON (DESIGN §5): every value says its CEL type, so `{"int":"5"}` and
// `{"uint":"5"}` stay distinct and 64-bit integers keep full precision.
import Foundation

public struct TypedJSONError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

public enum TypedJSON {
    /// Encodes a value; evaluation errors become `{"error":"…"}`.
    public static func encode(_ v: Value) -> String {
        var out = ""
        write(v, to: &out)
        return out
    }

    static func write(_ v: Value, to out: inout String) {
        switch v {
        case .null: out += "{\"null\":null}"
        case .bool(let b): out += b ? "{\"bool\":true}" : "{\"bool\":false}"
        case .int(let i): out += "{\"int\":\"\(i)\"}"
        case .uint(let u): out += "{\"uint\":\"\(u)\"}"
        case .double(let d):
            out += "{\"double\":"
            if d.isNaN { out += "\"NaN\"" } else if d.isInfinite { out += d < 0 ? "\"-Infinity\"" : "\"Infinity\"" } else { out += JSONText.number(d) }
            out += "}"
        case .string(let s):
            out += "{\"string\":"; JSONText.appendString(s, to: &out); out += "}"
        case .bytes(let b):
            out += "{\"bytes\":\"" + Data(b).base64EncodedString() + "\"}"
        case .list(let l):
            out += "{\"list\":["
            for (n, e) in l.enumerated() {
                if n > 0 { out += "," }
                write(e, to: &out)
            }
            out += "]}"
        case .map(let m):
            out += "{\"map\":["
            for (n, e) in m.entries.enumerated() {
                if n > 0 { out += "," }
                out += "{\"key\":"; write(e.key, to: &out)
                out += ",\"value\":"; write(e.value, to: &out); out += "}"
            }
            out += "]}"
        case .type(let t):
            out += "{\"type\":"; JSONText.appendString(t.name, to: &out); out += "}"
        case .timestamp(let t): out += "{\"timestamp\":\"\(t.rfc3339)\"}"
        case .duration(let d): out += "{\"duration\":\"\(d)\"}"
        case .opaque(let o):
            let key = o is CIDR ? "cidr" : (o is IPAddress ? "ip" : "string")
            out += "{\"\(key)\":"; JSONText.appendString(o.stringValue, to: &out); out += "}"
        case .error(let e):
            out += "{\"error\":"; JSONText.appendString(e.message, to: &out); out += "}"
        }
    }

    /// Decodes typed JSON text.
    public static func decode(_ text: String) throws(TypedJSONError) -> Value {
        let json: JSONValue
        do {
            json = try JSONText.parse(text)
        } catch {
            throw TypedJSONError(message: error.description)
        }
        return try decode(json, path: "$")
    }

    /// Decodes an already parsed typed JSON document.
    public static func decode(_ json: JSONValue, path: String = "$") throws(TypedJSONError) -> Value {
        guard case .object(let members) = json, members.count == 1, let m = members.first else {
            throw TypedJSONError(message: "\(path): expected an object with exactly one type key such as {\"int\":\"5\"}")
        }
        let p = path + "." + m.key
        func str() throws(TypedJSONError) -> String {
            guard case .string(let s) = m.value else { throw TypedJSONError(message: "\(p): expected a string") }
            return s
        }
        switch m.key {
        case "null":
            guard m.value == .null else { throw TypedJSONError(message: "\(p): expected null") }
            return .null
        case "bool":
            guard case .bool(let b) = m.value else { throw TypedJSONError(message: "\(p): expected true or false") }
            return .bool(b)
        case "int":
            let text: String
            switch m.value {
            case .string(let s): text = s
            case .number(let n): text = n
            default: throw TypedJSONError(message: "\(p): expected a decimal string such as \"5\"")
            }
            guard let i = Int64(text) else { throw TypedJSONError(message: "\(p): '\(text)' is not a 64-bit signed integer") }
            return .int(i)
        case "uint":
            let text: String
            switch m.value {
            case .string(let s): text = s
            case .number(let n): text = n
            default: throw TypedJSONError(message: "\(p): expected a decimal string such as \"5\"")
            }
            guard let u = UInt64(text) else { throw TypedJSONError(message: "\(p): '\(text)' is not a 64-bit unsigned integer") }
            return .uint(u)
        case "double":
            switch m.value {
            case .number(let n):
                guard let d = Double(n) else { throw TypedJSONError(message: "\(p): invalid number") }
                return .double(d)
            case .string("NaN"): return .double(.nan)
            case .string("Infinity"): return .double(.infinity)
            case .string("-Infinity"): return .double(-.infinity)
            default: throw TypedJSONError(message: "\(p): expected a number or \"NaN\", \"Infinity\", \"-Infinity\"")
            }
        case "string": return .string(try str())
        case "bytes":
            let s = try str()
            guard let d = Data(base64Encoded: s) else { throw TypedJSONError(message: "\(p): invalid base64") }
            return .bytes([UInt8](d))
        case "list":
            guard case .array(let items) = m.value else { throw TypedJSONError(message: "\(p): expected an array") }
            var out: [Value] = []
            for (n, item) in items.enumerated() { out.append(try decode(item, path: "\(p)[\(n)]")) }
            return .list(out)
        case "map":
            guard case .array(let items) = m.value else {
                throw TypedJSONError(message: "\(p): expected an array of {\"key\":…,\"value\":…}")
            }
            var keys: [Value] = [], values: [Value] = []
            var index: [MapKey: Int] = [:]
            for (n, item) in items.enumerated() {
                guard case .object(let kv) = item, kv.count == 2,
                      let k = kv.first(where: { $0.key == "key" }), let v = kv.first(where: { $0.key == "value" }) else {
                    throw TypedJSONError(message: "\(p)[\(n)]: expected {\"key\":…,\"value\":…}")
                }
                let key = try decode(k.value, path: "\(p)[\(n)].key")
                let mk: MapKey?
                switch key {
                case .int, .uint, .bool, .string: mk = MapKey(key)
                default: mk = nil
                }
                guard let mk else { throw TypedJSONError(message: "\(p)[\(n)].key: map keys must be int, uint, bool or string") }
                guard index[mk] == nil else { throw TypedJSONError(message: "\(p)[\(n)].key: duplicate key \(key.literalString)") }
                index[mk] = keys.count
                keys.append(key)
                values.append(try decode(v.value, path: "\(p)[\(n)].value"))
            }
            return .map(CELMap(uncheckedKeys: keys, values: values, index: index))
        case "type": return .type(CELType(try str()))
        case "timestamp":
            let s = try str()
            guard let t = Timestamp.parse(s) else { throw TypedJSONError(message: "\(p): '\(s)' is not an RFC 3339 timestamp in 0001..9999") }
            return .timestamp(t)
        case "duration":
            let s = try str()
            guard let d = CELDuration.parse(s) else { throw TypedJSONError(message: "\(p): '\(s)' is not a duration such as \"1.5s\"") }
            return .duration(d)
        case "ip":
            let s = try str()
            guard let ip = IPAddress(s) else { throw TypedJSONError(message: "\(p): '\(s)' is not an IP address") }
            return .opaque(ip)
        case "cidr":
            let s = try str()
            guard let c = CIDR(s) else { throw TypedJSONError(message: "\(p): '\(s)' is not a CIDR") }
            return .opaque(c)
        default:
            throw TypedJSONError(message: "\(path): unknown type key '\(m.key)' (expected int, uint, double, string, bytes, bool, null, list, map, type, timestamp or duration)")
        }
    }
}

/// Plain JSON for `--format json`: maps as objects with string keys, timestamps as
/// RFC 3339 strings, durations as "1.5s", bytes as base64, NaN/Infinity as strings.
public enum PlainJSON {
    public static func encode(_ v: Value) -> String {
        var out = ""
        write(v, to: &out)
        return out
    }

    static func write(_ v: Value, to out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            if d.isNaN { out += "\"NaN\"" } else if d.isInfinite { out += d < 0 ? "\"-Infinity\"" : "\"Infinity\"" } else { out += JSONText.number(d) }
        case .string(let s): JSONText.appendString(s, to: &out)
        case .bytes(let b): out += "\"" + Data(b).base64EncodedString() + "\""
        case .list(let l):
            out += "["
            for (n, e) in l.enumerated() {
                if n > 0 { out += "," }
                write(e, to: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (n, e) in m.entries.enumerated() {
                if n > 0 { out += "," }
                let key: String
                if case .string(let s) = e.key { key = s } else { key = e.key.plainString }
                JSONText.appendString(key, to: &out)
                out += ":"
                write(e.value, to: &out)
            }
            out += "}"
        case .type(let t): JSONText.appendString(t.name, to: &out)
        case .timestamp(let t): out += "\"" + t.rfc3339 + "\""
        case .duration(let d): out += "\"" + d.description + "\""
        case .opaque(let o): JSONText.appendString(o.stringValue, to: &out)
        case .error(let e):
            out += "{\"error\":"; JSONText.appendString(e.message, to: &out); out += "}"
        }
    }
}
