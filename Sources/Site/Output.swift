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
    /// empty or an earlier site (it holds `SHA256SUMS`), so a mistyped
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
        /// an earlier site, holding `SHA256SUMS`) and creates the temporary folder.
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
                let entries = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                guard entries.isEmpty || entries.contains("SHA256SUMS") else {
                    throw failure(target, "--output 目录非空且不是 yunwang 站点（没有 SHA256SUMS），不会覆盖",
                                  "--output is a non-empty folder that is not a yunwang site (no SHA256SUMS); not replacing it")
                }
            }
            do {
                try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw failure(target, "无法创建上级目录：\(WriteError.reason(error).zh)", "cannot create the parent folder: \(WriteError.reason(error).en)")
            }
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
