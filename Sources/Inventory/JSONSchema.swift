import JSON

/// The JSON Schema (draft 2020-12) of an inventory file, generated from the
/// same `Schema` definitions the decoder uses, so the two cannot drift.
/// Editors (yaml-language-server) use it to validate and complete inventories.
public enum JSONSchema {
    public static let id = "https://yunwang.invalid/schema/inventory-v1.json"

    public static func document() -> JSON {
        var properties: [(String, JSON)] = [("inventory", object(Schema.inventory))]
        for kind in Kind.allCases where kind != .inventory {
            let spec = Schema.spec(for: kind)
            properties.append((kind.key, .object([
                ("description", .string("\(kind.name.zh) / \(kind.name.en)")),
                ("type", .array([.string("array"), .string("null")])),
                ("items", object(spec)),
            ])))
        }
        return .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("yunwang 台账 / inventory, schema v\(Schema.version)")),
            ("description", .string("一个台账文件；台账目录中每个 .yaml 文件都遵循此模式。One inventory file; every .yaml file of an inventory directory follows this schema.")),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("patternProperties", extensions),
            ("additionalProperties", .bool(false)),
        ])
    }

    static let extensions: JSON = .object([("^x-", .object([]))])

    static func object(_ spec: ObjectSpec) -> JSON {
        var out: [(String, JSON)] = [
            ("type", .string("object")),
            ("properties", .object(spec.fields.map { ($0.name, field($0)) })),
            ("patternProperties", extensions),
            ("additionalProperties", .bool(false)),
        ]
        let required = spec.fields.filter(\.required).map { JSON.string($0.name) }
        if !required.isEmpty { out.append(("required", .array(required))) }
        if let group = spec.exactlyOne {
            out.append(("oneOf", .array(group.map { .object([("required", .array([.string($0)]))]) })))
        }
        return .object(out)
    }

    static func field(_ f: FieldSpec) -> JSON {
        var schema = type(f.type)
        if case .object(var pairs) = schema {
            pairs.insert(("description", .string("\(f.doc.zh) / \(f.doc.en)")), at: 0)
            // Optional fields may be written empty (`user:`), which reads as absent.
            if !f.required, case .string(let t)? = schema["type"] {
                pairs.removeAll { $0.0 == "type" }
                pairs.append(("type", .array([.string(t), .string("null")])))
            }
            schema = .object(pairs)
        }
        return schema
    }

    static let idPattern = "^[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.(?!\\.))*$"

    static func type(_ t: FieldType) -> JSON {
        switch t {
        case .string:
            return .object([("type", .array([.string("string"), .string("number")]))])
        case .identifier, .reference:
            return .object([("type", .string("string")), ("pattern", .string(idPattern))])
        case .region:
            return .object([("type", .array([.string("string"), .string("integer")])), ("pattern", .string("^[0-9]{6}$")), ("minimum", .int(100000)), ("maximum", .int(999999))])
        case .date:
            return .object([("type", .string("string")), ("format", .string("date")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
        case .instant:
            return .object([("type", .string("string")), ("format", .string("date-time"))])
        case .bool:
            return .object([("type", .string("boolean"))])
        case .integer(let lo, let hi):
            var o: [(String, JSON)] = [("type", .string("integer"))]
            if let lo { o.append(("minimum", .int(lo))) }
            if let hi { o.append(("maximum", .int(hi))) }
            return .object(o)
        case .number(let lo, let hi):
            var o: [(String, JSON)] = [("type", .string("number"))]
            if let lo { o.append(("minimum", .double(lo))) }
            if let hi { o.append(("maximum", .double(hi))) }
            return .object(o)
        case .choice(let options):
            return .object([("type", .string("string")), ("enum", .array(options.map(JSON.string)))])
        case .ip:
            return .object([("type", .string("string")), ("anyOf", .array([
                .object([("format", .string("ipv4"))]), .object([("format", .string("ipv6"))]),
            ]))])
        case .cidr:
            return .object([("type", .string("string")), ("pattern", .string("^[0-9A-Fa-f:.]+/[0-9]{1,3}$"))])
        case .mac:
            return .object([("type", .string("string")), ("pattern", .string("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$"))])
        case .target:
            let kinds = Schema.targetKinds.map(\.rawValue).joined(separator: "|")
            return .object([("type", .string("string")), ("pattern", .string("^(\(kinds))/[A-Za-z0-9][A-Za-z0-9._-]*$"))])
        case .list(let element):
            return .object([("type", .string("array")), ("items", type(element))])
        case .object(let spec):
            return object(spec)
        case .any:
            return .object([])
        }
    }
}
