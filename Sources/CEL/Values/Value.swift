// The CEL value model: every runtime value, errors included, is a `Value`.

/// A CEL runtime value. Errors are values too (`.error`), so evaluation never throws.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    case map(CELMap)
    case type(CELType)
    case timestamp(Timestamp)
    case duration(CELDuration)
    /// Values of extension types (ip, cidr, ...): class-bound so a `Value` stays small.
    case opaque(any CELOpaqueValue)
    case error(CELError)

    /// The CEL type of this value.
    public var celType: CELType {
        switch self {
        case .null: return .nullType
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .opaque(let o): return o.celType
        case .error: return .error
        }
    }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// Convenience constructors.
    public static func map(_ entries: [(Value, Value)]) -> Value {
        .map(CELMap(entries: entries))
    }

    public static func error(_ message: String) -> Value {
        .error(CELError(message))
    }
}

/// Extension values (for example `ip` and `cidr`). Implementations must be immutable.
public protocol CELOpaqueValue: AnyObject, Sendable {
    var celType: CELType { get }
    /// Equality with another opaque value (false when of another type).
    func isEqual(to other: any CELOpaqueValue) -> Bool
    /// The plain string form, as `string(x)` returns it.
    var stringValue: String { get }
}

/// A CEL type value, such as `int` or `google.protobuf.Timestamp`.
public struct CELType: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let nullType = CELType("null_type")
    public static let bool = CELType("bool")
    public static let int = CELType("int")
    public static let uint = CELType("uint")
    public static let double = CELType("double")
    public static let string = CELType("string")
    public static let bytes = CELType("bytes")
    public static let list = CELType("list")
    public static let map = CELType("map")
    public static let type = CELType("type")
    public static let timestamp = CELType("google.protobuf.Timestamp")
    public static let duration = CELType("google.protobuf.Duration")
    public static let error = CELType("error")

    /// Type names that identifiers denote when no variable shadows them.
    static let denotable: [String: CELType] = [
        "null_type": .nullType, "bool": .bool, "int": .int, "uint": .uint,
        "double": .double, "string": .string, "bytes": .bytes, "list": .list,
        "map": .map, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
        "net.IP": CELType("net.IP"), "net.CIDR": CELType("net.CIDR"),
        "optional_type": CELType("optional_type"),
    ]
}

/// An evaluation error carried as a value.
public struct CELError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func noOverload(_ function: String, _ args: Value...) -> CELError {
        let types = args.map { $0.celType.name }.joined(separator: ", ")
        return CELError("no matching overload for '\(function)' applied to '(\(types))'")
    }
    static let divideByZero = CELError("divide by zero")
    static let moduloByZero = CELError("modulus by zero")
    static let intOverflow = CELError("int overflow")
    static let uintOverflow = CELError("uint overflow")
    static let costExceeded = CELError("cost limit exceeded")
}
