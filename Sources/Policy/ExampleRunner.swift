import CEL
import Diagnostics
import Inventory
import YAML

/// Runs a rule's examples (`yunwang policy test`): each example's `self`
/// (and `inv` parts) is decoded by the schema exactly as an inventory is,
/// assembled into a small inventory, and the rule must pass or fail as the
/// example says.
public struct ExampleRunner: Sendable {
    public struct Outcome: Sendable {
        public var rule: String
        public var location: SourceLocation
        public var expectedPass: Bool
        /// nil when the example itself is malformed or the rule errs.
        public var passed: Bool?
        public var problem: String?
        /// The message a failing example rendered.
        public var message: Localized?

        public var ok: Bool { passed == expectedPass }
    }

    public static let defaultAsOf = Day(year: 2026, month: 9, day: 30)

    public init() {}

    public func run(_ rule: Rule) -> [Outcome] {
        // Like `check`: a rule over the cost limit on one example, or over its total budget,
        // is not run on the rest (300 examples of a cost bomb would take minutes).
        var spent = 0
        let budget = Evaluation.budget(costLimit: rule.assert.options.costLimit, objects: rule.examples.count)
        var stopped: String?
        var outcomes: [Outcome] = []
        for example in rule.examples {
            if let stopped {
                var outcome = Outcome(rule: rule.id, location: example.location, expectedPass: example.expectPass)
                outcome.problem = stopped
                outcomes.append(outcome)
                continue
            }
            let outcome = run(rule, example, cost: &spent)
            outcomes.append(outcome)
            if outcome.problem?.hasSuffix("cost limit exceeded") == true {
                stopped = "not run: an earlier example exceeded the cost limit"
            } else if spent > budget {
                stopped = "not run: the rule's examples exceeded its total cost budget of \(budget)"
            }
        }
        return outcomes
    }

    func run(_ rule: Rule, _ example: RuleExample) -> Outcome {
        var spent = 0
        return run(rule, example, cost: &spent)
    }

    func run(_ rule: Rule, _ example: RuleExample, cost spent: inout Int) -> Outcome {
        var outcome = Outcome(rule: rule.id, location: example.location, expectedPass: example.expectPass)
        do throws(ExampleError) {
            let (inventory, index, asOf, overrides) = try assemble(rule, example)
            let bridge = Bridge(inventory, asOf: asOf)
            let params = Checker.params(rule, inventory: [], cli: overrides)
            let selfValue: Value
            if rule.appliesTo == .inventory {
                selfValue = .map(CELMap(provider: RecordProvider(bridge: bridge, record: inventory.header.record, spec: Schema.inventory)))
            } else {
                selfValue = bridge.value(of: rule.appliesTo, at: index)
            }
            let activation = Activation(["self": selfValue, "inv": bridge.inventoryValue, "asOf": bridge.asOfValue, "params": params])
            if let when = rule.when {
                switch when.evaluate(activation, cost: &spent) {
                case .bool(false):
                    outcome.passed = true
                    return outcome
                case .bool(true): break
                case let other:
                    outcome.problem = "when: \(Self.describe(other))"
                    return outcome
                }
            }
            // Outside its `effective:` period the rule looks at nothing, as in `check`.
            if let effective = rule.effective, !effective.runs(at: asOf) {
                outcome.passed = true
                return outcome
            }
            switch rule.assert.evaluate(activation, cost: &spent) {
            case .bool(let b):
                outcome.passed = b
                if !b {
                    var message = Self.render(rule, activation, cost: &spent)
                    if let effective = rule.effective, effective.state(at: asOf) == .after, let note = effective.pastNote() {
                        message = Localized(zh: message.zh + note.zh, en: message.en + note.en)
                    }
                    outcome.message = message
                    if let expected = example.expectedMessage, expected != message.zh {
                        outcome.problem = "message: expected “\(expected)”, rendered “\(message.zh)”"
                        outcome.passed = nil
                    }
                }
            case let other: outcome.problem = "assert: \(Self.describe(other))"
            }
        } catch {
            outcome.problem = error.message
        }
        return outcome
    }

    /// A failing object's message, with its `detail:` bound as in `check`.
    static func render(_ rule: Rule, _ activation: Activation, cost: inout Int) -> Localized {
        var bound = activation
        if let program = rule.detail {
            var extra = 0
            bound = activation.binding("detail", to: .string(Evaluation.detailText(program.evaluate(activation, cost: &extra)) ?? ""))
        }
        return Localized(zh: rule.message.zh.render(bound, cost: &cost), en: rule.message.en.render(bound, cost: &cost))
    }

    /// The message an example's object gets with parameter overrides (nil when the example
    /// cannot be assembled). For tests that check messages follow `params`.
    public func message(_ rule: Rule, _ example: RuleExample, overrides: [(String, Value)]) -> Localized? {
        guard let (inventory, index, asOf, own) = try? assemble(rule, example) else { return nil }
        let bridge = Bridge(inventory, asOf: asOf)
        let selfValue: Value = rule.appliesTo == .inventory
            ? .map(CELMap(provider: RecordProvider(bridge: bridge, record: inventory.header.record, spec: Schema.inventory)))
            : bridge.value(of: rule.appliesTo, at: index)
        let activation = Activation(["self": selfValue, "inv": bridge.inventoryValue, "asOf": bridge.asOfValue,
                                     "params": Checker.params(rule, inventory: own, cli: overrides)])
        var cost = 0
        return Self.render(rule, activation, cost: &cost)
    }

    struct ExampleError: Error {
        var message: String
    }

    static func describe(_ v: Value) -> String {
        if case .error(let e) = v { return e.message }
        return "result is \(v.celType.name), not bool"
    }

    /// Back-references given inline in an example's `self` (a unit's
    /// `events`) become objects of their own kind, linked to `self`.
    static let inlineChildren: [Kind: [(key: String, kind: Kind, link: String)]] = [
        .unit: [("terminals", .terminal, "unit"), ("systems", .system, "unit"), ("events", .event, "unit")],
        .system: [("events", .event, "system")],
        .cloud: [("systems", .system, "hosting")],
    ]

    func assemble(_ rule: Rule, _ example: RuleExample) throws(ExampleError) -> (Inventory, Int, Day, [(String, Value)]) {
        let file = example.location.file
        let pairs = example.node.mapping ?? []
        func value(_ key: String) -> Node? { pairs.first { $0.key.scalar?.text == key }?.value }
        var asOf = Self.defaultAsOf
        if let text = value("asOf")?.scalar?.text {
            guard let d = Day(text) else { throw ExampleError(message: "asOf '\(text)' is not a date") }
            asOf = d
        }
        let overrides = (value("params")?.mapping ?? []).map { ($0.key.scalar?.text ?? "", $0.value.celValue) }
        var objects: [Kind: [Object]] = [:]
        func decode(_ node: Node, _ kind: Kind) throws(ExampleError) -> Object {
            let (object, problems) = ObjectDecoder.decode(node, kind: kind, file: file)
            if let p = problems.first { throw ExampleError(message: p.rendered(.en)) }
            guard let object else { throw ExampleError(message: "the example's \(kind.rawValue) is not a mapping") }
            return object
        }
        // inv: lists of objects by kind, plus `inventory` for the header.
        var header: Object?
        for pair in value("inv")?.mapping ?? [] {
            guard let key = pair.key.scalar?.text else { continue }
            if key == "inventory" {
                header = try decode(pair.value, .inventory)
                continue
            }
            guard let kind = Kind.fromKey(key) else { throw ExampleError(message: "inv has no list '\(key)'") }
            for item in pair.value.sequence ?? [] { objects[kind, default: []].append(try decode(item, kind)) }
        }
        let region = rule.regions.first ?? "150200"
        let headerNode = Node(.mapping([
            Pair(key: Self.scalar("name"), value: Self.scalar("example")),
            Pair(key: Self.scalar("region"), value: Self.scalar(region)),
            Pair(key: Self.scalar("level"), value: Self.scalar("city")),
            Pair(key: Self.scalar("as_of"), value: Self.scalar(asOf.description)),
        ]), mark: example.node.mark)
        if rule.appliesTo == .inventory {
            // The example's `self` is the header.
            if let selfNode = value("self") { header = try decode(Self.merged(headerNode, selfNode), .inventory) }
        }
        let finalHeader: Object
        if let header { finalHeader = header } else { finalHeader = try decode(headerNode, .inventory) }
        var index = 0
        if rule.appliesTo != .inventory {
            guard var selfNode = value("self") else { throw ExampleError(message: "the example has no self") }
            var children: [(Kind, String, Node)] = []
            if let inline = Self.inlineChildren[rule.appliesTo], var m = selfNode.mapping {
                for child in inline {
                    if let i = m.firstIndex(where: { $0.key.scalar?.text == child.key }) {
                        for item in m[i].value.sequence ?? [] { children.append((child.kind, child.link, item)) }
                        m.remove(at: i)
                    }
                }
                selfNode = Node(.mapping(m), mark: selfNode.mark)
            }
            var object = try decode(selfNode, rule.appliesTo)
            let id = object.id ?? "example"
            if object.id == nil { object = object.setting("id", to: .string(id)) }
            if rule.appliesTo.hasID, object.name == nil, [.unit, .system, .cloud, .datacenter, .exit].contains(rule.appliesTo) {
                object = object.setting("name", to: .string(id))
            }
            index = objects[rule.appliesTo, default: []].count
            objects[rule.appliesTo, default: []].append(object)
            for (kind, link, node) in children {
                var child = try decode(node, kind)
                if link == "hosting" {
                    child = child.setting("hosting", to: .record(Record(mark: node.mark, fields: [Field(name: "cloud", value: .string(id), mark: node.mark)])))
                } else if child[link] == nil {
                    child = child.setting(link, to: .string(id))
                }
                objects[kind, default: []].append(child)
            }
        }
        return (Inventory.assemble(file: file, header: finalHeader, objects: objects), index, asOf, overrides)
    }

    static func scalar(_ text: String) -> Node {
        Node(.scalar(Scalar(text: text, style: .doubleQuoted, value: .string)), mark: Mark(line: 1, column: 1))
    }

    /// The example's header fields over the defaults.
    static func merged(_ base: Node, _ over: Node) -> Node {
        var pairs = base.mapping ?? []
        for p in over.mapping ?? [] {
            pairs.removeAll { $0.key.scalar?.text == p.key.scalar?.text }
            pairs.append(p)
        }
        return Node(.mapping(pairs), mark: over.mark)
    }
}
