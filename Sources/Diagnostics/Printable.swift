/// Text from an inventory or a rule on its way to a person (a terminal, a CI
/// log, a spreadsheet): the one place where control characters are made
/// harmless (issue #19 item 14). A value must not move the cursor, erase a
/// line, set a window title or hide text, so every C0 and C1 control character
/// (and DEL) is written as `\u001b`, `\u0085`, … — the form JSON uses.
///
/// Callers: `Diagnostic.rendered` (every error on standard error), the CLI's
/// writer of human-readable standard output (text findings, `validate`'s
/// summary), `TextReport`, and `CSV` (which drops them instead).
public enum Printable {
    /// Whether the scalar is a control character: C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F).
    @inline(__always)
    public static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (c.value >= 0x7F && c.value <= 0x9F)
    }

    /// `text` with control characters escaped. Line feeds and tabs are kept when
    /// `keepingLines` (a multi-line report), escaped otherwise (one value on one line).
    /// When `colors`, the colour sequences `paint` writes (and only those) are kept.
    public static func escape(_ text: String, keepingLines: Bool = true, colors: Bool = false) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { isControl($0) && !(keepingLines && ($0 == "\n" || $0 == "\t")) }) else { return text }
        var out = String.UnicodeScalarView()
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if keepingLines, c == "\n" || c == "\t" {
                out.append(c)
            } else if isControl(c) {
                if colors, c == "\u{1B}", let end = ownColour(scalars, at: i) {
                    out.append(contentsOf: scalars[i..<end])
                    i = end
                    continue
                }
                out.append(contentsOf: hex(c).unicodeScalars)
            } else {
                out.append(c)
            }
            i = scalars.index(after: i)
        }
        return String(out)
    }

    /// `text` without control characters (CSV cells: a spreadsheet shows no escapes);
    /// line feeds, CRs and tabs are kept for the quoting to handle.
    public static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars where !isControl(c) || c == "\n" || c == "\r" || c == "\t" { out.append(c) }
        return String(out)
    }

    /// A value quoted in a message: escaped, on one line, and at most `limit`
    /// characters (then `…` and how long it was), so an error never echoes a
    /// whole file or a megabyte value (issue #19 item 7).
    public static func excerpt(_ value: String, limit: Int = 60) -> String {
        var short = ""
        var count = 0
        var cut = false
        for c in value {
            if count == limit { cut = true; break }
            short.append(c)
            count += 1
        }
        let escaped = escape(short, keepingLines: false)
        return cut ? escaped + "…（\(value.count)）" : escaped
    }

    /// `s` in colour `code` (an SGR parameter list such as `1;31`); `code` must be one of `colourCodes`.
    public static func paint(_ s: String, _ code: String) -> String {
        "\u{1B}[\(code)m\(s)\u{1B}[0m"
    }

    /// The SGR sequences yunwang itself writes; `escape(colors: true)` keeps only these.
    public static let colourCodes: Set<String> = ["0", "1", "2", "33", "35", "36", "1;31", "32", "1;32", "31"]

    /// The end of a colour sequence of ours starting at `i` (ESC [ code m), or nil.
    static func ownColour(_ s: String.UnicodeScalarView, at i: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index? {
        var j = s.index(after: i)
        guard j < s.endIndex, s[j] == "[" else { return nil }
        j = s.index(after: j)
        var code = ""
        while j < s.endIndex, code.count < 8, s[j] == ";" || ("0"..."9").contains(s[j]) {
            code.unicodeScalars.append(s[j])
            j = s.index(after: j)
        }
        guard j < s.endIndex, s[j] == "m", colourCodes.contains(code) else { return nil }
        return s.index(after: j)
    }

    static func hex(_ c: Unicode.Scalar) -> String {
        let digits = Array("0123456789abcdef")
        let v = Int(c.value)
        return "\\u00" + String(digits[(v >> 4) & 0xF]) + String(digits[v & 0xF])
    }
}
