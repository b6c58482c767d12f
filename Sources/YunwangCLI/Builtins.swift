import BuiltinResources
import Diagnostics
import Inventory
import Plan

/// The built-in plans (and later policies), read once from the embedded files.
enum Builtins {
    static let plans: [Plan] = BuiltinResources.files(under: "plans/").compactMap { file in
        guard file.path.hasSuffix(".yaml") else { return nil }
        return try? Plan.parse(Array(file.data), file: file.path)
    }

    static var catalog: Catalog {
        Catalog(plans: Dictionary(plans.map { ($0.id, Set($0.tasks.map(\.no))) }, uniquingKeysWith: { a, _ in a }))
    }
}
