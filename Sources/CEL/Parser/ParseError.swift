/// A parse error with its position and a caret excerpt, formatted like cel-go:
///
///     ERROR: <input>:1:5: Syntax error: unexpected token '+'
///      | a + + b
///      | ....^
public struct CELParseError: Error, Sendable, CustomStringConvertible {
    /// 1-based line and column (columns count Unicode scalars).
    public let line: Int
    public let column: Int
    public let message: String
    /// Offset of the error in Unicode scalars from the start of the source.
    public let offset: Int
    /// The offending source line and a caret under the column.
    public let excerpt: String

    init(source: [Unicode.Scalar], offset: Int, message: String) {
        var line = 1, lineStart = 0
        let off = max(0, min(offset, source.count))
        for i in 0..<off where source[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        var lineEnd = lineStart
        while lineEnd < source.count, source[lineEnd] != "\n" { lineEnd += 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: source[lineStart..<lineEnd])
        self.line = line
        self.column = off - lineStart + 1
        self.message = message
        self.offset = off
        self.excerpt = " | " + text + "\n | " + String(repeating: ".", count: off - lineStart) + "^"
    }

    public var description: String {
        "ERROR: <input>:\(line):\(column): \(message)\n\(excerpt)"
    }
}
