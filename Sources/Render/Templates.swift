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

    public init(files: [String: String]) {
        self.files = files
    }

    /// The built-in files (path relative to the repository, e.g.
    /// `templates/report.md.mustache`) overlaid with every `*.mustache` in
    /// `directory`.
    public static func load(builtin: [(path: String, data: Data)], overrides directory: String?) throws(Diagnostic) -> TemplateSet {
        var files: [String: String] = [:]
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
            }
        }
        return TemplateSet(files: files)
    }

    /// A library with every template registered under its file name without
    /// `.mustache` (`report.md`, `site-unit.html`); partials use those names.
    public func library() throws(Diagnostic) -> MustacheLibrary {
        _ = MarkdownContentType.registered
        _ = HTMLContentType.registered
        var library = MustacheLibrary()
        for name in files.keys.sorted() {
            let key = String(name.dropLast(".mustache".count))
            do {
                library.register(try MustacheTemplate(string: files[name] ?? ""), named: key)
            } catch {
                throw Diagnostic(zh: "模板语法错误：\(error)", en: "template syntax error: \(error)",
                                 at: SourceLocation(file: "templates/\(name)", line: 1, column: 1), step: "load templates")
            }
        }
        return library
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
