// The directory walk and the template renderer as fuzz targets (issue #19; docs/hardening.md).

import Diagnostics
import Foundation
import Inventory
import Policy
import Render
#if canImport(Glibc)
import Glibc
#endif

extension Harness {
    // MARK: Walk

    /// The input is a small script that builds a folder, one line each:
    /// `d PATH` (a folder), `f PATH TEXT` (a file holding TEXT, `\n` for line breaks),
    /// `l PATH TARGET` (a symbolic link to TARGET, which may be anything: `..`, `/`,
    /// an absolute path, itself). PATHs are made relative to the scratch folder.
    /// The inventory is then walked and loaded as `validate` does. Besides "no crash,
    /// no hang, every problem placed", the walk must only return files inside the
    /// folder, each real file at most once.
    static func walk(_ bytes: [UInt8]) {
        withScratch { dir in
            let root = dir + "/inv"
            mkdir(root, 0o755)
            var made = 0
            for line in String(decoding: bytes.prefix(8192), as: UTF8.self).split(separator: "\n").prefix(200) {
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
                guard parts.count >= 2 else { continue }
                let path = root + "/" + safe(parts[1])
                switch parts[0] {
                case "d":
                    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                case "f":
                    let text = (parts.count > 2 ? parts[2] : "").replacingOccurrences(of: "\\n", with: "\n")
                    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    if FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) { made += 1 }
                case "l" where parts.count > 2:
                    try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    _ = symlink(parts[2], path)
                default:
                    break
                }
            }
            let realRoot = InventoryFiles.realPath(root) ?? root
            do throws(DiagnosticList) {
                let found = try InventoryFiles.walk(root)
                var seen: Set<String> = []
                for file in found.files {
                    guard let real = InventoryFiles.realPath(file.path) else { fatalError("walk returned a file that does not resolve: \(file.display)") }
                    if !real.hasPrefix(realRoot + "/") { fatalError("walk left the inventory: \(file.display) -> \(real)") }
                    if !seen.insert(real).inserted { fatalError("walk returned \(real) twice") }
                }
                if found.files.count > made { fatalError("walk returned \(found.files.count) files of \(made) made") }
            } catch {
                // Walk errors name an entry of the folder (relative) or the folder itself.
                for d in error.diagnostics {
                    guard let at = d.location, at.line >= 1, at.column >= 1, !d.message.en.isEmpty, !d.message.zh.isEmpty else {
                        fatalError("walk: a problem without a place: \(d.message.en)")
                    }
                }
            }
            do throws(DiagnosticList) {
                exercise(try InventoryLoader(limits: limits, catalog: catalog).load(root))
            } catch {
                for d in error.diagnostics where d.location == nil { fatalError("load: a problem without a place: \(d.message.en)") }
            }
        }
    }

    /// A relative path without `..` or empty components, at most 8 deep.
    static func safe(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != ".." && $0 != "." && !$0.isEmpty }.prefix(8)
        return parts.isEmpty ? "x" : parts.joined(separator: "/")
    }

    // MARK: Templates

    /// The findings of the sample inventory under one small rule, for the template target.
    static let sampleResult: CheckResult = {
        let text = """
            id: FZ-1
            title: {zh: 模糊, en: fuzz}
            severity: high
            applies_to: terminal
            assert: "self.id == 'ok'"
            message: {zh: "终端 {{self.id}} <b>&", en: "terminal {{self.id}} <b>&"}
            remediation: {zh: 无, en: none}
            citation: {document: 文件, title: 标题, article: 第一条, quote: 原文}
            examples:
              - {expect: fail, self: {id: t1}}
              - {expect: pass, self: {id: ok}}

            """
        do throws(DiagnosticList) {
            let rule = try RuleLoader(options: celOptions).parse(Array(text.utf8), file: "FZ-1.yaml", pack: "fuzz")
            return try Checker(rules: [rule], plans: []).check(sample, options: CheckOptions(asOf: ExampleRunner.defaultAsOf))
        } catch {
            fatalError("the template target's rule does not load: \(error.rendered(.en))")
        }
    }()

    /// The input as `report.md.mustache` (an override from `--templates`), with a
    /// partial it may include; rendered for the sample inventory within its work budget.
    /// Errors must name the template's file.
    static func templates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let set = TemplateSet(files: [
            "report.md.mustache": text,
            "part.mustache": "{{#openFindings}}- {{rule}} {{message}}\n{{/openFindings}}",
        ])
        let report = QuarterlyReport(result: sampleResult, inventory: sample, previous: nil, quarter: "2026Q3", language: .zh)
        do throws(Diagnostic) {
            let out = try report.markdown(templates: set)
            if out.utf8.count > 64 << 20 { fatalError("a template rendered \(out.utf8.count) bytes") }
        } catch {
            guard let at = error.location, at.line >= 1, at.column >= 1, at.file.hasPrefix("templates/") else {
                fatalError("templates: a problem without a place in the template: \(error.rendered(.en))")
            }
        }
    }
}
