import Diagnostics
import Digest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing output so a failed run never leaves a half result (DESIGN §5, §6;
/// STYLE: Hugo): everything goes to a temporary sibling first and is then
/// renamed into place with rename(2).
public enum Output {
    /// `SHA256SUMS` in `sha256sum` format from each file's hex digest, sorted by path (code point order).
    public static func checksums(_ digests: [(path: String, digest: String)]) -> Data {
        let sorted = digests.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        var text = ""
        for file in sorted { text += "\(file.digest)  \(file.path)\n" }
        return Data(text.utf8)
    }

    static func failure(_ target: String, _ zh: String, _ en: String) -> Diagnostic {
        Diagnostic(zh: zh, en: en, at: SourceLocation(file: target, line: 1, column: 1), step: "write")
    }

    /// Replace the folder `target` with `files`. An existing target must be
    /// empty or an earlier site (`checkReplaceable`), so a mistyped
    /// `--output .` never deletes someone's work.
    public static func writeDirectory(_ target: String, files: [(path: String, data: Data)]) throws(Diagnostic) {
        let writer = try DirectoryWriter(target)
        do {
            for file in files { try writer.write(file.path, file.data) }
            try writer.commit()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// A folder being written: files go into a temporary sibling folder,
    /// from any thread, as they are made; `commit()` renames it into place
    /// (the previous folder is moved aside first and removed after), so the
    /// target is never half written. `abort()` removes the temporary folder.
    /// Files are written with open/write/close and no fsync per file
    /// (Foundation's `Data.write` syncs each file; a site has thousands).
    public final class DirectoryWriter: @unchecked Sendable {
        let target: String
        let url: URL
        let temp: URL
        let tempPath: String
        let old: URL
        let exists: Bool
        private let lock = NSLock()
        private var made: Set<String> = [""]

        /// Checks `target` (an existing one must be a folder that is empty or
        /// an earlier site, `checkReplaceable`), removes what killed runs left
        /// beside it (`removeStale`) and creates the temporary folder.
        public init(_ target: String) throws(Diagnostic) {
            let fm = FileManager.default
            self.target = target
            url = URL(fileURLWithPath: target).standardizedFileURL
            let parent = url.deletingLastPathComponent()
            var isDir: ObjCBool = false
            exists = fm.fileExists(atPath: url.path, isDirectory: &isDir)
            if exists {
                guard isDir.boolValue else {
                    throw failure(target, "--output 已存在且不是目录", "--output exists and is not a directory")
                }
                try Output.checkReplaceable(url.path, target: target)
            }
            do {
                try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw failure(target, "无法创建上级目录：\(WriteError.reason(error).zh)", "cannot create the parent folder: \(WriteError.reason(error).en)")
            }
            Output.removeStale(in: parent.path, name: url.lastPathComponent)
            let pid = getpid()
            temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(pid)")
            tempPath = temp.path
            old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(pid)")
            try? fm.removeItem(at: temp)
            try? fm.removeItem(at: old)
            do {
                try fm.createDirectory(at: temp, withIntermediateDirectories: true)
            } catch {
                throw failure(target, "写入失败：\(WriteError.reason(error).zh)", "cannot write: \(WriteError.reason(error).en)")
            }
        }

        /// Write one file (path relative to the folder, `/`-separated); its folders are made as needed.
        public func write(_ path: String, _ data: Data) throws(Diagnostic) {
            if let error = data.withUnsafeBytes({ put(path, $0) }) { throw error }
        }

        public func write(_ path: String, text: String) throws(Diagnostic) {
            var text = text
            if let error = text.withUTF8({ put(path, UnsafeRawBufferPointer($0)) }) { throw error }
        }

        private func put(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Diagnostic? {
            if let slash = path.lastIndex(of: "/") {
                let dir = String(path[..<slash])
                if !lock.withLock({ made.contains(dir) }) {
                    do {
                        try FileManager.default.createDirectory(at: temp.appendingPathComponent(dir), withIntermediateDirectories: true)
                    } catch {
                        return failure(target, "写入失败：\(WriteError.reason(error).zh)", "cannot write: \(WriteError.reason(error).en)")
                    }
                    _ = lock.withLock { made.insert(dir) }
                }
            }
            guard writeAllBytes(tempPath + "/" + path, bytes) else {
                let why = WriteError.reason(errno: errno)
                return failure(target, "写入失败：\(path)：\(why.zh)", "cannot write: \(path): \(why.en)")
            }
            return nil
        }

        /// Move the written folder into place.
        public func commit() throws(Diagnostic) {
            if exists, rename(url.path, old.path) != 0 {
                abort()
                throw failure(target, "无法移走旧站点", "cannot move the previous site aside")
            }
            if rename(temp.path, url.path) != 0 {
                if exists { _ = rename(old.path, url.path) }
                abort()
                throw failure(target, "无法把新站点移入位置", "cannot move the new site into place")
            }
            if exists { try? FileManager.default.removeItem(at: old) }
        }

        public func abort() {
            try? FileManager.default.removeItem(at: temp)
        }
    }

    /// Write one file via a temporary sibling and rename(2); a target that
    /// is not a regular file (such as /dev/stdout) is written directly.
    public static func writeFile(_ target: String, _ data: Data) throws(Diagnostic) {
        let fm = FileManager.default
        if let attrs = try? fm.attributesOfItem(atPath: target), (attrs[.type] as? FileAttributeType) != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: target) else {
                throw failure(target, "无法写入", "cannot write")
            }
            // The throwing write: a full device (/dev/full, a full disk) is an error, not a trap.
            do {
                try handle.write(contentsOf: data)
                try handle.close()
            } catch {
                throw failure(target, "写入失败：\(WriteError.reason(error).zh)", "cannot write: \(WriteError.reason(error).en)")
            }
            return
        }
        let url = URL(fileURLWithPath: target)
        removeStale(in: url.deletingLastPathComponent().path, name: url.lastPathComponent)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw failure(target, "写入失败：\(WriteError.reason(error).zh)", "cannot write: \(WriteError.reason(error).en)")
        }
        if rename(temp.path, url.path) != 0 {
            let why = WriteError.reason(errno: errno)
            try? fm.removeItem(at: temp)
            throw failure(target, "无法把文件移入位置：\(why.zh)", "cannot move the file into place: \(why.en)")
        }
    }
}

/// open/write/close, every byte; false on failure.
private func writeAllBytes(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        guard n > 0 else { return false }
        offset += n
    }
    return true
}

extension Output {
    /// The file that marks a folder as a site yunwang wrote (issue #19 item 5). It holds
    /// one fixed line, so two builds of one input stay byte-identical, and it is listed in
    /// `SHA256SUMS` like every other file of the site.
    public static let siteMarker = ".yunwang-site"
    public static let siteMarkerContents = Data("yunwang site: this folder is replaced as a whole by `yunwang site --output`\n".utf8)

    /// An existing `--output` folder may be replaced only when it is empty or an earlier
    /// site: it holds the marker and `SHA256SUMS`, and every file in it but `SHA256SUMS`
    /// is listed there. A folder of someone's files that happens to hold a `SHA256SUMS`
    /// (a release folder) is refused, and says which file is not the site's.
    static func checkReplaceable(_ path: String, target: String) throws(Diagnostic) {
        let fm = FileManager.default
        guard let top = try? fm.contentsOfDirectory(atPath: path) else {
            throw failure(target, "无法读取 --output 目录", "cannot read the --output folder")
        }
        if top.isEmpty { return }
        let refuse = { (zh: String, en: String) -> Diagnostic in
            failure(target, "--output 目录非空且不是 yunwang 生成的站点（\(zh)），不会覆盖；请换一个空目录或新路径",
                    "--output is a non-empty folder that is not a site yunwang wrote (\(en)); not replacing it: choose an empty or new folder")
        }
        guard top.contains(siteMarker) else { throw refuse("没有 \(siteMarker)", "no \(siteMarker)") }
        guard let sums = fm.contents(atPath: path + "/SHA256SUMS") else { throw refuse("没有 SHA256SUMS", "no SHA256SUMS") }
        var listed: Set<String> = []
        for line in String(decoding: sums, as: UTF8.self).split(separator: "\n") {
            // `<64 hex>  <path>`
            guard line.utf8.count > 66 else { continue }
            listed.insert(String(line.dropFirst(66)))
        }
        guard let walker = fm.enumerator(atPath: path) else { throw refuse("无法读取", "cannot be read") }
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = path + "/" + rel
            if let attrs = try? fm.attributesOfItem(atPath: full), (attrs[.type] as? FileAttributeType) == .typeSymbolicLink {
                throw refuse("含符号链接 \(Printable.excerpt(rel))", "it holds the symbolic link \(Printable.excerpt(rel))")
            }
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            if rel == "SHA256SUMS" { continue }
            guard listed.contains(rel) else {
                throw refuse("\(Printable.excerpt(rel)) 不在 SHA256SUMS 中", "\(Printable.excerpt(rel)) is not listed in its SHA256SUMS")
            }
        }
    }

    /// Removes what a killed run (kill -9, a power cut) left beside `name` in `parent`:
    /// `.NAME.tmp-PID` and `.NAME.old-PID` whose process no longer exists (issue #19 item 10).
    /// A live process's folders, and anything not named so, are left alone.
    static func removeStale(in parent: String, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let own = getpid()
        for entry in entries {
            for kind in [".tmp-", ".old-"] {
                let prefix = "." + name + kind
                guard entry.hasPrefix(prefix), entry.utf8.count > prefix.utf8.count else { continue }
                let digits = entry.dropFirst(prefix.count)
                guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0, pid != own else { continue }
                // kill(pid, 0): ESRCH means no such process; EPERM means it exists (another user's).
                if kill(pid, 0) != 0, errno == ESRCH {
                    try? FileManager.default.removeItem(atPath: parent + "/" + entry)
                }
            }
        }
    }
}
