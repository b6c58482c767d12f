import Diagnostics
import YAML

/// Decodes one file's node tree into objects, checking every field against
/// the schema. It never stops at the first problem: all are collected.
struct FileDecoder {
    let file: String
    let fileIndex: Int
    var problems: [Diagnostic] = []
    var objects: [Kind: [Object]] = [:]
    /// Policy examples give partial objects: required keys are not enforced.
    var relaxed = false
    /// Free-text values longer than a small string, stored once per file
    /// (software names, notes and the like repeat across thousands of objects).
    var interned: Set<String> = []

    init(file: String, fileIndex: Int) {
        self.file = file
        self.fileIndex = fileIndex
    }

    mutating func error(_ zh: String, _ en: String, at mark: Mark) {
        problems.append(Diagnostic(zh: zh, en: en, at: SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column)), step: "validate"))
    }

    mutating func decodeFile(_ root: Node?) {
        guard let root else {
            error("文件为空：台账文件至少要有一个顶层键（inventory、units、terminals ……）", "the file is empty: an inventory file needs at least one top-level key (inventory, units, terminals, …)", at: Mark(line: 1, column: 1))
            return
        }
        guard let pairs = root.mapping else {
            error("文件顶层应为映射（inventory:、units: 等键），实际是\(root.kindName.zh)", "the top level must be a mapping (inventory:, units:, …), found \(root.kindName.en)", at: root.mark)
            return
        }
        for pair in pairs {
            guard let key = keyText(pair.key) else { continue }
            if Self.isExtension(key) { continue }
            guard let kind = Kind.fromKey(key) else {
                unknownKey(key, allowed: Schema.topLevelKeys, at: pair.key.mark, context: ("文件顶层", "the top level"))
                continue
            }
            if kind == .inventory {
                if var record = decodeObject(pair.value, spec: Schema.inventory, path: key) {
                    // The header is located at its `inventory:` line (DESIGN §5).
                    record.mark = pair.key.mark
                    objects[.inventory, default: []].append(Object(kind: .inventory, file: fileIndex, record: record))
                }
                continue
            }
            if case .scalar(let s) = pair.value.content, s.value == .null { continue }
            guard let items = pair.value.sequence else {
                error("“\(Printable.excerpt(key))” 应为列表（每项以 - 开头），实际是\(pair.value.kindName.zh)", "'\(Printable.excerpt(key))' must be a list (items start with -), found \(pair.value.kindName.en)", at: pair.value.mark)
                continue
            }
            for item in items { decodeItem(item, kind: kind, key: key) }
        }
    }

    /// Whether the items of a top-level key are objects that can be decoded
    /// one by one as the parser completes them (`YAMLLoader`'s streaming).
    static func streams(_ key: String) -> Bool {
        guard let kind = Kind.fromKey(key) else { return false }
        return kind != .inventory
    }

    /// Decode one item of a top-level list (`units:`, `events:` …).
    mutating func decodeItem(_ item: Node, key: Node) {
        guard case .scalar(let s) = key.content, let kind = Kind.fromKey(s.text) else { return }
        decodeItem(item, kind: kind, key: s.text)
    }

    mutating func decodeItem(_ item: Node, kind: Kind, key: String) {
        if let record = decodeObject(item, spec: Schema.spec(for: kind), path: key) {
            objects[kind, default: []].append(Object(kind: kind, file: fileIndex, record: record))
        }
    }

    mutating func keyText(_ key: Node) -> String? {
        guard let s = key.scalar, s.value != .null else {
            error("键必须是字符串", "keys must be strings", at: key.mark)
            return nil
        }
        return s.text
    }

    mutating func unknownKey(_ key: String, allowed: [String], at mark: Mark, context: (String, String)) {
        if let guess = Diagnostic.suggestion(for: key, among: allowed) {
            error("\(context.0)有未知字段 “\(Printable.excerpt(key))”（是否想写 “\(guess)”？）", "unknown key '\(Printable.excerpt(key))' in \(context.1) (did you mean '\(guess)'?)", at: mark)
        } else {
            let list = allowed.joined(separator: ", ")
            error("\(context.0)有未知字段 “\(Printable.excerpt(key))”；允许的字段：\(list)；自定义字段请以 x- 开头", "unknown key '\(Printable.excerpt(key))' in \(context.1); allowed: \(list); custom keys must start with x-", at: mark)
        }
    }

    mutating func decodeObject(_ node: Node, spec: ObjectSpec, path: String) -> Record? {
        guard let pairs = node.mapping else {
            error("“\(path)” 的每一项应为映射（键: 值），实际是\(node.kindName.zh)", "each item of '\(path)' must be a mapping (key: value), found \(node.kindName.en)", at: node.mark)
            return nil
        }
        var fields: [Field] = []
        fields.reserveCapacity(pairs.count)
        let plan = FieldKey.plan(of: spec)
        for p in pairs.indices {
            guard let key = keyText(pairs[p].key) else { continue }
            if Self.isExtension(key) {
                fields.append(Field(name: key, value: .yaml(pairs[p].value), mark: pairs[p].value.mark))
                continue
            }
            guard let i = plan.index(of: key) else {
                unknownKey(key, allowed: plan.names, at: pairs[p].key.mark, context: ("\(path) ", path))
                continue
            }
            if let value = decodeValue(pairs[p].value, type: plan.types[i], name: key, required: plan.isRequired[i]) {
                fields.append(Field(key: plan.keys[i], value: value, mark: pairs[p].value.mark))
            }
        }
        if !relaxed {
            for i in plan.required where !fields.contains(where: { $0.key == plan.keys[i] }) {
                if !pairs.contains(where: { $0.key.scalar?.text == plan.names[i] }) {
                    let doc = spec.fields[i].doc
                    error("\(path) 缺少必填字段 “\(plan.names[i])”（\(doc.zh)）", "\(path) lacks the required key '\(plan.names[i])' (\(doc.en))", at: node.mark)
                }
            }
        }
        if let group = spec.exactlyOne {
            let present = group.filter { name in fields.contains { $0.name == name } }
            if present.count != 1 {
                let names = group.joined(separator: "、")
                error("\(path) 须且只能填写 \(names) 中的一个", "\(path) needs exactly one of \(group.joined(separator: ", "))", at: node.mark)
            }
        }
        return Record(mark: node.mark, fields: fields)
    }

    /// Decode a value; nil when it is null (absent) or wrong (an error is recorded).
    mutating func decodeValue(_ node: Node, type: FieldType, name: String, required: Bool) -> FieldValue? {
        if case .scalar(let s) = node.content, s.value == .null {
            if required {
                error("必填字段 “\(name)” 不能为空", "the required key '\(name)' must not be empty", at: node.mark)
            }
            return nil
        }
        switch type {
        case .any:
            return .yaml(node)
        case .list(let element):
            guard let items = node.sequence else {
                return wrongType(node, name, "列表", "a list")
            }
            var out: [Element] = []
            out.reserveCapacity(items.count)
            for item in items {
                if let v = decodeValue(item, type: element, name: name, required: true) {
                    out.append(Element(value: v, mark: item.mark))
                }
            }
            return .list(out)
        case .object(let spec):
            return decodeObject(node, spec: spec, path: name).map(FieldValue.record)
        default:
            break
        }
        guard let s = node.scalar else {
            return wrongType(node, name, "单个值", "a single value")
        }
        switch type {
        case .bool:
            if case .bool(let b) = s.value { return .bool(b) }
            return wrongType(node, name, "布尔值 true/false", "a boolean true/false")
        case .integer(let lo, let hi):
            guard case .int(let i) = s.value else { return wrongType(node, name, "整数", "an integer") }
            if let lo, i < lo { return outOfRange(node, name, i, lo, hi) }
            if let hi, i > hi { return outOfRange(node, name, i, lo, hi) }
            return .int(i)
        case .number(let lo, let hi):
            let d: Double
            switch s.value {
            case .int(let i): d = Double(i)
            case .float(let f) where f.isFinite: d = f
            default: return wrongType(node, name, "数值", "a number")
            }
            if let lo, d < lo {
                error("“\(name)” 的值 \(Printable.excerpt(s.text)) 小于下限 \(lo)", "'\(name)' is \(Printable.excerpt(s.text)), below the minimum \(lo)", at: node.mark)
                return nil
            }
            if let hi, d > hi {
                error("“\(name)” 的值 \(Printable.excerpt(s.text)) 大于上限 \(hi)", "'\(name)' is \(Printable.excerpt(s.text)), above the maximum \(hi)", at: node.mark)
                return nil
            }
            return .double(d)
        default:
            break
        }
        // Text-valued types: strings, and plain numbers taken as written ("150200").
        let text: String
        switch s.value {
        case .string, .int: text = s.text
        case .float: text = s.text
        default: return wrongType(node, name, "字符串", "a string")
        }
        switch type {
        case .string:
            // A required text (a name, say) must say something: `name: ""` is as good as no name.
            if required, !relaxed, text.allSatisfy(\.isWhitespace) {
                error("必填字段 “\(name)” 不能为空", "the required key '\(name)' must not be empty", at: node.mark)
                return nil
            }
            return .string(intern(text))
        case .identifier, .reference:
            guard Self.isIdentifier(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效编号：须以字母或数字开头，只含字母、数字、. _ -，且不含 “..” 或 “/”", "'\(name)' value '\(Printable.excerpt(text))' is not a valid id: it must start with a letter or digit and hold only letters, digits, '.', '_', '-', with no '..' or '/'", at: node.mark)
                return nil
            }
            // A page of the site is named after the id (units/<id>.html): an id must fit a file name.
            guard text.utf8.count <= Self.maxIdentifierLength else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 太长：编号最多 \(Self.maxIdentifierLength) 个字符", "'\(name)' value '\(Printable.excerpt(text))' is too long: an id has at most \(Self.maxIdentifierLength) characters", at: node.mark)
                return nil
            }
            return .string(text)
        case .region:
            guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是 6 位行政区划代码（如 \"150200\"）", "'\(name)' value '\(Printable.excerpt(text))' is not a six-digit GB/T 2260 code (such as \"150200\")", at: node.mark)
                return nil
            }
            return .string(text)
        case .date:
            guard let day = Day(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效日期（格式 YYYY-MM-DD，如 2026-09-30）", "'\(name)' value '\(Printable.excerpt(text))' is not a valid date (YYYY-MM-DD, such as 2026-09-30)", at: node.mark)
                return nil
            }
            guard Day.supportedYears.contains(day.year) else { return outOfYears(node, name, text) }
            return .date(day)
        case .instant:
            guard let instant = Instant(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效时间（RFC 3339，如 \"2026-09-21T10:00:00+08:00\"）", "'\(name)' value '\(Printable.excerpt(text))' is not a valid RFC 3339 instant (such as \"2026-09-21T10:00:00+08:00\")", at: node.mark)
                return nil
            }
            guard let year = Int(text.prefix(4)), Day.supportedYears.contains(year) else { return outOfYears(node, name, text) }
            return .instant(instant)
        case .choice(let options):
            guard options.contains(text) else {
                let hint = Diagnostic.suggestion(for: text, among: options).map { ("（是否想写 “\($0)”？）", " (did you mean '\($0)'?)") } ?? ("", "")
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不在允许范围内：\(options.joined(separator: " | "))\(hint.0)", "'\(name)' value '\(Printable.excerpt(text))' is not one of \(options.joined(separator: " | "))\(hint.1)", at: node.mark)
                return nil
            }
            return .string(text)
        case .ip:
            guard Network.isIP(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效 IP 地址", "'\(name)' value '\(Printable.excerpt(text))' is not a valid IP address", at: node.mark)
                return nil
            }
            return .string(text)
        case .cidr:
            guard Network.isCIDR(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效网段（CIDR，如 10.15.2.0/24）", "'\(name)' value '\(Printable.excerpt(text))' is not a valid CIDR (such as 10.15.2.0/24)", at: node.mark)
                return nil
            }
            return .string(text)
        case .mac:
            guard Network.isMAC(text) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 不是有效 MAC 地址（如 \"00:1a:2b:3c:4d:5e\"）", "'\(name)' value '\(Printable.excerpt(text))' is not a valid MAC address (such as \"00:1a:2b:3c:4d:5e\")", at: node.mark)
                return nil
            }
            return .string(text)
        case .target:
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let kinds = Schema.targetKinds.map(\.rawValue)
            guard parts.count == 2, kinds.contains(String(parts[0])), Self.isIdentifier(String(parts[1])) else {
                error("“\(name)” 的值 “\(Printable.excerpt(text))” 应为 类型/编号，类型为 \(kinds.joined(separator: "|"))，如 terminal/bt-sjj-0001", "'\(name)' value '\(Printable.excerpt(text))' must be KIND/ID with KIND one of \(kinds.joined(separator: "|")), such as terminal/bt-sjj-0001", at: node.mark)
                return nil
            }
            return .string(text)
        default:
            return .string(text)
        }
    }

    mutating func outOfYears(_ node: Node, _ name: String, _ text: String) -> FieldValue? {
        error("“\(name)” 的值 “\(Printable.excerpt(text))” 超出支持的范围（1900 至 2999 年）", "'\(name)' value '\(Printable.excerpt(text))' is outside the supported years 1900–2999", at: node.mark)
        return nil
    }

    /// The file's one copy of `text` (strings of up to 15 UTF-8 bytes are stored inline anyway).
    mutating func intern(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        return interned.insert(text).memberAfterInsert
    }

    mutating func wrongType(_ node: Node, _ name: String, _ zh: String, _ en: String) -> FieldValue? {
        let shown = node.scalar.map { " “\(Printable.excerpt($0.text))”" } ?? ""
        let shownEn = node.scalar.map { " '\(Printable.excerpt($0.text))'" } ?? ""
        error("“\(name)” 应为\(zh)，实际是\(node.kindName.zh)\(shown)", "'\(name)' must be \(en), found \(node.kindName.en)\(shownEn)", at: node.mark)
        return nil
    }

    mutating func outOfRange(_ node: Node, _ name: String, _ v: Int64, _ lo: Int64?, _ hi: Int64?) -> FieldValue? {
        let range = "\(lo.map(String.init) ?? "")–\(hi.map(String.init) ?? "")"
        error("“\(name)” 的值 \(v) 超出范围 \(range)", "'\(name)' value \(v) is outside \(range)", at: node.mark)
        return nil
    }

    /// Longest id, in characters (ids are ASCII).
    static let maxIdentifierLength = 128

    static func isIdentifier(_ s: String) -> Bool {
        let u = s.utf8
        guard let first = u.first, isAlnum(first) else { return false }
        var previous: UInt8 = 0
        for b in u {
            guard isAlnum(b) || b == 0x2E || b == 0x5F || b == 0x2D, !(b == 0x2E && previous == 0x2E) else { return false }
            previous = b
        }
        return true
    }

    /// `x-*` keys are kept and ignored.
    static func isExtension(_ key: String) -> Bool {
        var it = key.utf8.makeIterator()
        return it.next() == 0x78 && it.next() == 0x2D
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
