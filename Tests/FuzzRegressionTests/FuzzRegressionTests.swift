import Foundation
import Testing
@testable import FuzzHarness

/// Every input under Tests/Fuzz/regressions/<target>/ (crashes, hangs and
/// broken invariants that fuzzing found, after their fixes) and the seed
/// corpus under Tests/Fuzz/corpus/<target>/ runs through the same harness as
/// the fuzz executables: it must return, quickly, without trapping.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String) -> [(FuzzTarget, String)] {
        FuzzTarget.allCases.flatMap { target -> [(FuzzTarget, String)] in
            let dir = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { (target, dir.appendingPathComponent($0).path) }
        }
    }

    static let regressions = inputs("regressions").map { "\($0.0.rawValue)/\(($0.1 as NSString).lastPathComponent)" }

    @Test("a saved fuzz input runs cleanly", arguments: regressions)
    func regression(_ name: String) throws {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        let target = try #require(FuzzTarget(rawValue: parts[0]))
        let data = try Data(contentsOf: Self.fuzzFolder.appendingPathComponent("regressions").appendingPathComponent(name))
        let start = Date()
        target.run(Array(data))
        #expect(Date().timeIntervalSince(start) < 10, "\(name) took \(Date().timeIntervalSince(start)) s")
    }

    @Test func theSeedCorpusRunsCleanly() throws {
        let seeds = Self.inputs("corpus")
        for target in FuzzTarget.allCases {
            #expect(seeds.contains { $0.0 == target }, "no seeds for \(target.rawValue)")
        }
        for (target, path) in seeds {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            target.run(Array(data))
        }
    }

    @Test func aValidRuleGetsPastLoading() throws {
        // The policy target names its input after the rule's id, or every rule would fail to load.
        let rule = try Data(contentsOf: Self.fuzzFolder.appendingPathComponent("corpus/policy/BT-42-8.yaml"))
        #expect(Harness.policyFileName(Array(rule)) == "BT-42-8.yaml")
        #expect(Harness.policyFileName(Array("title: x\n".utf8)) == "p.yaml")
    }

    @Test func theSampleInventoryAndActivationLoad() {
        #expect(Harness.sample.objects(.terminal).count == 1)
        #expect(Harness.activation["self"] != nil)
    }
}
