import Diagnostics
import Testing
@testable import Inventory

/// Every field of schema v1 and every enum value has a short zh and en label
/// (Sources/Inventory/Labels.swift). A FieldSpec row added without its label fails here.
@Suite("Field and value labels")
struct LabelTests {
    /// (kind, dotted path, field) for every field of every kind, nested objects included.
    static func allFields() -> [(Kind, String, FieldSpec)] {
        var out: [(Kind, String, FieldSpec)] = []
        func walk(_ kind: Kind, _ spec: ObjectSpec, _ prefix: String) {
            for f in spec.fields {
                let path = prefix + f.name
                out.append((kind, path, f))
                if case .object(let inner) = f.type { walk(kind, inner, path + ".") }
                if case .list(.object(let inner)) = f.type { walk(kind, inner, path + ".") }
            }
        }
        for kind in Kind.allCases { walk(kind, Schema.spec(for: kind), "") }
        return out
    }

    @Test func everyFieldHasAZhAndAnEnLabel() {
        var missing: [String] = []
        for (kind, path, f) in Self.allFields() {
            guard let label = Labels.field(f.owner, f.name), !label.zh.isEmpty, !label.en.isEmpty else {
                missing.append("\(kind.key): \(path) (Labels.fields[\"\(f.owner)\"][\"\(f.name)\"])")
                continue
            }
            #expect(Schema.label(kind: kind, path: path) == label)
        }
        #expect(missing.isEmpty, "fields without a label in Sources/Inventory/Labels.swift: \(missing)")
    }

    @Test func everyEnumValueHasAZhAndAnEnLabel() {
        var missing: [String] = []
        var checked = 0
        for (kind, path, f) in Self.allFields() {
            guard let choices = f.choices else { continue }
            for value in choices {
                checked += 1
                guard let label = Labels.value(f.owner, f.name, value), !label.zh.isEmpty, !label.en.isEmpty else {
                    missing.append("\(kind.key): \(path) = \(value)")
                    continue
                }
                #expect(Schema.valueLabel(kind: kind, path: path, value: value) == label)
            }
        }
        #expect(checked > 40)
        #expect(missing.isEmpty, "enum values without a label in Sources/Inventory/Labels.swift: \(missing)")
    }

    /// A header or a drop-down entry is matched back to its field or value by label,
    /// so within one kind no two leaf fields share a label, and within one field no two values.
    @Test func labelsAreUniqueWhereTheyAreReadBack() {
        for kind in Kind.allCases {
            var seen: [String: String] = [:]
            for (k, path, f) in Self.allFields() where k == kind {
                if case .object = f.type { continue }
                for text in [f.label.zh, f.label.en] {
                    if let other = seen[text], other != path {
                        Issue.record("\(kind.key): \(path) and \(other) share the label \(text)")
                    }
                    seen[text] = path
                }
                let values = f.choices ?? []
                #expect(Set(values.map { f.valueLabel($0).zh }).count == values.count, "\(kind.key).\(path)")
                #expect(Set(values.map { f.valueLabel($0).en }).count == values.count, "\(kind.key).\(path)")
            }
        }
    }

    /// No entry names a field or value the schema does not have (a renamed field leaves none behind).
    @Test func theTableHasNoStaleEntries() {
        var known: Set<String> = []
        var knownValues: Set<String> = []
        for (_, _, f) in Self.allFields() {
            known.insert("\(f.owner).\(f.name)")
            for v in f.choices ?? [] { knownValues.insert("\(f.owner).\(f.name)=\(v)") }
        }
        for (spec, fields) in Labels.fields {
            for name in fields.keys { #expect(known.contains("\(spec).\(name)"), "stale label \(spec).\(name)") }
        }
        for (spec, fields) in Labels.values {
            for (name, values) in fields {
                for v in values.keys { #expect(knownValues.contains("\(spec).\(name)=\(v)"), "stale label \(spec).\(name)=\(v)") }
            }
        }
    }

    @Test func examplesFromTheBrief() {
        #expect(Schema.label(kind: .terminal, path: "mac") == Localized(zh: "MAC 地址", en: "MAC address"))
        #expect(Schema.label(kind: .unit, path: "access.method")?.zh == "接入方式")
        #expect(Schema.valueLabel(kind: .unit, path: "access.method", value: "leased-line") == Localized(zh: "专线", en: "leased line"))
        #expect(Schema.valueLabel(kind: .inventory, path: "level", value: "county") == Localized(zh: "县级", en: "county"))
        #expect(Schema.valueLabel(kind: .unit, path: "access.method", value: "carrier-pigeon") == nil)
        #expect(Schema.label(kind: .system, path: "mlps.nope") == nil)
    }
}
