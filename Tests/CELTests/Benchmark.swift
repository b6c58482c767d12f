import Foundation
import Testing
@testable import CEL

/// A manual measurement, not a timed test: it runs only with CEL_BENCH=1 and prints the
/// time to evaluate two typical rules over 200,000 objects. Run it in release mode:
///
///     CEL_BENCH=1 swift test -c release --filter CELBenchmark
@Suite struct CELBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["CEL_BENCH"] == "1"

    /// An inventory-like object with fields computed on demand.
    struct Terminal: CELMapProvider {
        let software: Value
        let antivirus: Value
        func value(forKey key: String) -> Value? {
            switch key {
            case "software": return software
            case "antivirus": return antivirus
            default: return nil
            }
        }
        var keys: [String] { ["software", "antivirus"] }
    }

    @Test(.enabled(if: enabled)) func typicalRules() throws {
        let names = ["WPS Office", "微信", "钉钉", "Chrome", "向日葵", "7-Zip", "ToDesk", "Foxmail"]
        let n = 200_000
        var objects: [Value] = []
        objects.reserveCapacity(n)
        for i in 0..<n {
            let sw = Value.list((0..<(2 + i % 3)).map { .string(names[(i + $0 * 3) % names.count]) })
            let scan = Timestamp(seconds: 1_780_000_000 + Int64(i * 50))!
            let av = Value.map(CELMap(["last_full_scan": .timestamp(scan)]))
            objects.append(.map(CELMap(provider: Terminal(software: sw, antivirus: av))))
        }
        let params = Value.map(CELMap(["remote_software": .list(["向日葵", "ToDesk", "TeamViewer", "AnyDesk"].map { .string($0) })]))
        let base = Activation(["params": params, "asOf": .timestamp(Timestamp(seconds: 1_790_000_000)!)])
        for rule in ["true", "has(self.software)", "params.remote_software.size() > 0",
                     "!self.software.exists(s, s in params.remote_software)",
                     "self.antivirus.last_full_scan.addMonths(3) >= asOf"] {
            let program = try Program(parsing: rule)
            var trues = 0
            let start = DispatchTime.now().uptimeNanoseconds
            for obj in objects {
                if case .bool(true) = program.evaluate(base.binding("self", to: obj)) { trues += 1 }
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            print("CEL benchmark: \(rule) over \(n) objects: \(String(format: "%.1f", ms)) ms (\(trues) true)")
        }
    }
}
