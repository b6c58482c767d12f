import CEL
import Foundation
import Inventory
import Testing
@testable import Policy

/// Issue #16 A1: every message that names a threshold or a list takes it from `params`, so a
/// `--param` override shows in the message. Each parameter of every built-in rule is overridden
/// on the rule's first failing example and the message must change — except the parameters
/// listed in `unnamed`, which the messages do not name (with the reason).
@Suite("messages follow params")
struct MessageParamsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func rules() throws -> [Rule] {
        try RuleLoader().load(directory: root.appendingPathComponent("policies").path)
    }

    /// Parameters a message does not name, and why.
    static let unnamed: [String: String] = [
        // enumerated values of a field: the message names the object's kind ("政务云") or its own value
        "cloud_kinds": "the set of cloud kinds counted as 政务云; the message says 政务云",
        "accepted_results": "the accepted assessment results; the message says 未通过",
        "accepted": "the accepted disaster-recovery layouts; the message names the layout the text asks for",
        "allowed": "the allowed ways of internet interaction; the message names the exchange zone",
        "grades": "the data grades that count as sensitive; the message says 重要或承载敏感数据",
        "forbidden_kinds": "the cloud kinds forbidden; the message says 公共云",
        "kinds": "the data-centre kinds the rule covers; the message says 云计算数据中心",
        // a list the message reports through what it found, not through the list itself
        "remote_software": "the message names the software found (detail), not the list searched",
    ]

    /// A different value of the same type.
    static func changed(_ name: String, _ v: Value) -> Value {
        switch v {
        case .int(let i): return .int(i + 1)
        case .double(let d): return .double(d + 0.05)
        case .string(let s):
            if name == "period" { return .string(s == "calendar-year" ? "rolling-12-months" : "calendar-year") }
            if Day(s) != nil { return .string("2025-01-01") }
            return .string(s + "-x")
        case .list(let items): return .list(items.count > 1 ? Array(items.dropLast()) : items + [.string("x-extra")])
        case .bool(let b): return .bool(!b)
        default: return v
        }
    }

    @Test("each parameter's override changes the message of a failing example")
    func overridesShow() throws {
        let runner = ExampleRunner()
        var checked = 0
        for rule in try Self.rules() where !rule.params.isEmpty {
            guard let example = rule.examples.first(where: { !$0.expectPass }),
                  let base = runner.message(rule, example, overrides: []) else {
                Issue.record("\(rule.id): no failing example to render")
                continue
            }
            #expect(!base.zh.contains("<error"), "\(rule.id): \(base.zh)")
            for (name, value) in rule.params where Self.unnamed[name] == nil {
                let other = try #require(runner.message(rule, example, overrides: [(name, Self.changed(name, value))]))
                #expect(other.zh != base.zh, "\(rule.id): overriding \(name) does not change the zh message “\(base.zh)”")
                #expect(other.en != base.en, "\(rule.id): overriding \(name) does not change the en message “\(base.en)”")
                #expect(!other.zh.contains("<error") && !other.en.contains("<error"), "\(rule.id) with \(name) overridden: \(other.zh) / \(other.en)")
                checked += 1
            }
        }
        #expect(checked >= 40, "only \(checked) parameters checked")
    }

    @Test("BT-21 and BT-45-3 say the overridden numbers")
    func issueExamples() throws {
        let rules = try Self.rules()
        let runner = ExampleRunner()
        let bt21 = try #require(rules.first { $0.id == "BT-21" })
        let failing21 = try #require(bt21.examples.first { !$0.expectPass })
        let m = try #require(runner.message(bt21, failing21, overrides: [("months", .int(1))]))
        #expect(m.zh.contains("已超过 1 个月"), "\(m.zh)")
        let bt45 = try #require(rules.first { $0.id == "BT-45-3" })
        let failing45 = try #require(bt45.examples.first { !$0.expectPass })
        let n = try #require(runner.message(bt45, failing45, overrides: [("notices", .int(1))]))
        #expect(n.zh.contains("收到 1 次及以上"), "\(n.zh)")
    }
}
