import Foundation
@testable import CEL

/// Directory of this test target's sources (fixtures are found via #filePath).
func testsDirectory(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent()
}

/// Parses and evaluates, returning the value or the parse error text.
func eval(_ expr: String, _ bindings: [String: Value] = [:], options: CELOptions = CELOptions()) -> Value {
    do {
        return try Program(parsing: expr, options: options).evaluate(Activation(bindings))
    } catch {
        return .error("PARSE: \(error.description)")
    }
}

/// Strict equality for tests: same CEL type and equal value (NaN equals NaN).
func strictEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
    case (.list(let x), .list(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { strictEqual($0, $1) }
    case (.map(let x), .map(let y)):
        guard x.count == y.count else { return false }
        for (k, v) in x.entries {
            guard let w = y.get(k), strictEqual(v, w) else { return false }
        }
        return true
    case (.error(let x), .error(let y)): return x == y
    default:
        return a.celType == b.celType && celEquals(a, b)
    }
}
