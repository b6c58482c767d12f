import Foundation
import Testing

/// Source material that lives beside the repository, not in it: the policy seed texts
/// (`../shared/seeds`) and the reference schemas (`../shared/reference`: the OASIS SARIF
/// 2.1.0 JSON Schema and the strict Ant JUnit XSD; no PyPI package ships either). A bare
/// `git clone` has neither, so the checks that read them are skipped there with one line
/// saying what and why; with `YUNWANG_REQUIRE_SOURCES=1` (set by `.ci/run`) they must run,
/// and an absent folder is a failure.
struct SharedSource: Sendable {
    let folder: URL
    /// What is checked against it, for the skip line.
    let checks: String

    static let seeds = SharedSource(
        folder: CLI.repository.deletingLastPathComponent().appendingPathComponent("shared/seeds"),
        checks: "rule quotes and the plan table against the policy seed texts")
    static let reference = SharedSource(
        folder: CLI.repository.deletingLastPathComponent().appendingPathComponent("shared/reference"),
        checks: "SARIF and JUnit output against the OASIS SARIF 2.1.0 schema and the Ant JUnit XSD")

    static var required: Bool { ProcessInfo.processInfo.environment["YUNWANG_REQUIRE_SOURCES"] == "1" }

    var present: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether the tests that need this folder run: when it is there, or when it is required
    /// (then they run and fail on the missing files, after `requirePresent()` said why).
    var runs: Bool { present || Self.required }

    /// The one line a skipped test shows.
    var skipped: Comment {
        Comment(rawValue: "skipped \(checks): \(folder.standardizedFileURL.path) is absent (a bare clone); YUNWANG_REQUIRE_SOURCES=1 makes it a failure")
    }

    /// Records a failure when the folder is required and absent.
    func requirePresent() {
        if !present {
            Issue.record("YUNWANG_REQUIRE_SOURCES=1 but \(folder.standardizedFileURL.path) is absent (needed for \(checks))")
        }
    }
}

/// For checks inside tests that test more than the shared material (the SARIF and JUnit
/// validators): the skip line is printed once per run, not once per call.
enum SharedReferenceNotice {
    static let available: Bool = {
        let source = SharedSource.reference
        if source.present { return true }
        if SharedSource.required { return false }
        print("◇ \(source.skipped.rawValue)")
        return false
    }()
}
