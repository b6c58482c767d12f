// What each fuzz target does with one input (docs/hardening.md). The fuzz
// executables (Sources/fuzz-*) call these from libFuzzer; the regression
// tests (Tests/FuzzTests) call the same functions on every saved input, so a
// crash found once stays fixed.
//
// Besides "never crash", the harness checks the bar of DESIGN §8: every
// problem is reported with a place (file, line ≥ 1, column ≥ 1) in the file
// that was read. A broken invariant is a `fatalError`, which libFuzzer
// reports as a crash like any trap.

import CEL
import Diagnostics
import Foundation
import Inventory
import JSON
import Policy
import YAML

public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The YAML loader: bytes → node tree (core-only and lenient tags, whole and streaming).
    case yaml
    /// The inventory decoder: the input as one file of an inventory, loaded the way `validate` loads it.
    case inventory
    /// The CEL parser and evaluator: the input as an expression, evaluated with a cost limit.
    case cel
    /// The policy loader: the input as one rule file, then its examples and a check of a small inventory.
    case policy
    /// The inventory walk: the input as a script that builds a folder of files, folders and links.
    case walk
    /// The report templates: the input as `report.md.mustache`, rendered within its work budget.
    case templates

    /// Runs one input. Returns normally whatever the input; traps only on a bug.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .yaml: Harness.yaml(bytes)
        case .inventory: Harness.inventory(bytes)
        case .cel: Harness.cel(bytes)
        case .policy: Harness.policy(bytes)
        case .walk: Harness.walk(bytes)
        case .templates: Harness.templates(bytes)
        }
    }

    public func run(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        guard let data, size > 0 else { return run([]) }
        run(Array(UnsafeBufferPointer(start: data, count: size)))
    }
}

enum Harness {
    /// Inputs are small; a smaller file limit keeps each run fast (the limit itself is tested).
    static let limits = LoadLimits(maxFileSize: 1 << 20)

    // MARK: YAML

    static func yaml(_ bytes: [UInt8]) {
        for tags in [TagPolicy.coreOnly, .lenient] {
            let loader = YAMLLoader(limits: limits, tagPolicy: tags)
            var whole: Result<Node?, DiagnosticList>
            do throws(DiagnosticList) {
                whole = .success(try loader.parse(bytes, file: "f.yaml"))
            } catch {
                whole = .failure(error)
            }
            switch whole {
            case .success(let node?):
                checkMarks(node)
                _ = node.json.serialized()
                _ = node.celValue
            case .success(nil):
                break
            case .failure(let e):
                expectPlaces(e, files: ["f.yaml"], what: "YAML")
            }
            // Streaming the top-level lists must fail exactly when the whole parse fails.
            var streamed = 0
            do throws(DiagnosticList) {
                let root = try loader.parse(bytes, file: "f.yaml", streaming: { _ in true }, item: { _, item in
                    checkMarks(item)
                    streamed += 1
                })
                if case .failure(let e) = whole {
                    fatalError("streaming parse succeeded where the whole parse failed: \(e.rendered(.en))")
                }
                if let root { checkMarks(root) }
            } catch {
                expectPlaces(error, files: ["f.yaml"], what: "YAML (streaming)")
                if case .success = whole {
                    fatalError("streaming parse failed where the whole parse succeeded: \(error.rendered(.en))")
                }
            }
        }
    }

    /// Every node has a real place: line and column from 1.
    static func checkMarks(_ node: Node) {
        var stack = [node]
        while let n = stack.popLast() {
            if n.mark.line < 1 || n.mark.column < 1 {
                fatalError("node with mark \(n.mark.line):\(n.mark.column)")
            }
            switch n.content {
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let pairs):
                for p in pairs { stack.append(p.key); stack.append(p.value) }
            default: break
            }
        }
    }

    /// Every problem names one of `files` with line and column from 1, and says something.
    static func expectPlaces(_ list: DiagnosticList, files: Set<String>, what: String) {
        if list.diagnostics.isEmpty { fatalError("\(what): an error without any problem") }
        for d in list.diagnostics {
            guard let at = d.location else { fatalError("\(what): a problem without a place: \(d.message.en)") }
            if !files.contains(at.file) || at.line < 1 || at.column < 1 {
                fatalError("\(what): a problem at \(at.description), not in \(files.sorted()): \(d.message.en)")
            }
            if d.message.en.isEmpty || d.message.zh.isEmpty { fatalError("\(what): an empty message at \(at.description)") }
        }
    }

    // MARK: Inventory

    static let header = """
        inventory: {name: 模糊测试, region: "150200", level: city, as_of: 2026-09-30}
        units:
          - {id: u1, name: 单位一, ip_segments: [10.0.0.0/24], internet_exits: [e1]}
        exits:
          - {id: e1, name: 出口, kind: unified}
        clouds:
          - {id: c1, name: 云}

        """

    static let catalog = Catalog(
        plans: ["nm-2024-189": Set(1...64)],
        rules: ["BT-42-8", "BT-13", "NAT-MLPS-3"],
        params: ["BT-21": ["months"], "BT-42-8": ["remote_software"]])

    /// A private scratch folder per call, so concurrent tests never share files.
    static func withScratch<T>(_ body: (String) -> T) -> T {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((base + "/yw-fuzz-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed: \(errno)") }
        let dir = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return body(dir)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            fatalError("cannot write \(path)")
        }
    }

    static func inventory(_ bytes: [UInt8]) {
        withScratch { dir in
            // An input with its own header is a whole inventory; otherwise it joins a small valid one.
            let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
            let ownHeader = text.hasPrefix("inventory:") || text.contains("\ninventory:")
            var files: Set<String> = ["b.yaml"]
            if !ownHeader {
                write(Array(header.utf8), to: dir + "/a.yaml")
                files.insert("a.yaml")
            }
            write(bytes, to: dir + "/b.yaml")
            let loader = InventoryLoader(limits: limits, catalog: catalog)
            do throws(DiagnosticList) {
                let inv = try loader.load(dir)
                exercise(inv)
            } catch {
                expectPlaces(error, files: files, what: "inventory")
            }
        }
    }

    /// Every object as CEL sees it, written out (reads every field through the bridge).
    static func exercise(_ inv: Inventory) {
        let bridge = Bridge(inv, asOf: inv.asOf ?? ExampleRunner.defaultAsOf)
        _ = PlainJSON.encode(bridge.inventoryValue)
        for kind in Kind.allCases where kind != .inventory {
            for i in inv.objects(kind).indices {
                _ = TypedJSON.encode(bridge.value(of: kind, at: i))
                _ = bridge.region(of: kind, at: i)
                _ = inv.location(of: inv.objects(kind)[i])
            }
        }
    }

    // MARK: CEL

    /// A small inventory bound as `inv`, its first unit as `self`, like a rule sees them.
    static let sample: Inventory = withScratch { dir in
        let text = header + """
            terminals:
              - {id: t1, unit: u1, ip: 10.0.0.5, mac: "00:1a:2b:3c:4d:5e", user: zs, software: [WPS, ToDesk],
                 antivirus: {installed: true, signatures: 2026-09-01, last_full_scan: 2026-09-20}}
            systems:
              - {id: s1, name: 系统, unit: u1, important: true, launched: 2024-06-01, hosting: {cloud: c1},
                 mlps: {level: 3, filed: 2024-05-01, last_assessment: 2025-10-10, result: pass}}
            events:
              - {type: alert, unit: u1, ip: 10.0.0.5, at: "2026-09-21T10:00:00+08:00", handled: false}
              - {type: drill, unit: u1, at: "2026-04-02T09:00:00+08:00"}

            """
        write(Array(text.utf8), to: dir + "/a.yaml")
        do throws(DiagnosticList) {
            return try InventoryLoader(limits: limits, catalog: catalog).load(dir)
        } catch {
            fatalError("the sample inventory does not load: \(error.rendered(.en))")
        }
    }

    static let activation: Activation = {
        let bridge = Bridge(sample, asOf: ExampleRunner.defaultAsOf)
        return Activation([
            "self": bridge.value(of: .unit, at: 0),
            "inv": bridge.inventoryValue,
            "asOf": bridge.asOfValue,
            "params": .map([(.string("months"), .int(3)), (.string("remote_software"), .list([.string("ToDesk"), .string("向日葵")]))]),
            "x": .int(3),
            "l": .list([.int(1), .double(2.5), .string("z"), .null]),
            "m": .map([(.string("a"), .list([.int(1), .string("b")])), (.int(1), .bool(true))]),
        ])
    }()

    static let celOptions: CELOptions = {
        var o = CELOptions()
        o.costLimit = 100_000
        return o
    }()

    static func cel(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do throws(CELParseError) {
            let program = try Program(parsing: text, options: celOptions)
            let v = program.evaluate(activation)
            _ = TypedJSON.encode(v)
            _ = PlainJSON.encode(v)
            _ = v.plainString
        } catch {
            if error.line < 1 || error.column < 1 { fatalError("CEL parse error at \(error.line):\(error.column)") }
            _ = error.description
        }
        if let t = try? Template(text, options: celOptions) { _ = t.render(activation) }
        if let v = try? TypedJSON.decode(text) { _ = TypedJSON.encode(v) }
        _ = Timestamp.parse(text)
        _ = CELDuration.parse(text)
        _ = IPAddress(text)
        _ = CIDR(text)
    }

    // MARK: Policy

    /// A rule's file must be named after its id: name the input after the id it declares,
    /// so that valid rules get past loading to their examples and a check.
    static func policyFileName(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.hasPrefix("id:") {
            let id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            if !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "-" || CharacterSet.alphanumerics.contains($0)) }) {
                return id + ".yaml"
            }
        }
        return "p.yaml"
    }

    static func policy(_ bytes: [UInt8]) {
        let file = policyFileName(bytes)
        let rule: Rule
        do throws(DiagnosticList) {
            rule = try RuleLoader(options: celOptions).parse(bytes, file: file, pack: "fuzz")
        } catch {
            expectPlaces(error, files: [file], what: "policy")
            return
        }
        for outcome in ExampleRunner().run(rule) where outcome.location.file != file || outcome.location.line < 1 {
            fatalError("an example outcome at \(outcome.location.description)")
        }
        do throws(DiagnosticList) {
            _ = try Checker(rules: [rule], plans: []).check(sample, options: CheckOptions(asOf: ExampleRunner.defaultAsOf))
        } catch {
            // Evaluation errors name the rule's file.
            expectPlaces(error, files: [file], what: "check")
        }
    }
}
