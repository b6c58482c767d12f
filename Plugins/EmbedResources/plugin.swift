import Foundation
import PackagePlugin

/// Embeds the built-in policies, plans, templates and site assets into the
/// binary at build time, so `yunwang` works from any directory.
@main
struct EmbedResources: BuildToolPlugin {
    static let folders = ["policies", "plans", "templates", "site"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        let fm = FileManager.default
        for folder in Self.folders {
            let base = root.appending(path: folder)
            guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded.swift")
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        let relative = inputs.map { String($0.path.dropFirst(prefix.count)) }
        // The git commit for `yunwang --version` ("unknown" without .git, e.g. a tarball) is
        // read by the tool when it runs; HEAD and the branch's ref are inputs, so a new commit
        // re-embeds even when SwiftPM reuses this plan.
        let git = GitCommit(root: root)
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in resource files",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [output.path, root.path, "--git"] + relative,
                inputFiles: inputs + git.files,
                outputFiles: [output]),
        ]
    }
}

/// HEAD's commit, read from the files git keeps (no git binary needed): `.git` may be a
/// folder or, in a worktree, a file naming the folder; refs may be loose or packed.
/// The same reader is in Sources/embed-resources/main.swift (a plugin shares no code).
struct GitCommit {
    var commit = "unknown"
    var files: [URL] = []

    init(root: URL) {
        let fm = FileManager.default
        var gitDir = root.appending(path: ".git")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: gitDir.path, isDirectory: &isDir) else { return }
        if !isDir.boolValue {
            guard let text = try? String(contentsOf: gitDir, encoding: .utf8), text.hasPrefix("gitdir:") else { return }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
        }
        var common = gitDir
        if let text = try? String(contentsOf: gitDir.appending(path: "commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appending(path: path)
        }
        let headFile = gitDir.appending(path: "HEAD")
        guard let head = (try? String(contentsOf: headFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) else { return }
        files.append(headFile)
        guard head.hasPrefix("ref: ") else {
            commit = Self.short(head)
            return
        }
        let ref = String(head.dropFirst(5))
        for dir in [gitDir, common] {
            let file = dir.appending(path: ref)
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                files.append(file)
                commit = Self.short(text.trimmingCharacters(in: .whitespacesAndNewlines))
                return
            }
        }
        let packed = common.appending(path: "packed-refs")
        if let text = try? String(contentsOf: packed, encoding: .utf8) {
            files.append(packed)
            for line in text.split(separator: "\n") where line.hasSuffix(" " + ref) {
                commit = Self.short(String(line.prefix { $0 != " " }))
            }
        }
    }

    static func short(_ hash: String) -> String {
        hash.count >= 12 && hash.allSatisfy(\.isHexDigit) ? String(hash.prefix(12)) : "unknown"
    }
}
