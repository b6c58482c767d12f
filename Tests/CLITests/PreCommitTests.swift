import Foundation
import Testing

/// `.pre-commit-hooks.yaml` checked by pre-commit itself (from PyPI; scripts/install-deps.sh
/// installs it): `pre-commit try-repo` of this repository in a scratch inventory repository
/// passes on a fresh `yunwang init` inventory and fails on a planted violation.
@Suite("pre-commit hooks (end to end)")
struct PreCommitTests {
    @Test func tryRepoPassesACleanInventoryAndFailsAPlantedViolation() throws {
        let dir = try Scratch()
        let made = try CLI.run(["init", dir.path("repo"), "--region", "150200"])
        try #require(made.code == 0, "\(made.err)")
        let repo = dir.url.appendingPathComponent("repo")
        let env = ["PRE_COMMIT_HOME": dir.path("pre-commit-home"), "SKIP": ""]
        let git = try CITemplateTests.shell("""
            git init -q -b main . && git add -A
            git -c user.name=ci -c user.email=ci@example.gov.cn commit -q -m inventory
            """, in: repo, env: env)
        try #require(git.code == 0, "\(git.err)")
        // pre-commit as a command, else as a module of the python3 that has it.
        let preCommit = "if command -v pre-commit >/dev/null 2>&1; then pc=pre-commit; else pc='python3 -m pre_commit'; fi; "
        func tryRepo(_ hook: String) throws -> CLI.Result {
            try CITemplateTests.shell(preCommit + "$pc try-repo \"\(CLI.repository.path)\" \(hook) --all-files --color never", in: repo, env: env)
        }
        for hook in ["yunwang-validate", "yunwang-check"] {
            let r = try tryRepo(hook)
            #expect(r.code == 0, "\(hook): \(r.out)\n\(r.err)")
            #expect(r.out.contains("Passed"), "\(hook): \(r.out)")
        }
        // A wireless access point on the extranet (BT-18, high).
        let units = repo.appendingPathComponent("units.yaml")
        let text = try String(contentsOf: units, encoding: .utf8)
        try text.replacingOccurrences(of: "wireless_aps: 0", with: "wireless_aps: 2").write(to: units, atomically: true, encoding: .utf8)
        let failed = try tryRepo("yunwang-check")
        #expect(failed.code != 0)
        #expect(failed.out.contains("Failed") && failed.out.contains("BT-18") && failed.out.contains("阻断：1 条高风险问题未整改"), "\(failed.out)")
        #expect(try tryRepo("yunwang-validate").code == 0)
    }
}
