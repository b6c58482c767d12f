/// A position in a YAML file, 1-based; columns count characters.
public struct Mark: Sendable, Hashable, Comparable {
    public var line: Int32
    public var column: Int32

    public init(line: Int, column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// How a scalar was written; quoted scalars are always strings.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar resolved by the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string
}

public struct Scalar: Sendable, Hashable {
    /// The scalar's text as written (after escapes and folding).
    public var text: String
    public var style: ScalarStyle
    /// The resolved value; `.string` means the text itself.
    public var value: ScalarValue

    public init(text: String, style: ScalarStyle, value: ScalarValue) {
        self.text = text
        self.style = style
        self.value = value
    }
}

/// A YAML node: content plus where it starts. Aliases are resolved to the
/// anchored node (a shared copy-on-write value, not a re-parse).
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public var content: Content
    public var mark: Mark
    /// A tag written on the node, as libyaml resolved it (`tag:yaml.org,2002:str`, `!foo`), if any.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A short name of the node's kind for error messages.
    public var kindName: (zh: String, en: String) {
        switch content {
        case .sequence: return ("列表", "a list")
        case .mapping: return ("映射", "a mapping")
        case .scalar(let s):
            switch s.value {
            case .null: return ("空值", "null")
            case .bool: return ("布尔值", "a boolean")
            case .int: return ("整数", "an integer")
            case .float: return ("小数", "a number")
            case .string: return ("字符串", "a string")
            }
        }
    }
}

public struct Pair: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

extension Node {
    /// A canonical text of the node used to compare mapping keys: two keys
    /// are duplicates when they resolve to the same value (`1` and `0x1`).
    var identity: String {
        switch content {
        case .scalar(let s):
            switch s.value {
            case .null: return "n"
            case .bool(let b): return b ? "b1" : "b0"
            case .int(let i): return "i\(i)"
            case .float(let d): return d.isNaN ? "fnan" : "f\(d)"
            case .string: return "s" + s.text
            }
        case .sequence(let items):
            return "[" + items.map(\.identity).joined(separator: ",") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { $0.key.identity + ":" + $0.value.identity }.joined(separator: ",") + "}"
        }
    }
}
