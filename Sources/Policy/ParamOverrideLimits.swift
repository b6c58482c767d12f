import CEL
import Diagnostics
import Inventory

/// `--param RULE.NAME=VALUE` values within `ParamLimits` (the header's `inventory.params` are
/// checked where the inventory is loaded, at their line).
enum ParamOverrideLimits {
    static func problems(_ overrides: [String: [(String, Value)]]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for rule in overrides.keys.sorted() {
            for (name, value) in overrides[rule] ?? [] {
                if let (zh, en) = problem(value) {
                    out.append(Diagnostic(zh: "--param \(rule).\(name)：\(zh)", en: "--param \(rule).\(name): \(en)", step: "check"))
                }
            }
        }
        return out
    }

    static func problem(_ value: Value) -> (String, String)? {
        var elements = 0, bytes = 0
        var stack = [value]
        while let v = stack.popLast() {
            switch v {
            case .string(let s):
                let b = s.utf8.count
                if b > ParamLimits.maxStringBytes {
                    return ("参数值的字符串过长（\(b) 字节，上限 \(ParamLimits.maxStringBytes)）",
                            "a parameter string is too long (\(b) bytes, at most \(ParamLimits.maxStringBytes))")
                }
                bytes += b
            case .list(let items):
                elements += items.count
                if elements <= ParamLimits.maxElements { stack.append(contentsOf: items) }
            case .map(let m):
                elements += m.count
                if elements <= ParamLimits.maxElements { for (k, x) in m.entries { stack.append(k); stack.append(x) } }
            default:
                bytes += 1
            }
            if elements > ParamLimits.maxElements {
                return ("参数值的元素过多（上限 \(ParamLimits.maxElements) 个）", "a parameter value has too many elements (at most \(ParamLimits.maxElements))")
            }
            if bytes > ParamLimits.maxTotalBytes {
                return ("参数值过大（字符串合计上限 \(ParamLimits.maxTotalBytes) 字节）", "a parameter value is too large (at most \(ParamLimits.maxTotalBytes) bytes of text)")
            }
        }
        return nil
    }
}
