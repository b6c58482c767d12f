import Foundation
import Testing

/// docs/ci.md shows the CI templates of ci/ verbatim: the pipelines a reader copies are
/// the ones CITemplateTests runs job by job.
@Suite("docs/ci.md shows the tested templates")
struct DocsCITests {
    @Test(arguments: ["ci/gitlab-ci.yml", "ci/github-actions.yml", "ci/Jenkinsfile"])
    func templateIsShownVerbatim(_ file: String) throws {
        let doc = try String(contentsOf: CLI.repository.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let template = try String(contentsOf: CLI.repository.appendingPathComponent(file), encoding: .utf8)
        let body = template.hasSuffix("\n") ? String(template.dropLast()) : template
        #expect(doc.contains("\n" + body + "\n```\n"), "docs/ci.md does not show \(file) as it is")
        #expect(doc.contains("(../\(file))"), "docs/ci.md does not link \(file)")
    }
}
