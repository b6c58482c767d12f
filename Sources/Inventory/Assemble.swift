import Diagnostics
import YAML

/// Building inventories from single objects, for policy examples: objects
/// are decoded against the schema (types and values checked, required keys
/// not), and assembled without cross-reference checks.
public enum ObjectDecoder {
    /// Decode one mapping as an object of `kind`.
    public static func decode(_ node: Node, kind: Kind, file: String) -> (Object?, [Diagnostic]) {
        var decoder = FileDecoder(file: file, fileIndex: 0)
        decoder.relaxed = true
        let record = decoder.decodeObject(node, spec: Schema.spec(for: kind), path: kind.key)
        return (record.map { Object(kind: kind, file: 0, record: $0) }, decoder.problems)
    }
}

extension Inventory {
    /// An inventory of already-decoded objects, all from one file.
    public static func assemble(file: String, header: Object, objects: [Kind: [Object]]) -> Inventory {
        var lists = Array(repeating: [Object](), count: Kind.allCases.count)
        for (kind, list) in objects where kind != .inventory { lists[kind.ordinal] = list }
        return Inventory(root: file, files: [file], header: header, objects: lists)
    }
}

extension Object {
    /// A copy with one field set (or replaced).
    public func setting(_ name: String, to value: FieldValue) -> Object {
        var copy = self
        copy.record.fields.removeAll { $0.name == name }
        copy.record.fields.append(Field(name: name, value: value, mark: record.mark))
        return copy
    }
}
