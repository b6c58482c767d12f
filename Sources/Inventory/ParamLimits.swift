import YAML

/// The size of a rule-parameter override (`inventory.params` and `--param`), capped so that
/// an inventory cannot make a built-in rule's work per object grow without bound (issue 19
/// item 2: a 1,000,000-item `methods` list for BT-13 or a 100 KB `remote_software` entry made
/// `check` of a valid inventory take a minute). The built-in rules' own parameters are far
/// below these limits (BT-42-8's list: 19 names of at most 15 bytes).
public enum ParamLimits {
    /// Elements of all lists and maps in one override, counted through nesting.
    public static let maxElements = 256
    /// Bytes of one string.
    public static let maxStringBytes = 256
    /// Bytes of all strings of one override.
    public static let maxTotalBytes = 8_192

    /// A problem with one override, or nil: where, and what (zh, en).
    public struct Problem: Sendable {
        public let mark: Mark
        public let zh: String
        public let en: String
    }

    /// Checks one YAML override value; the walk stops at the first excess (aliases are not expanded further).
    public static func problem(_ node: Node) -> Problem? {
        var elements = 0, bytes = 0
        var stack = [node]
        while let n = stack.popLast() {
            switch n.content {
            case .scalar(let s):
                let b = s.text.utf8.count
                if b > maxStringBytes {
                    return Problem(mark: n.mark, zh: "参数值的字符串过长（\(b) 字节，上限 \(maxStringBytes)）",
                                   en: "a parameter string is too long (\(b) bytes, at most \(maxStringBytes))")
                }
                bytes += b
                if bytes > maxTotalBytes { return tooBig(node) }
            case .sequence(let items):
                elements += items.count
                if elements > maxElements { return tooMany(node) }
                stack.append(contentsOf: items)
            case .mapping(let pairs):
                elements += pairs.count
                if elements > maxElements { return tooMany(node) }
                for p in pairs { stack.append(p.key); stack.append(p.value) }
            }
        }
        return nil
    }

    static func tooMany(_ node: Node) -> Problem {
        Problem(mark: node.mark, zh: "参数值的元素过多（上限 \(maxElements) 个）", en: "a parameter value has too many elements (at most \(maxElements))")
    }

    static func tooBig(_ node: Node) -> Problem {
        Problem(mark: node.mark, zh: "参数值过大（字符串合计上限 \(maxTotalBytes) 字节）", en: "a parameter value is too large (at most \(maxTotalBytes) bytes of text)")
    }
}
