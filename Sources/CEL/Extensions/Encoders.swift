import Foundation

// cel-go's encoders extension (ext/encoders.go): base64.encode(bytes) -> string and
// base64.decode(string) -> bytes (standard alphabet; padding optional when decoding).

enum Encoders {
    static func register(into t: inout FunctionTable) {
        t.global("base64.encode", .costed(arity: 1, encode))
        t.global("base64.decode", .costed(arity: 1, decode))
    }

    static func encode(_ a: [Value], _ f: Frame) -> Value {
        guard case .bytes(let b) = a[0] else { return .error(.noOverload("base64.encode", a[0])) }
        if f.charge(Cost.traversal(b.count * 2)) { return .error(.costExceeded) }
        return .string(Data(b).base64EncodedString())
    }

    static func decode(_ a: [Value], _ f: Frame) -> Value {
        guard case .string(let s) = a[0] else { return .error(.noOverload("base64.decode", a[0])) }
        if f.charge(Cost.traversal(s.utf8.count * 2)) { return .error(.costExceeded) }
        var text = s
        // Unpadded input is accepted, as Go's base64.RawStdEncoding.
        if !text.hasSuffix("="), text.utf8.count % 4 != 0 { text += String(repeating: "=", count: 4 - text.utf8.count % 4) }
        guard let data = Data(base64Encoded: text) else { return .error("illegal base64 data in '\(s.prefix(40))'") }
        return .bytes(Array(data))
    }
}
