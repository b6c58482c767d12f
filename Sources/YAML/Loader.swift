import CLibYAML
import Diagnostics
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Limits that keep a hostile file from exhausting time or memory.
public struct LoadLimits: Sendable {
    /// Largest file accepted, in bytes (32 MiB by default).
    public var maxFileSize: Int = 32 << 20
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int = 256
    /// Most nodes that aliases may add by expansion (billion-laughs guard).
    public var maxAliasExpansion: Int = 1_000_000

    public init(maxFileSize: Int = 32 << 20, maxDepth: Int = 256, maxAliasExpansion: Int = 1_000_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}

/// What to do with tags outside the YAML 1.2 core schema.
public enum TagPolicy: Sendable {
    /// Inventories and policies: only core tags (`!!str`, `!!int`, …) and `!` are accepted.
    case coreOnly
    /// Generic data: unknown tags are dropped and the node loads as its plain value.
    case lenient
}

/// Loads one YAML document from bytes or a file into a `Node` tree with marks,
/// using libyaml's event API (the system library, not a vendored copy).
public struct YAMLLoader: Sendable {
    public var limits: LoadLimits
    public var tagPolicy: TagPolicy

    public init(limits: LoadLimits = LoadLimits(), tagPolicy: TagPolicy = .coreOnly) {
        self.limits = limits
        self.tagPolicy = tagPolicy
    }

    /// Read and parse a file. `displayPath` is the name used in messages.
    /// Returns nil for a file that holds no document (empty or only comments).
    public func load(contentsOf path: String, displayPath: String? = nil) throws(DiagnosticList) -> Node? {
        let name = displayPath ?? path
        let bytes = try Self.read(path, displayPath: name, limit: limits.maxFileSize)
        return try parse(bytes, file: name)
    }

    /// Read and parse a file, handing over each item of the top-level lists
    /// that `streams` accepts (by their key) as soon as it is complete, so
    /// that no tree of the whole file is ever built: those lists are empty in
    /// the returned root. Problems are the same as `load`'s; when it throws,
    /// items already handed over belong to a file that did not load.
    public func load(contentsOf path: String, displayPath: String? = nil, streaming streams: (String) -> Bool,
                     item: (_ key: Node, _ item: Node) -> Void) throws(DiagnosticList) -> Node? {
        let name = displayPath ?? path
        let bytes = try Self.read(path, displayPath: name, limit: limits.maxFileSize)
        return try parse(bytes, file: name, streaming: streams, item: item)
    }

    /// `parse`, streaming the items of the top-level lists that `streams` accepts (see `load(contentsOf:streaming:item:)`).
    public func parse(_ bytes: [UInt8], file: String, streaming streams: (String) -> Bool,
                      item: (_ key: Node, _ item: Node) -> Void) throws(DiagnosticList) -> Node? {
        try withoutActuallyEscaping(streams) { (streams) throws(DiagnosticList) -> Node? in
            try withoutActuallyEscaping(item) { (item) throws(DiagnosticList) -> Node? in
                var builder = TreeBuilder(file: file, limits: limits, tagPolicy: tagPolicy, bytes: bytes)
                builder.sink = (streams, item)
                return try builder.run()
            }
        }
    }

    /// Read a file whole, refusing anything over `limit` bytes before reading it.
    public static func read(_ path: String, displayPath: String, limit: Int) throws(DiagnosticList) -> [UInt8] {
        let at = SourceLocation(file: displayPath, line: 1, column: 1)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DiagnosticList([Diagnostic(zh: "无法读取文件：\(String(cString: strerror(errno)))", en: "cannot read the file: \(String(cString: strerror(errno)))", at: at, step: "load")])
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DiagnosticList([Diagnostic(zh: "不是普通文件", en: "not a regular file", at: at, step: "load")])
        }
        let size = Int(info.st_size)
        guard size <= limit else {
            throw DiagnosticList([Diagnostic(
                zh: "文件大小 \(size) 字节超过上限 \(limit) 字节（可用 --max-file-size 调整）",
                en: "the file is \(size) bytes, over the limit of \(limit) bytes (see --max-file-size)", at: at, step: "load")])
        }
        guard let handle = fopen(path, "rb") else {
            throw DiagnosticList([Diagnostic(zh: "无法打开文件", en: "cannot open the file", at: at, step: "load")])
        }
        defer { fclose(handle) }
        var bytes = [UInt8](repeating: 0, count: size)
        let got = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, handle) }
        // The file may have grown since stat; never read past the limit.
        if got == size, size < limit {
            var extra: UInt8 = 0
            if fread(&extra, 1, 1, handle) == 1 {
                throw DiagnosticList([Diagnostic(zh: "文件在读取时发生变化", en: "the file changed while it was read", at: at, step: "load")])
            }
        }
        return Array(bytes.prefix(got))
    }

    /// Parse bytes holding at most one YAML document.
    public func parse(_ bytes: [UInt8], file: String) throws(DiagnosticList) -> Node? {
        var builder = TreeBuilder(file: file, limits: limits, tagPolicy: tagPolicy, bytes: bytes)
        return try builder.run()
    }

    public func parse(_ text: String, file: String) throws(DiagnosticList) -> Node? {
        try parse(Array(text.utf8), file: file)
    }
}

/// Turns libyaml events into nodes with an explicit stack, so nesting depth
/// costs heap, not call stack, and the depth limit is a clear error.
private struct TreeBuilder {
    /// An open collection. A class, so the innermost one is mutated through a
    /// reference: no copies of its arrays, no unwrapping on every event.
    final class Frame {
        var isMapping: Bool
        var mark: Mark
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var pairs: [Pair] = []
        var pendingKey: Node?
        var size = 1
        /// Set on a top-level list whose items go to the sink, not into `items`.
        var streamKey: Node?

        init(isMapping: Bool, mark: Mark, tag: String?, anchor: String?) {
            self.isMapping = isMapping
            self.mark = mark
            self.tag = tag
            self.anchor = anchor
        }

        /// Ready for a new collection at the same depth. The array it fills is
        /// emptied keeping its storage: once the node built from it last time
        /// is gone (a streamed object, decoded and dropped), no allocation.
        func reuse(isMapping: Bool, mark: Mark, tag: String?, anchor: String?) {
            self.isMapping = isMapping
            self.mark = mark
            self.tag = tag
            self.anchor = anchor
            if isMapping { pairs.removeAll(keepingCapacity: true) } else { items.removeAll(keepingCapacity: true) }
            pendingKey = nil
            size = 1
            streamKey = nil
        }
    }

    let file: String
    let limits: LoadLimits
    let tagPolicy: TagPolicy
    let bytes: [UInt8]
    /// Open collections below the innermost one; the innermost is `top`.
    var stack: [Frame] = []
    var top: Frame?
    /// A closed frame kept for reuse by the next collection at its depth.
    var spare: [Frame?] = []
    var anchors: [String: (node: Node, size: Int)] = [:]
    var expanded = 0
    var problems: [Diagnostic] = []
    var root: Node?
    var documents = 0
    /// Which top-level lists to stream (by key text), and where their items go.
    var sink: (streams: (String) -> Bool, item: (Node, Node) -> Void)?

    init(file: String, limits: LoadLimits, tagPolicy: TagPolicy, bytes: [UInt8]) {
        self.file = file
        self.limits = limits
        self.tagPolicy = tagPolicy
        self.bytes = bytes
    }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))
    }

    func fail(_ zh: String, _ en: String, at mark: Mark) -> DiagnosticList {
        DiagnosticList(problems + [Diagnostic(zh: zh, en: en, at: location(mark), step: "load")])
    }

    mutating func note(_ zh: String, _ en: String, at mark: Mark) {
        problems.append(Diagnostic(zh: zh, en: en, at: location(mark), step: "load"))
    }

    mutating func run() throws(DiagnosticList) -> Node? {
        try checkEncoding()
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            throw DiagnosticList([Diagnostic(zh: "libyaml 初始化失败", en: "libyaml failed to initialise", step: "load")])
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DiagnosticList) -> Node? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            while true {
                guard yaml_parser_parse(parser, event) == 1 else {
                    throw syntaxError(parser.pointee)
                }
                let done = event.pointee.type == YAML_STREAM_END_EVENT
                do throws(DiagnosticList) {
                    try handle(event.pointee)
                } catch {
                    yaml_event_delete(event)
                    throw error
                }
                yaml_event_delete(event)
                if done { break }
            }
            if !problems.isEmpty { throw DiagnosticList(problems) }
            return root
        }
    }

    /// libyaml would happily read UTF-16; inventories are UTF-8 only.
    func checkEncoding() throws(DiagnosticList) {
        let first = Mark(line: 1, column: 1)
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            throw fail("文件是 UTF-16 编码（有 UTF-16 字节序标记）；请另存为 UTF-8", "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8", at: first)
        }
        if bytes.count >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            throw fail("文件是 UTF-32 编码；请另存为 UTF-8", "the file is UTF-32; save it as UTF-8", at: first)
        }
    }

    /// Line and column of a byte offset (libyaml reports reader errors by offset).
    func mark(ofOffset offset: Int) -> Mark {
        var line = 1, column = 1, i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    func syntaxError(_ p: yaml_parser_t) -> DiagnosticList {
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        if p.error == YAML_READER_ERROR {
            let at = mark(ofOffset: p.problem_offset)
            var byte = ""
            if p.problem_value >= 0 { byte = String(format: " (0x%02X)", p.problem_value) }
            if problem.contains("control characters") {
                return fail("文件含有不允许的控制字符\(byte)（例如 NUL）", "the file contains a control character that YAML does not allow\(byte), such as NUL", at: at)
            }
            let gb: (zh: String, en: String) = GB18030.looksLike(bytes) ? GB18030.hint : ("", "")
            return fail("文件不是有效的 UTF-8：\(problem)\(byte)\(gb.zh)", "the file is not valid UTF-8: \(problem)\(byte)\(gb.en)", at: at)
        }
        let at = Mark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
        var context = ""
        if let c = p.context { context = String(cString: c) + ": " }
        let (zh, en) = Self.explain(problem)
        return fail("YAML 语法错误：\(context)\(problem)\(zh)", "YAML syntax error: \(context)\(problem)\(en)", at: at)
    }

    /// A hint in plain words for the libyaml messages people meet most.
    static func explain(_ problem: String) -> (String, String) {
        if problem.contains("cannot start any token") {
            return ("（常见原因：用制表符缩进，或未加引号的 @、` 开头）", " (often a tab used for indentation, or an unquoted value starting with @ or `)")
        }
        if problem.contains("mapping values are not allowed") {
            return ("（常见原因：值里有未加引号的冒号，或缩进不对）", " (often an unquoted colon inside a value, or wrong indentation)")
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return ("（常见原因：缩进不一致）", " (often inconsistent indentation)")
        }
        return ("", "")
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    mutating func handle(_ e: yaml_event_t) throws(DiagnosticList) {
        let mark = Mark(line: Int(e.start_mark.line) + 1, column: Int(e.start_mark.column) + 1)
        switch e.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw fail("一个文件只能有一个 YAML 文档（找到第二个 ---）", "a file may hold only one YAML document (found a second ---)", at: mark)
            }
        case YAML_SCALAR_EVENT:
            let s = e.data.scalar
            let text: String
            if let value = s.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: s.length), as: UTF8.self)
            } else {
                text = ""
            }
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let tag = Self.string(s.tag)
            let value = resolve(text: text, style: style, tag: tag, mark: mark)
            let node = Node(.scalar(Scalar(text: text, style: style, value: value)), mark: mark, tag: tag)
            try add(node, size: 1, anchor: Self.string(s.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count + (top == nil ? 0 : 1) < limits.maxDepth else {
                throw fail("嵌套超过 \(limits.maxDepth) 层", "nesting is deeper than \(limits.maxDepth) levels", at: mark)
            }
            let isMapping = e.type == YAML_MAPPING_START_EVENT
            let tag = Self.string(isMapping ? e.data.mapping_start.tag : e.data.sequence_start.tag)
            let anchor = Self.string(isMapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor)
            if let tag { checkCollectionTag(tag, isMapping: isMapping, mark: mark) }
            let depth = stack.count + (top == nil ? 0 : 1)
            let frame: Frame
            if depth < spare.count, let kept = spare[depth] {
                spare[depth] = nil
                kept.reuse(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor)
                frame = kept
            } else {
                frame = Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor)
            }
            if isMapping { frame.pairs.reserveCapacity(8) } else { frame.items.reserveCapacity(4) }
            // A list that is the value of a top-level key (never an anchored one: an alias would see it empty).
            if !isMapping, anchor == nil, let sink, stack.isEmpty, let parent = top, parent.isMapping,
               let key = parent.pendingKey, case .scalar(let k) = key.content, sink.streams(k.text) {
                frame.streamKey = key
            }
            if let open = top.take() { stack.append(open) }
            top = frame
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = top.take() else { return }
            top = stack.popLast()
            let node: Node
            if frame.isMapping {
                checkDuplicates(frame.pairs)
                node = Node(.mapping(frame.pairs), mark: frame.mark, tag: frame.tag)
            } else {
                node = Node(.sequence(frame.items), mark: frame.mark, tag: frame.tag)
            }
            let depth = stack.count + (top == nil ? 0 : 1)
            if depth >= spare.count { spare.append(contentsOf: repeatElement(nil, count: depth + 1 - spare.count)) }
            spare[depth] = frame
            try add(node, size: frame.size, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(e.data.alias.anchor) ?? ""
            guard let (node, size) = anchors[name] else {
                throw fail("别名 *\(name) 没有对应的锚点 &\(name)", "the alias *\(name) has no anchor &\(name) before it", at: mark)
            }
            expanded += size
            guard expanded <= limits.maxAliasExpansion else {
                throw fail("别名展开的节点超过 \(limits.maxAliasExpansion) 个（疑似“十亿笑声”攻击）", "aliases expand to more than \(limits.maxAliasExpansion) nodes (a billion-laughs document?)", at: mark)
            }
            var copy = node
            copy.mark = mark
            try add(copy, size: size, anchor: nil)
        default:
            break
        }
    }

    mutating func add(_ node: Node, size: Int, anchor: String?) throws(DiagnosticList) {
        if let anchor { anchors[anchor] = (node, size) }
        guard let frame = top else {
            root = node
            return
        }
        frame.size += size
        if let key = frame.streamKey, let sink {
            sink.item(key, node)
            return
        }
        if frame.isMapping {
            if let key = frame.pendingKey.take() {
                frame.pairs.append(Pair(key: key, value: node))
            } else {
                frame.pendingKey = node
            }
        } else {
            frame.items.append(node)
        }
    }

    mutating func checkDuplicates(_ pairs: [Pair]) {
        guard pairs.count > 1 else { return }
        // Small mappings (nearly all of them): compare keys pairwise, no allocation.
        if pairs.count <= 16 {
            for i in 1..<pairs.count {
                for j in 0..<i where Self.sameKey(pairs[i].key, pairs[j].key) {
                    duplicate(pairs[i].key, first: pairs[j].key.mark)
                    break
                }
            }
            return
        }
        var seen: [String: Mark] = [:]
        seen.reserveCapacity(pairs.count)
        for pair in pairs {
            let id = pair.key.identity
            if let first = seen[id] {
                duplicate(pair.key, first: first)
            } else {
                seen[id] = pair.key.mark
            }
        }
    }

    mutating func duplicate(_ key: Node, first: Mark) {
        let shown = key.scalar?.text ?? key.identity
        note("重复的键 “\(shown)”（第一次出现在第 \(first.line) 行）", "duplicate key '\(shown)' (first at line \(first.line))", at: key.mark)
    }

    /// Whether two keys resolve to the same value (`1` and `0x1` do).
    static func sameKey(_ a: Node, _ b: Node) -> Bool {
        if case .scalar(let x) = a.content, case .scalar(let y) = b.content {
            switch (x.value, y.value) {
            case (.string, .string): return x.text == y.text
            case (.null, .null): return true
            case let (.bool(p), .bool(q)): return p == q
            case let (.int(p), .int(q)): return p == q
            case let (.float(p), .float(q)): return p == q || (p.isNaN && q.isNaN)
            default: return false
            }
        }
        return a.identity == b.identity
    }

    static let coreCollectionTags: Set<String> = [CoreSchema.map, CoreSchema.seq]
    static let lenientCollectionTags: Set<String> = [
        "tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs",
    ]

    mutating func checkCollectionTag(_ tag: String, isMapping: Bool, mark: Mark) {
        if tag == "!" { return }
        if tag == CoreSchema.map && !isMapping || tag == CoreSchema.seq && isMapping {
            note("标签 \(tag) 与节点类型不符", "the tag \(tag) does not fit this node", at: mark)
            return
        }
        if Self.coreCollectionTags.contains(tag) { return }
        if tagPolicy == .coreOnly {
            note("不支持的标签 \(tag)：台账只接受 YAML 1.2 核心模式的标签", "unsupported tag \(tag): inventories accept only YAML 1.2 core schema tags", at: mark)
        }
    }

    mutating func resolve(text: String, style: ScalarStyle, tag: String?, mark: Mark) -> ScalarValue {
        guard let tag else {
            return style == .plain ? CoreSchema.resolve(plain: text) : .string
        }
        if tag == "!" { return .string }
        if tag.hasPrefix("tag:yaml.org,2002:") {
            if let value = CoreSchema.resolve(text, tag: tag) { return value }
            let core: Set<String> = [CoreSchema.str, CoreSchema.int, CoreSchema.float, CoreSchema.bool, CoreSchema.null]
            if core.contains(tag) {
                note("“\(text)” 不符合标签 \(tag)", "'\(text)' is not a valid \(tag)", at: mark)
                return .string
            }
        }
        if tagPolicy == .coreOnly {
            note("不支持的标签 \(tag)：台账只接受 YAML 1.2 核心模式的标签", "unsupported tag \(tag): inventories accept only YAML 1.2 core schema tags", at: mark)
            return .string
        }
        // Generic data: an unknown tag (`!foo`, `!!binary`, `!!timestamp`) is dropped.
        return style == .plain ? CoreSchema.resolve(plain: text) : .string
    }
}
