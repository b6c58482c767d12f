import Diagnostics
import Foundation
import Mustache

/// The Mustache templates of the report and the site (DESIGN §6): the
/// built-in files of `templates/`, overridden by file name from
/// `--templates DIR`. Values are escaped by the template's content type:
/// HTML (the default) for pages, MARKDOWN for `*.md.mustache`.
public struct TemplateSet: Sendable {
    /// File name (`report.md.mustache`) → text.
    public var files: [String: String]
    /// File name → where it was read (`--templates DIR/…`), for messages.
    var paths: [String: String] = [:]

    public init(files: [String: String]) {
        self.files = files
    }

    /// Deepest nesting of sections a template may have: swift-mustache
    /// parses sections recursively, and a hostile `--templates` file nested
    /// thousands deep would overflow the stack instead of failing cleanly.
    static let maxNesting = 100

    /// The built-in files (path relative to the repository, e.g.
    /// `templates/report.md.mustache`) overlaid with every `*.mustache` in
    /// `directory`.
    public static func load(builtin: [(path: String, data: Data)], overrides directory: String?) throws(Diagnostic) -> TemplateSet {
        var files: [String: String] = [:]
        var paths: [String: String] = [:]
        for file in builtin where file.path.hasPrefix("templates/") && file.path.hasSuffix(".mustache") {
            files[String(file.path.dropFirst("templates/".count))] = String(decoding: file.data, as: UTF8.self)
        }
        if let directory {
            let fm = FileManager.default
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue,
                  let names = try? fm.contentsOfDirectory(atPath: directory) else {
                throw Diagnostic(zh: "--templates \(directory): 不是目录", en: "--templates \(directory): not a directory",
                                 at: SourceLocation(file: directory, line: 1, column: 1), step: "load templates")
            }
            for name in names.sorted() where name.hasSuffix(".mustache") {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw Diagnostic(zh: "无法以 UTF-8 读取模板", en: "cannot read the template as UTF-8",
                                     at: SourceLocation(file: path, line: 1, column: 1), step: "load templates")
                }
                files[name] = text
                paths[name] = path
            }
        }
        var set = TemplateSet(files: files)
        set.paths = paths
        return set
    }

    /// Where the template `name` (`report.md`, `site-unit.html`) was read, for messages.
    public func file(of name: String) -> String {
        paths[name + ".mustache"] ?? "templates/\(name).mustache"
    }

    /// A library with every template registered under its file name without
    /// `.mustache` (`report.md`, `site-unit.html`); partials use those names.
    public func library() throws(Diagnostic) -> MustacheLibrary {
        _ = MarkdownContentType.registered
        _ = HTMLContentType.registered
        var library = MustacheLibrary()
        var includes: [String: [(name: String, at: SourceLocation)]] = [:]
        for name in files.keys.sorted() {
            includes[String(name.dropLast(".mustache".count))] = try Self.checkNesting(files[name] ?? "", file: paths[name] ?? "templates/\(name)")
        }
        try Self.checkCycles(includes)
        // A partial that does not exist renders as nothing: a typo would silently drop a section.
        for name in includes.keys.sorted() {
            for include in includes[name] ?? [] where includes[include.name] == nil {
                throw Diagnostic(zh: "模板包含的局部模板 \(include.name) 不存在（没有 \(include.name).mustache）",
                                 en: "the partial \(include.name) does not exist (there is no \(include.name).mustache)",
                                 at: include.at, step: "load templates")
            }
        }
        for name in files.keys.sorted() {
            let key = String(name.dropLast(".mustache".count))
            let file = paths[name] ?? "templates/\(name)"
            let text = files[name] ?? ""
            do {
                library.register(try MustacheTemplate(string: text), named: key)
            } catch let error as MustacheTemplate.ParserError {
                throw Diagnostic(zh: "模板语法错误：\(error.error)", en: "template syntax error: \(error.error)",
                                 at: SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber), step: "load templates")
            } catch {
                throw Diagnostic(zh: "模板语法错误：\(error)", en: "template syntax error: \(error)",
                                 at: SourceLocation(file: file, line: 1, column: 1), step: "load templates")
            }
        }
        return library
    }
}

extension TemplateSet {
    /// Refuse sections nested deeper than `maxNesting`, at the tag that goes
    /// too deep. Follows `{{=<% %>=}}` delimiter changes.
    /// Returns the partials (and parents) the template includes, with where.
    @discardableResult
    static func checkNesting(_ text: String, file: String) throws(Diagnostic) -> [(name: String, at: SourceLocation)] {
        var includes: [(name: String, at: SourceLocation)] = []
        let bytes = Array(text.utf8)
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var depth = 0, i = 0
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard !needle.isEmpty, start + needle.count <= bytes.count else { return nil }
            var j = start
            while j + needle.count <= bytes.count {
                if bytes[j] == needle[0], bytes[j..<(j + needle.count)].elementsEqual(needle) { return j }
                j += 1
            }
            return nil
        }
        while let tag = find(open, from: i) {
            let start = tag + open.count
            guard let end = find(close, from: start) else { return includes }
            let next = end + close.count
            var k = start
            while k < end, bytes[k] == 0x20 { k += 1 }
            if k < end {
                switch bytes[k] {
                case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                    depth += 1
                    if depth > maxNesting {
                        throw Diagnostic(zh: "模板的段落嵌套超过 \(maxNesting) 层", en: "the template nests sections deeper than \(maxNesting) levels",
                                         at: place(tag), step: "load templates")
                    }
                    if bytes[k] == UInt8(ascii: "<") { includes.append((name(k + 1, end), place(tag))) }
                case UInt8(ascii: ">"):
                    includes.append((name(k + 1, end), place(tag)))
                case UInt8(ascii: "/"):
                    depth = max(0, depth - 1)
                case UInt8(ascii: "="):
                    // {{=<% %>=}}: new delimiters.
                    let inner = String(decoding: bytes[(k + 1)..<end], as: UTF8.self)
                        .trimmingCharacters(in: CharacterSet(charactersIn: "= "))
                    let parts = inner.split(separator: " ", omittingEmptySubsequences: true)
                    if parts.count == 2 {
                        open = Array(parts[0].utf8)
                        close = Array(parts[1].utf8)
                    }
                default:
                    break
                }
            }
            i = next
        }
        return includes

        func place(_ offset: Int) -> SourceLocation {
            let before = bytes[..<offset]
            let line = before.filter { $0 == 0x0A }.count + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            return SourceLocation(file: file, line: line, column: column)
        }
        func name(_ from: Int, _ to: Int) -> String {
            String(decoding: bytes[from..<to], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }

    /// Refuse partials that include themselves, directly or through others:
    /// swift-mustache would recurse until the stack overflows.
    static func checkCycles(_ includes: [String: [(name: String, at: SourceLocation)]]) throws(Diagnostic) {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ template: String) throws(Diagnostic) {
            state[template] = 1
            for include in includes[template] ?? [] where includes[include.name] != nil {
                switch state[include.name] {
                case 1:
                    throw Diagnostic(zh: "模板 \(include.name) 经局部模板包含了自己（循环包含会使渲染无法结束）",
                                     en: "the template \(include.name) includes itself through partials (a cycle never ends)",
                                     at: include.at, step: "load templates")
                case 2: continue
                default: try visit(include.name)
                }
            }
            state[template] = 2
        }
        for template in includes.keys.sorted() where state[template] == nil { try visit(template) }
    }
}

/// `{{% CONTENT_TYPE: MARKDOWN }}`: `{{value}}` is escaped for CommonMark,
/// so an inventory value cannot open a link, emphasis, heading or table cell.
struct MarkdownContentType: MustacheContentType {
    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        return true
    }()

    func escapeText(_ text: String) -> String { Escape.markdown(text) }
}

/// Escapers for values placed into Markdown, HTML and XML/SVG by Swift code.
public enum Escape {
    /// Backslash before the characters that make inline Markdown (emphasis,
    /// links, code, raw HTML, autolinks, tables), and before those that open
    /// a block (`#`, `-`, `+`, `=`, `1.`) when the value starts with them.
    /// Line breaks fold to spaces, so the value stays one run of text.
    /// (`www.` and `http://` stay text; an e-mail address still becomes a
    /// `mailto:` link in HTML, as the GFM autolink extension links it
    /// across escapes.)
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        var leadingDigits = true
        for (i, scalar) in s.unicodeScalars.enumerated() {
            let atStart = i == 0
            switch scalar {
            case "\n", "\r", "\u{2028}", "\u{2029}":
                out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "!", "&", ":", "@", ".", "{", "}", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "#" where atStart, "+" where atStart, "-" where atStart, "=" where atStart:
                out += "\\"
                out.unicodeScalars.append(scalar)
            case ")" where leadingDigits && i > 0:
                out += "\\)"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
            if !(scalar >= "0" && scalar <= "9") { leadingDigits = false }
        }
        return out
    }

    /// Text and attribute values in HTML and SVG: `<` `>` `&` `"` `'` become
    /// `&lt;` `&gt;` `&amp;` `&quot;` `&#39;`, byte by byte (each is one
    /// UTF-8 byte that never occurs inside a multi-byte sequence), so a
    /// combining mark after a quote cannot hide it. A value without any of
    /// them is returned as it is, without a copy.
    public static func html(_ s: String) -> String {
        var s = s
        return s.withUTF8 { src -> String? in
            var extra = 0
            for b in src where b <= 0x3E {
                switch b {
                case 0x3C, 0x3E: extra &+= 3   // < >  → &lt; &gt;
                case 0x26, 0x27: extra &+= 4   // & '  → &amp; &#39;
                case 0x22: extra &+= 5         // "    → &quot;
                default: break
                }
            }
            guard extra > 0 else { return nil }
            return String(unsafeUninitializedCapacity: src.count + extra) { dst in
                var j = 0
                @inline(__always) func put(_ bytes: StaticString) {
                    bytes.withUTF8Buffer { for c in $0 { dst[j] = c; j &+= 1 } }
                }
                for b in src {
                    switch b {
                    case 0x3C: put("&lt;")
                    case 0x3E: put("&gt;")
                    case 0x26: put("&amp;")
                    case 0x22: put("&quot;")
                    case 0x27: put("&#39;")
                    default: dst[j] = b; j &+= 1
                    }
                }
                return j
            }
        } ?? s
    }
}

/// `{{% CONTENT_TYPE: HTML }}`, the first line of the site's templates:
/// `{{value}}` is escaped by `Escape.html`, which replaces the same five
/// characters as swift-mustache's built-in HTML escaping (the default of a
/// template without the line), byte by byte instead of character by
/// character with a dictionary look-up each (on the site's pages about 170
/// instead of 9,000 instructions a value), and a quote or bracket followed by
/// a combining mark (one Swift `Character`, which the built-in escaping
/// leaves alone, so `"\u{301}` could end an attribute) is escaped too.
struct HTMLContentType: MustacheContentType {
    static let registered: Bool = {
        MustacheContentTypes.register(HTMLContentType(), named: "HTML")
        return true
    }()

    func escapeText(_ text: String) -> String { Escape.html(text) }
}
