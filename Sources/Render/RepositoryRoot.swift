import Diagnostics
import Foundation

/// `check --root DIR`: SARIF, JUnit and CSV name files relative to the repository root, so
/// GitHub code scanning, GitLab and Jenkins can link a finding to its line. The root is
/// `--root`, else the git top-level above the current directory (a `.git` folder, or the
/// `.git` file of a worktree), else the current directory.
public enum RepositoryRoot {
    /// The nearest folder at or above `directory` holding `.git`.
    public static func gitTopLevel(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// An absolute, normalized path for `path` (relative to the current directory).
    static func absolute(_ path: String, cwd: String) -> String {
        let joined = path.hasPrefix("/") ? path : cwd + "/" + path
        return "/" + SARIF.normalized(joined, keepParents: false).joined(separator: "/")
    }
}

extension SARIF.ArtifactBase {
    /// The inventory folder relative to `root` (nil: the git top-level, else the current directory).
    public static func resolve(inventoryPath path: String, root: String?) -> SARIF.ArtifactBase {
        let cwd = FileManager.default.currentDirectoryPath
        guard let top = root ?? RepositoryRoot.gitTopLevel(from: cwd) else { return resolve(inventoryPath: path) }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let folder = exists && !isDirectory.boolValue ? (path as NSString).deletingLastPathComponent : path
        let absoluteFolder = RepositoryRoot.absolute(folder.isEmpty ? "." : folder, cwd: cwd)
        let absoluteRoot = RepositoryRoot.absolute(top, cwd: cwd)
        let plain = SARIF.ArtifactBase(folder: absoluteFolder, currentDirectory: absoluteRoot)
        guard plain.absolute else { return plain }
        // Reached through a symbolic link on one side: compare real paths.
        let real = URL(fileURLWithPath: absoluteFolder).resolvingSymlinksInPath().path
        let realRoot = URL(fileURLWithPath: absoluteRoot).resolvingSymlinksInPath().path
        return SARIF.ArtifactBase(folder: real, currentDirectory: realRoot)
    }

    /// A file of the inventory as a plain path from the root (absolute outside it).
    public func path(of file: String) -> String {
        let path = SARIF.normalized((segments + [file]).joined(separator: "/"), keepParents: !absolute).joined(separator: "/")
        return absolute ? "/" + path : path
    }

    /// `path:line:column` of a location in the inventory.
    public func place(_ location: SourceLocation) -> String {
        "\(path(of: location.file)):\(location.line):\(location.column)"
    }
}
