import Foundation

/// The files of `policies/`, `plans/`, `templates/` and `site/`, embedded in
/// the binary at build time.
public enum BuiltinResources {
    /// The git commit the binary was built from (12 hex digits), or `unknown`.
    public static let commit: String = embeddedCommit

    /// Every embedded file: path relative to the repository root → bytes.
    public static let files: [(path: String, data: Data)] = embeddedFiles.compactMap { entry in
        Data(base64Encoded: entry.base64).map { (entry.path, $0) }
    }

    /// Embedded files below a folder (`"plans/"`), in path order.
    public static func files(under prefix: String) -> [(path: String, data: Data)] {
        files.filter { $0.path.hasPrefix(prefix) }
    }
}
