import CCmarkGFM
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Markdown → HTML through libcmark-gfm with the GitHub extensions (table,
/// strikethrough, autolink, tagfilter). Raw HTML in the input is not passed
/// through (CMARK_OPT_UNSAFE is never set), so inventory values rendered into
/// Markdown cannot inject markup.
public enum Markdown {
    /// The core extensions are registered once per process.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static let extensions = ["table", "strikethrough", "autolink", "tagfilter"]

    /// cmark-gfm keeps the inline special-character table in process-wide
    /// state that a parser changes while it runs (attaching strikethrough adds
    /// `~`, finishing removes it), so two parses at once lose each other's
    /// extensions. One parse at a time.
    private static let serial = Mutex(())

    public static func html(_ markdown: String) -> String {
        serial.withLock { _ in render(markdown) }
    }

    private static func render(_ markdown: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
