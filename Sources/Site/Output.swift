import Diagnostics
import Digest
import Foundation
import Parallel
#if canImport(Glibc)
import Glibc
#endif

/// Writing output so a failed run never leaves a half result (DESIGN §5, §6;
/// STYLE: Hugo): everything goes to a temporary sibling first and is then
/// renamed into place with rename(2).
public enum Output {
    /// `SHA256SUMS` in `sha256sum` format, sorted by path (code point order).
    public static func checksums(_ files: [(path: String, data: Data)]) -> Data {
        let sorted = files.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        var text = ""
        // Each file's digest on its own core; the listing keeps path order.
        let digests = parallelMap(sorted.map(\.data)) { SHA256.hex($0) }
        for (file, digest) in zip(sorted, digests) { text += "\(digest)  \(file.path)\n" }
        return Data(text.utf8)
    }

    static func failure(_ target: String, _ zh: String, _ en: String) -> Diagnostic {
        Diagnostic(zh: zh, en: en, at: SourceLocation(file: target, line: 1, column: 1), step: "write")
    }

    /// Replace the folder `target` with `files`. An existing target must be
    /// empty or an earlier site (it holds `SHA256SUMS`), so a mistyped
    /// `--output .` never deletes someone's work.
    /// open/write/close: no per-file fsync (Foundation's `Data.write` syncs each
    /// file; a site has thousands). The folder becomes visible only by the
    /// rename that follows, after all files are written.
    static func writePlain(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                offset += n
            }
        }
    }

    public static func writeDirectory(_ target: String, files: [(path: String, data: Data)]) throws(Diagnostic) {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: target).standardizedFileURL
        let parent = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: url.path, isDirectory: &isDir)
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
            throw failure(target, "无法创建上级目录：\(error.localizedDescription)", "cannot create the parent folder: \(error.localizedDescription)")
        }
        let pid = getpid()
        let temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(pid)")
        let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(pid)")
        try? fm.removeItem(at: temp)
        try? fm.removeItem(at: old)
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: true)
            var made: Set<String> = [temp.path]
            for file in files {
                let fileURL = temp.appendingPathComponent(file.path)
                let dir = fileURL.deletingLastPathComponent()
                if !made.contains(dir.path) {
                    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
                    made.insert(dir.path)
                }
                try Self.writePlain(file.data, to: fileURL.path)
            }
        } catch {
            try? fm.removeItem(at: temp)
            throw failure(target, "写入失败：\(error.localizedDescription)", "cannot write: \(error.localizedDescription)")
        }
        if exists, rename(url.path, old.path) != 0 {
            try? fm.removeItem(at: temp)
            throw failure(target, "无法移走旧站点", "cannot move the previous site aside")
        }
        if rename(temp.path, url.path) != 0 {
            if exists { _ = rename(old.path, url.path) }
            try? fm.removeItem(at: temp)
            throw failure(target, "无法把新站点移入位置", "cannot move the new site into place")
        }
        if exists { try? fm.removeItem(at: old) }
    }

    /// Write one file via a temporary sibling and rename(2); a target that
    /// is not a regular file (such as /dev/stdout) is written directly.
    public static func writeFile(_ target: String, _ data: Data) throws(Diagnostic) {
        let fm = FileManager.default
        if let attrs = try? fm.attributesOfItem(atPath: target), (attrs[.type] as? FileAttributeType) != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: target) else {
                throw failure(target, "无法写入", "cannot write")
            }
            handle.write(data)
            return
        }
        let url = URL(fileURLWithPath: target)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw failure(target, "写入失败：\(error.localizedDescription)", "cannot write: \(error.localizedDescription)")
        }
        if rename(temp.path, url.path) != 0 {
            try? fm.removeItem(at: temp)
            throw failure(target, "无法把文件移入位置", "cannot move the file into place")
        }
    }
}
