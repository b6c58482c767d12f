import Diagnostics
import Foundation
import Inventory
import Policy

/// An earlier findings.json (`check --format json`, or a site's
/// findings.json), read for `--previous` and `--history`.
public struct PastFindings: Sendable {
    /// One earlier finding, as the strict findings-JSON reader returns it.
    public typealias Entry = FindingsDiff.Entry

    public var file: String
    public var asOf: String
    public var entries: [Entry]
    public var open: Int

    /// Read one file through the same strict reader as `yunwang diff`
    /// (errors name the place in the file).
    public static func read(_ path: String) throws(Diagnostic) -> PastFindings {
        let document = try FindingsDiff.read(path)
        let entries = document.entries
        return PastFindings(file: path, asOf: document.asOf ?? "", entries: entries,
                            open: entries.filter { $0.status == "open" }.count)
    }

    /// Fingerprint → the date each finding was first seen open (DESIGN §9): its own
    /// `first_seen` where the file has one, else this file's as-of; waived entries
    /// count only with a `first_seen` of their own (they were open before).
    public var firstSeen: [String: Day] {
        let asOfDay = Day(asOf)
        var out: [String: Day] = [:]
        for e in entries {
            guard let day = e.firstSeen ?? (e.status == "waived" ? nil : asOfDay) else { continue }
            if let known = out[e.fingerprint], known <= day { continue }
            out[e.fingerprint] = day
        }
        return out
    }

    /// Every `*.json` directly in a folder, in as-of order (then file name).
    public static func readHistory(_ directory: String) throws(Diagnostic) -> [PastFindings] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw Diagnostic(zh: "--history 不是可读的目录", en: "--history is not a readable directory",
                             at: SourceLocation(file: directory, line: 1, column: 1), step: "load history")
        }
        var out: [PastFindings] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            out.append(try read((directory as NSString).appendingPathComponent(name)))
        }
        return out.sorted { ($0.asOf, $0.file) < ($1.asOf, $1.file) }
    }
}

/// New, fixed and unchanged findings against a previous result: the same
/// computation as `yunwang diff` (`FindingsDiff.compare`), so the report,
/// the site and `diff` give the same three numbers for the same two runs.
/// Waived findings count like any other (a finding that became waived is
/// unchanged, with its status changed).
public struct FindingsChange: Sendable {
    public var new: [Finding] = []
    public var fixed: [PastFindings.Entry] = []
    public var unchanged: [Finding] = []

    public init(current: [Finding], previous: PastFindings) {
        let split = FindingsDiff.compare(old: previous.entries.map(\.fingerprint), new: current.map(\.fingerprint))
        new = split.added.map { current[$0] }
        unchanged = split.unchanged.map { current[$0.0] }
        fixed = split.fixed.map { previous.entries[$0] }
    }
}
