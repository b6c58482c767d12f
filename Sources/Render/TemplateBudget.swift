import Diagnostics
import Foundation
import Mustache

/// How much work one template render may do (issue #19 item 4): a
/// `--templates` file with five nested `{{#openFindings}}` sections iterates
/// N⁵ times and never finishes. The context handed to swift-mustache is
/// wrapped so that every name looked up and every list item iterated costs one
/// unit (and looking up a list, its length); once a render has spent its `limit`, every further look-up finds
/// nothing and every list is empty, so the render ends at once, and the caller
/// reports the template as too costly (exit 2). The built-in templates are
/// linear in what a page shows; `limit` grows with the inventory, so they stay
/// far below it at province scale.
/// Each render makes its own budget and uses it on its own thread.
public final class TemplateBudget: @unchecked Sendable {
    public let limit: Int
    private var spent = 0
    public private(set) var exceeded = false

    public init(limit: Int) { self.limit = limit }

    /// The limit for a run over `items` objects and findings: 200,000 units
    /// plus 50 per item.
    public static func limit(items: Int) -> Int {
        200_000 &+ 50 &* max(0, items)
    }

    /// One unit of work; false once the budget is spent. A budget belongs to one
    /// render on one thread (no lock: a look-up must stay cheap).
    func spend(_ units: Int = 1) -> Bool {
        if spent >= limit {
            exceeded = true
            return false
        }
        spent &+= units
        return true
    }

    /// `value` as the template sees it, counted: look-ups in objects and items of lists.
    public func wrap(_ value: Any) -> Any {
        switch value {
        case is any MustacheCustomRenderable, is MustacheLambda, is MustacheTemplate, is String, is Bool:
            return value
        case let sequence as any MustacheSequence:
            // Looking up a list costs its length: making it (a lazy list is built anew) is that much work.
            let items = Self.items(sequence)
            guard spend(items.count) else { return BudgetedSequence(items: [], budget: self) }
            return BudgetedSequence(items: items, budget: self)
        case let parent as any MustacheParent:
            return BudgetedParent(inner: parent, budget: self)
        default:
            return value
        }
    }

    static func items<S: Sequence>(_ s: S) -> [Any] { s.map { $0 as Any } }

    /// The error a render that ran out gives, at the template's file.
    public func error(template: String, file: String) -> Diagnostic {
        Diagnostic(zh: "模板 \(template) 的渲染工作量超过上限 \(limit)（嵌套的循环过多？），已停止",
                   en: "the template \(template) did more work than the limit of \(limit) (too many nested loops?); stopped",
                   at: SourceLocation(file: file, line: 1, column: 1), step: "render")
    }
}

/// An object of the context, counted. What it answers is kept: a template that asks
/// for a lazily computed list a million times gets it computed once.
final class BudgetedParent: MustacheParent {
    let inner: any MustacheParent
    let budget: TemplateBudget
    private var answers: [String: Any?] = [:]

    init(inner: any MustacheParent, budget: TemplateBudget) {
        self.inner = inner
        self.budget = budget
    }

    func child(named name: String) -> Any? {
        guard budget.spend() else { return nil }
        if let known = answers[name] { return known }
        let value = inner.child(named: name).map(budget.wrap)
        answers[name] = .some(value)
        return value
    }
}

struct BudgetedSequence: MustacheSequence {
    let items: [Any]
    let budget: TemplateBudget

    struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[Any]>
        let budget: TemplateBudget
        mutating func next() -> Any? {
            guard let item = base.next(), budget.spend() else { return nil }
            return budget.wrap(item)
        }
    }

    func makeIterator() -> Iterator { Iterator(base: items.makeIterator(), budget: budget) }
}

extension MustacheLibrary {
    /// `render(_:withTemplate:)` within `budget`; nil when the template is missing,
    /// throws when the render ran out of budget.
    public func render(_ context: Any, withTemplate name: String, budget: TemplateBudget, file: String) throws(Diagnostic) -> String? {
        let text = render(budget.wrap(context), withTemplate: name)
        if budget.exceeded { throw budget.error(template: name, file: file) }
        return text
    }
}
