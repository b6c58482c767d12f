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
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) built-in resource files",
                executable: try context.tool(named: "embed-resources").url,
                arguments: [output.path, root.path] + relative,
                inputFiles: inputs,
                outputFiles: [output]),
        ]
    }
}
