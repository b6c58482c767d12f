import BuiltinResources
import CEL
import Diagnostics
import Foundation
import Inventory
import Plan
import Policy

/// The built-in plans and policies, read once from the embedded files.
enum Builtins {
    static let plans: [Plan] = BuiltinResources.files(under: "plans/").compactMap { file in
        guard file.path.hasSuffix(".yaml") else { return nil }
        return try? Plan.parse(Array(file.data), file: file.path)
    }

    /// Built-in rules, or the problems that stop them loading (a packaging bug, caught by the tests).
    static let rules: Result<[Rule], DiagnosticList> = {
        var rules: [Rule] = []
        var problems: [Diagnostic] = []
        for file in BuiltinResources.files(under: "policies/") where file.path.hasSuffix(".yaml") {
            let pack = file.path.split(separator: "/").dropLast().last.map(String.init) ?? "builtin"
            do throws(DiagnosticList) {
                rules.append(try RuleLoader().parse(Array(file.data), file: file.path, pack: pack))
            } catch {
                problems += error.diagnostics
            }
        }
        return problems.isEmpty ? .success(rules) : .failure(DiagnosticList(problems))
    }()

    /// The source text of a built-in policy file.
    static func source(of path: String) -> String? {
        BuiltinResources.files(under: path).first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    /// Built-in rules plus those under each `--policies DIR` (which add, or replace by id).
    static func rules(adding directories: [String]) throws(DiagnosticList) -> [Rule] {
        var sets: [[Rule]] = []
        switch rules {
        case .success(let r): sets.append(r)
        case .failure(let e): throw e
        }
        for dir in directories { sets.append(try RuleLoader().load(directory: dir)) }
        return RuleLoader.merge(sets)
    }

    static func catalog(rules: [Rule]) -> Catalog {
        Catalog(plans: Dictionary(plans.map { ($0.id, Set($0.tasks.map(\.no))) }, uniquingKeysWith: { a, _ in a }),
                rules: Set(rules.map(\.id)).union(Checker.builtinRuleIDs),
                params: Dictionary(rules.map { ($0.id, $0.params.map(\.0)) }, uniquingKeysWith: { _, b in b }))
    }

    static var catalog: Catalog {
        catalog(rules: (try? rules(adding: [])) ?? [])
    }
}
