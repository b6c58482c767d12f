import Foundation
import Testing

/// The sample inventories under `examples/` mark every violation they plant with a
/// YAML comment on the first line of the object the finding targets:
///
///     - id: bt-jyj-0004  # 违规 BT-42-8: 装有 ToDesk
///     - id: bt-sjj-0009  # 违规 BT-42-8（已豁免）: 装有向日葵(有效豁免至 2026-12-31)
///
/// (several joined by " | "; `（已豁免）` = a valid waiver covers it, so it is reported
/// as waived).  `yunwang check` must report exactly these: each planted violation once,
/// on the object whose `id` is on that line, with the right status and a location inside
/// the object (or, for rules over events, at the most recent event of the types the rule
/// names); and nothing that is not planted.
@Suite("planted violations in the examples")
struct PlantedViolationsTests {
    static let examplesRoot = CLI.repository.appendingPathComponent("examples")

    /// Every folder under examples/ holding an inventory.
    static let examples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesRoot.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: examplesRoot.appendingPathComponent("\($0)/inventory.yaml").path)
        }.sorted()
    }()

    /// Rule ids reported by the engine itself rather than by a policy file.
    static let engineRules: Set<String> = ["PLAN-DEADLINE", "WAIVER-EXPIRED", "WAIVER-UNUSED", "WAIVER-EXPIRING", "RECT-NOT-FIXED", "RECT-UNUSED"]
    static let eventTypes = ["alert", "risk-notice", "risk-assessment", "drill", "data-risk-assessment"]
    static let asOf = "2026-09-30"

    // MARK: - Reading the example YAML (line-based: the examples are generated in a fixed shape)

    struct Object: CustomStringConvertible {
        var file: String
        var kind: String
        var id: String
        var lines: ClosedRange<Int>   // 1-based, the object's first to last line
        var expiresLine: Int?         // waivers: the `expires:` line
        var description: String { "\(kind)/\(id) (\(file):\(lines.lowerBound)-\(lines.upperBound))" }
    }

    struct Planted: CustomStringConvertible {
        var object: Object
        var rule: String
        var waived: Bool
        var description: String { "\(rule)\(waived ? "（已豁免）" : "") on \(object)" }
    }

    struct Event {
        var file: String
        var line: Int
        var type: String
        var unit: String
        var system: String?
        var at: Date
    }

    struct Example {
        var planted: [Planted] = []
        var events: [Event] = []
    }

    static let sections = ["inventory": "inventory", "units": "unit", "terminals": "terminal", "systems": "system",
                           "clouds": "cloud", "datacenters": "datacenter", "exits": "exit", "events": "event",
                           "tasks": "task", "waivers": "waiver", "rectifications": "rectification"]

    static func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }

    /// The text of a line before its comment (comments in the examples follow two spaces).
    static func code(_ line: Substring) -> Substring {
        if let r = line.range(of: "  #") { return line[..<r.lowerBound] }
        if line.drop(while: { $0 == " " }).hasPrefix("#") { return "" }
        return line
    }

    static func comment(_ line: Substring) -> Substring? {
        guard let r = line.range(of: "  #") else { return nil }
        return line[r.upperBound...]
    }

    /// `key: value` pairs of a one-line flow mapping `- {a: 1, b: "x, y"}`.
    static func flowPairs(_ text: Substring) -> [String: String] {
        var out: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"([A-Za-z_]+):\s*("(?:[^"\\]|\\.)*"|[^,{}]*)"#)
        let s = String(text)
        for m in pattern.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            let key = String(s[Range(m.range(at: 1), in: s)!])
            var value = String(s[Range(m.range(at: 2), in: s)!]).trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            if out[key] == nil { out[key] = value }
        }
        return out
    }

    static func yamlFiles(_ root: URL) -> [String] {
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: root.path)
        while let rel = e?.nextObject() as? String {
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { out.append(rel) }
        }
        return out.sorted()
    }

    static func instant(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    static func read(_ name: String) throws -> Example {
        let root = examplesRoot.appendingPathComponent(name)
        var example = Example()
        for rel in yamlFiles(root) {
            let text = try String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var section: String?
            for (i, line) in lines.enumerated() {
                let number = i + 1
                let body = code(line)
                if indent(line) == 0, let colon = body.firstIndex(of: ":"), !body.hasPrefix("#"), !body.hasPrefix("-") {
                    section = sections[String(body[..<colon])]
                }
                guard let kind = section else { continue }
                let isItem = body.drop { $0 == " " }.hasPrefix("- ")
                let isInventory = kind == "inventory" && indent(line) == 0 && body.hasPrefix("inventory:")
                guard isItem || isInventory else { continue }
                // The object: this line and the more-indented lines after it.
                let start = indent(line)
                var last = number
                var j = i + 1
                while j < lines.count {
                    let next = lines[j]
                    if next.trimmingCharacters(in: .whitespaces).isEmpty { j += 1; continue }
                    if indent(next) <= start { break }
                    last = j + 1
                    j += 1
                }
                let objectLines = Array(lines[i..<last])
                let item = body.drop { $0 == " " }.dropFirst(isItem ? 2 : 0)
                var id = ""
                var expires: Int?
                if isInventory {
                    id = "inventory"
                } else if item.hasPrefix("{") {
                    let pairs = flowPairs(item)
                    if kind == "task" {
                        id = "\(pairs["plan"] ?? "")/\(pairs["no"] ?? "")"
                    } else if kind == "event" {
                        if let type = pairs["type"], let unit = pairs["unit"], let at = pairs["at"].flatMap(instant) {
                            example.events.append(Event(file: rel, line: number, type: type, unit: unit, system: pairs["system"], at: at))
                        }
                        id = pairs["id"] ?? ""
                    } else {
                        id = pairs["id"] ?? ""
                    }
                } else if item.hasPrefix("id:") {
                    id = item.dropFirst(3).trimmingCharacters(in: .whitespaces)
                } else if kind == "waiver" || kind == "rectification", item.hasPrefix("rule:") {
                    let rule = item.dropFirst(5).trimmingCharacters(in: .whitespaces)
                    var target = ""
                    for (k, l) in objectLines.enumerated() {
                        let t = code(l).trimmingCharacters(in: .whitespaces)
                        if t.hasPrefix("target:") { target = t.dropFirst(7).trimmingCharacters(in: .whitespaces) }
                        if t.hasPrefix("expires:") { expires = number + k }
                    }
                    id = "\(rule)@\(target)"
                }
                guard let note = comment(line), note.contains("违规") else { continue }
                let object = Object(file: rel, kind: kind, id: id, lines: number...last, expiresLine: expires)
                #expect(!id.isEmpty && id != "/", "\(name)/\(rel):\(number): planted violation on an object without an id")
                for part in note.components(separatedBy: " | ") {
                    let p = part.trimmingCharacters(in: .whitespaces)
                    guard let r = p.range(of: "违规") else { continue }
                    let rest = p[r.upperBound...].trimmingCharacters(in: .whitespaces)
                    let rule = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
                    #expect(!rule.isEmpty, "\(name)/\(rel):\(number): cannot read the rule id in '\(p)'")
                    let waived = rest.dropFirst(rule.count).hasPrefix("（已豁免）")
                    example.planted.append(Planted(object: object, rule: rule, waived: waived))
                }
            }
        }
        return example
    }

    // MARK: - Rules

    /// The event types a rule's expressions name, if the rule reads events.
    static func eventTypes(of rule: String) -> [String] {
        guard let path = policyFiles[rule], let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        let expressions = text.split(separator: "\n").prefix { !$0.hasPrefix("examples:") }.joined(separator: "\n")
        guard expressions.contains(".events") else { return [] }
        return eventTypes.filter { expressions.contains("'\($0)'") || expressions.contains("\"\($0)\"") }
    }

    static let policyFiles: [String: String] = {
        var out: [String: String] = [:]
        let root = CLI.repository.appendingPathComponent("policies")
        for rel in yamlFiles(root) {
            out[URL(fileURLWithPath: rel).deletingPathExtension().lastPathComponent] = root.appendingPathComponent(rel).path
        }
        return out
    }()

    static func findings(_ name: String) throws -> [[String: Any]] {
        let r = try CLI.run(["check", "examples/\(name)", "--format", "json", "--as-of", asOf, "--fail-on", "never"])
        #expect(r.code == 0, "check examples/\(name): \(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        return doc["findings"] as? [[String: Any]] ?? []
    }

    struct Found {
        var rule: String
        var kind: String
        var id: String
        var status: String
        var file: String
        var line: Int
        var key: String { "\(rule) \(kind)/\(id)" }
    }

    static func found(_ f: [String: Any]) -> Found {
        let target = f["target"] as? [String: Any] ?? [:]
        let location = f["location"] as? [String: Any] ?? [:]
        return Found(rule: f["rule"] as? String ?? "", kind: target["kind"] as? String ?? "", id: target["id"] as? String ?? "",
                     status: f["status"] as? String ?? "", file: location["file"] as? String ?? "", line: location["line"] as? Int ?? 0)
    }

    // MARK: - Tests

    @Test("there are examples to check")
    func examplesExist() {
        #expect(Set(["baotou", "xingan", "henan"]).isSubset(of: Set(Self.examples)))
    }

    @Test("each example validates", arguments: examples)
    func validates(_ name: String) throws {
        let r = try CLI.run(["validate", "examples/\(name)"])
        #expect(r.code == 0, "\(r.out)\(r.err)")
    }

    @Test("check reports exactly the planted violations, at the right place", arguments: examples)
    func plantedViolationsAreReported(_ name: String) throws {
        let example = try Self.read(name)
        #expect(!example.planted.isEmpty, "examples/\(name) plants no violation")
        let all = try Self.findings(name).map(Self.found)
        var byKey: [String: [Found]] = [:]
        for f in all { byKey[f.key, default: []].append(f) }

        for p in example.planted {
            let key = "\(p.rule) \(p.object.kind)/\(p.object.id)"
            let matches = byKey[key] ?? []
            guard let f = matches.first else {
                Issue.record("examples/\(name): planted \(p) is not reported")
                continue
            }
            #expect(matches.count == 1, "examples/\(name): \(key) reported \(matches.count) times")
            #expect(f.status == (p.waived ? "waived" : "open"), "examples/\(name): \(key) has status \(f.status)")
            try checkLocation(name, p, f, example)
        }

        let planted = Set(example.planted.map { "\($0.rule) \($0.object.kind)/\($0.object.id)" })
        for f in all where !planted.contains(f.key) {
            Issue.record("examples/\(name): \(f.status) finding \(f.key) at \(f.file):\(f.line) is not planted")
        }
    }

    func checkLocation(_ name: String, _ p: Planted, _ f: Found, _ example: Example) throws {
        let here = "examples/\(name): \(p.rule) \(p.object.kind)/\(p.object.id) located at \(f.file):\(f.line)"
        if p.object.kind == "waiver" {
            #expect(f.file == p.object.file && f.line == p.object.expiresLine, "\(here), not at the waiver's expires: line \(p.object.expiresLine ?? 0)")
            return
        }
        let types = Self.eventTypes(of: p.rule)
        let counted = example.events.filter { e in
            guard types.contains(e.type) else { return false }
            switch p.object.kind {
            case "unit": return e.unit == p.object.id
            case "system": return e.system == p.object.id
            case "inventory": return true
            default: return false
            }
        }
        guard let latest = counted.map(\.at).max() else {
            #expect(f.file == p.object.file && p.object.lines.contains(f.line), "\(here), outside \(p.object)")
            return
        }
        // Rules over events point at the most recent event of the types they name.
        let expected = counted.filter { $0.at == latest }
        let atEvent = expected.contains { $0.file == f.file && $0.line == f.line }
        // Unit, system and inventory rules over events all point at the most recent counted event.
        #expect(atEvent, "\(here), not at the most recent \(types) event \(expected.map { "\($0.file):\($0.line)" })")
    }

    @Test("every rule fires in some example")
    func everyRuleFires() throws {
        let r = try CLI.run(["policy", "list", "--format", "json"])
        #expect(r.code == 0)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        let all = Set(rules.compactMap { $0["id"] as? String }).union(Self.engineRules)
        var fired = Set<String>()
        for name in Self.examples {
            fired.formUnion(try Self.findings(name).compactMap { $0["rule"] as? String })
        }
        #expect(all.subtracting(fired).sorted() == [], "rules that fire in no example")
        #expect(fired.subtracting(all).sorted() == [], "findings of unknown rules")
    }
}
