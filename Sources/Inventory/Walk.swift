import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finding the files of an inventory: every `*.yaml`/`*.yml` below a
/// directory, in code-point order of their relative paths (issue #19 items 7–9).
///
/// - Each real directory is read once (by device and inode), however many
///   links lead to it, so links cannot make the walk grow exponentially or
///   loop; each real file is read once too.
/// - A symbolic link whose target lies outside the inventory's folder is an
///   error naming the link (it is not followed: in CI it would expose any
///   readable file); so is a link that cannot be resolved.
/// - Folders nest at most `maxDepth` deep; a path over PATH_MAX, an entry that
///   cannot be examined and a folder that cannot be read are errors — never skips.
/// - Hidden entries (`.git`, `.x.yaml`) and files whose extension differs only
///   in case (`a.YAML`) are skipped and listed in `skipped`, for `validate` to say so.
/// The walk is linear in the number of entries: one lstat per entry, one
/// realpath per link, one opendir per real folder.
public enum InventoryFiles {
    public struct File: Sendable {
        public var path: String
        public var display: String
    }

    /// An entry left out of the inventory, and why.
    public struct Skipped: Sendable, Hashable {
        public enum Reason: String, Sendable {
            /// The name starts with a dot.
            case hidden
            /// `.YAML`, `.Yml`, …: only `.yaml` and `.yml` are read.
            case extensionCase
            /// A link to a folder or file that was already read by another path.
            case alreadyRead
        }
        public var path: String
        public var reason: Reason
    }

    /// Deepest folder nesting below the inventory's folder.
    public static let maxDepth = 64

    public static func find(_ path: String) throws(DiagnosticList) -> (root: String, files: [File]) {
        let walk = try walk(path)
        return (walk.root, walk.files)
    }

    public static func walk(_ path: String) throws(DiagnosticList) -> (root: String, files: [File], skipped: [Skipped]) {
        func problem(_ place: String, _ zh: String, _ en: String) -> Diagnostic {
            Diagnostic(zh: zh, en: en, at: SourceLocation(file: place, line: 1, column: 1), step: "load")
        }
        var st = stat()
        guard stat(path, &st) == 0 else {
            let (zh, en) = errno == ENOENT ? ("路径不存在", "no such file or directory") : ("无法读取", "cannot be read")
            throw DiagnosticList([problem(path, "\(zh)：\(Printable.excerpt(path, limit: 200))", "\(en): \(Printable.excerpt(path, limit: 200))")])
        }
        if !isDirectory(st) {
            return (path, [File(path: path, display: (path as NSString).lastPathComponent)], [])
        }
        guard let rootReal = realPath(path) else {
            throw DiagnosticList([problem(path, "无法解析路径：\(Printable.excerpt(path, limit: 200))", "cannot resolve the path: \(Printable.excerpt(path, limit: 200))")])
        }
        var files: [File] = []
        var skipped: [Skipped] = []
        var problems: [Diagnostic] = []
        var seen: Set<FileID> = [FileID(st)]
        let pathMax = Int(PATH_MAX)

        /// Whether `real` (an absolute, resolved path) is the root or inside it.
        func inside(_ real: String) -> Bool {
            real == rootReal || real.hasPrefix(rootReal == "/" ? "/" : rootReal + "/")
        }

        // Depth first, in sorted order, without recursion (a stack of folders still to read).
        var stack: [(dir: String, relative: String, depth: Int)] = [(path, "", 0)]
        while let (dir, relative, depth) = stack.popLast() {
            guard let entries = listDirectory(dir) else {
                problems.append(problem(relative.isEmpty ? path : relative, "无法读取目录：\(Printable.excerpt(relative, limit: 200))", "cannot read the directory: \(Printable.excerpt(relative, limit: 200))"))
                continue
            }
            var subfolders: [(dir: String, relative: String, depth: Int)] = []
            // Real entries before links, so that what a link leads to is named by its own path.
            for entry in entries.filter({ !$0.link }) + entries.filter(\.link) {
                guard let name = entry.name else {
                    // A name that is not UTF-8 cannot be shown or opened as a String path:
                    // skipping it would leave its objects unchecked.
                    let shown = (relative.isEmpty ? "" : relative + "/") + String(decoding: entry.bytes, as: UTF8.self)
                    problems.append(problem(shown, "文件名不是有效的 UTF-8，无法读取，请改名：\(Printable.excerpt(shown, limit: 200))", "a file name that is not valid UTF-8 cannot be read; rename it: \(Printable.excerpt(shown, limit: 200))"))
                    continue
                }
                let full = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                let yaml = name.hasSuffix(".yaml") || name.hasSuffix(".yml")
                if name.hasPrefix(".") {
                    skipped.append(Skipped(path: rel, reason: .hidden))
                    continue
                }
                if full.utf8.count >= pathMax {
                    problems.append(problem(String(rel.prefix(200)), "路径超过系统上限（\(pathMax) 字节），无法读取：\(Printable.excerpt(rel, limit: 200))", "the path is longer than the system allows (\(pathMax) bytes) and cannot be read: \(Printable.excerpt(rel, limit: 200))"))
                    continue
                }
                var ls = stat()
                guard lstat(full, &ls) == 0 else {
                    problems.append(problem(rel, "无法读取：\(Printable.excerpt(rel, limit: 200))（\(String(cString: strerror(errno)))）", "cannot be read: \(Printable.excerpt(rel, limit: 200)) (\(String(cString: strerror(errno))))"))
                    continue
                }
                var target = ls
                if (ls.st_mode & S_IFMT) == S_IFLNK {
                    guard let real = realPath(full), stat(full, &target) == 0 else {
                        // Only a link that would be read matters (a dangling README link does not).
                        guard yaml || !name.contains(".") else { continue }
                        problems.append(problem(rel, "符号链接无法解析（悬空或循环）：\(Printable.excerpt(rel, limit: 200))", "a symbolic link that cannot be resolved (dangling or a loop): \(Printable.excerpt(rel, limit: 200))"))
                        continue
                    }
                    guard inside(real) || !(yaml || isDirectory(target)) else {
                        problems.append(problem(rel, "符号链接指向台账目录之外，不会读取：\(Printable.excerpt(rel, limit: 200))", "a symbolic link that leads outside the inventory's folder is not followed: \(Printable.excerpt(rel, limit: 200))"))
                        continue
                    }
                }
                if isDirectory(target) {
                    guard seen.insert(FileID(target)).inserted else {
                        skipped.append(Skipped(path: rel, reason: .alreadyRead))
                        continue
                    }
                    guard depth < maxDepth else {
                        problems.append(problem(String(rel.prefix(200)), "目录嵌套超过 \(maxDepth) 层：\(Printable.excerpt(rel, limit: 200))", "folders nest more than \(maxDepth) deep: \(Printable.excerpt(rel, limit: 200))"))
                        continue
                    }
                    subfolders.append((full, rel, depth + 1))
                } else if yaml {
                    guard seen.insert(FileID(target)).inserted else {
                        skipped.append(Skipped(path: rel, reason: .alreadyRead))
                        continue
                    }
                    files.append(File(path: full, display: rel))
                } else {
                    let lower = name.lowercased()
                    if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { skipped.append(Skipped(path: rel, reason: .extensionCase)) }
                }
            }
            stack.append(contentsOf: subfolders.reversed())
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
        guard !files.isEmpty else {
            throw DiagnosticList([problem(path, "目录 \(Printable.excerpt(path, limit: 200)) 下没有 .yaml/.yml 文件", "no .yaml/.yml files under \(Printable.excerpt(path, limit: 200))")])
        }
        files.sort { $0.display.utf8.lexicographicallyPrecedes($1.display.utf8) }
        return (path, files, skipped)
    }

    /// Device and inode: a real file or folder, whatever path leads to it.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ s: stat) {
            device = UInt64(s.st_dev)
            inode = UInt64(s.st_ino)
        }
    }

    static func isDirectory(_ s: stat) -> Bool { (s.st_mode & S_IFMT) == S_IFDIR }

    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// A folder's entries (without `.` and `..`), sorted by their bytes; the name is nil
    /// when it is not UTF-8; `link` when readdir says it is a symbolic link (only an
    /// order: lstat decides). nil when the folder cannot be read.
    static func listDirectory(_ path: String) -> [(name: String?, bytes: [UInt8], link: Bool)]? {
        guard let d = opendir(path) else { return nil }
        defer { closedir(d) }
        var out: [(name: String?, bytes: [UInt8], link: Bool)] = []
        while true {
            errno = 0
            guard let e = readdir(d) else { break }
            let bytes: [UInt8] = withUnsafeBytes(of: e.pointee.d_name) { raw in
                let b = raw.bindMemory(to: UInt8.self)
                return Array(b.prefix { $0 != 0 })
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            out.append((String(validating: bytes, as: UTF8.self), bytes, e.pointee.d_type == UInt8(DT_LNK)))
        }
        // readdir returns nil both at the end and on an error; errno tells them apart.
        guard errno == 0 else { return nil }
        out.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        return out
    }
}
