// Benchmark driver for `make bench`: times CEL rule evaluation through the
// inventory bridge on one core. Not part of the product; prints a table.
// Usage: yunwang-bench cel INVENTORY-DIR ['expr' …]
import CEL
import Dispatch
import Foundation
import Inventory
import Policy

func seconds(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 3, args[1] == "cel" else {
    FileHandle.standardError.write(Data("usage: yunwang-bench cel INVENTORY-DIR ['expr' …]\n".utf8))
    exit(2)
}

let loadStart = DispatchTime.now()
let inventory: Inventory
do {
    inventory = try InventoryLoader(catalog: Catalog(plans: ["nm-2024-189": Set(1...64)])).load(args[2])
} catch {
    FileHandle.standardError.write(Data((error.rendered(.en) + "\n").utf8))
    exit(2)
}
let loadTime = seconds(loadStart)
let bridge = Bridge(inventory, asOf: inventory.asOf ?? Day(year: 2026, month: 9, day: 30))
let params: Value = .map([(.string("remote_software"), .list(["向日葵", "ToDesk", "TeamViewer", "AnyDesk"].map(Value.string))),
                          (.string("months"), .int(3))])
let base = Activation(["inv": bridge.inventoryValue, "asOf": bridge.asOfValue, "params": params])

// Three typical rules, or the expressions given on the command line.
let rules = args.count > 3 ? args.dropFirst(3).map { ($0, $0) } : [
    ("remote software (BT-42-8)", "!self.software.exists(s, s in params.remote_software)"),
    ("date + addMonths", "has(self.antivirus.last_full_scan) && self.antivirus.last_full_scan.addMonths(params.months) >= asOf"),
    // Case-insensitive substring match with the strings extension and cel.bind (issue 13).
    ("lowerAscii + cel.bind", "cel.bind(remote, params.remote_software.map(r, r.lowerAscii()), !self.software.exists(s, cel.bind(l, s.lowerAscii(), remote.exists(r, l.contains(r)))))"),
]
// Each rule runs YUNWANG_BENCH_RUNS times (default 1); the best time is reported (a shared machine).
let runs = max(1, Int(ProcessInfo.processInfo.environment["YUNWANG_BENCH_RUNS"] ?? "") ?? 1)
let terminals = inventory.objects(.terminal).count
print("inventory: \(terminals) terminals, loaded in \(String(format: "%.2f", loadTime)) s")
print("| rule | objects | failing | errors | seconds (1 core) | µs/object |")
print("|---|---|---|---|---|---|")
for (name, source) in rules {
    let program: Program
    do {
        program = try Program(parsing: source)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
    var failing = 0, errors = 0
    var t = Double.infinity
    for _ in 0..<runs {
        failing = 0; errors = 0
        let start = DispatchTime.now()
        for i in 0..<terminals {
            switch program.evaluate(base.binding("self", to: bridge.value(of: .terminal, at: i))) {
            case .bool(false): failing += 1
            case .error: errors += 1
            default: break
            }
        }
        t = min(t, seconds(start))
    }
    print("| \(name) | \(terminals) | \(failing) | \(errors) | \(String(format: "%.3f", t)) | \(String(format: "%.2f", t * 1e6 / Double(max(1, terminals)))) |")
}
