import Dispatch

/// Runs `transform` over `items` on all cores and returns the results in the
/// input's order, so parallel work keeps output deterministic.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count <= 1 { return items.map(transform) }
    let results = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        results.set(i, transform(items[i]))
    }
    return results.values()
}

/// `parallelMap`, starting the costliest items first (by `cost`) so that no
/// core is left with one big item at the end; results keep the input's order.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], costliestFirst cost: (T) -> Int, _ transform: @Sendable (T) -> R) -> [R] {
    if items.count <= 1 { return items.map(transform) }
    let costs = items.map(cost)
    let order = items.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : $0 < $1 }
    let results = ResultSlots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { k in
        let i = order[k]
        results.set(i, transform(items[i]))
    }
    return results.values()
}

/// Write-once slots; each index is written by exactly one iteration.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: R) {
        slots.withUnsafeMutableBufferPointer { $0[i] = value }
    }
    func values() -> [R] { slots.compactMap { $0 } }
}
