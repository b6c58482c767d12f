import Foundation

/// Writes output so a failed run never leaves a half-written result: into a
/// temporary sibling, then renamed into place (DESIGN §5).
enum AtomicWriter {
    static func writeDirectory(_ target: String, files: [(String, Data)]) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let temp = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try? fm.removeItem(at: temp)
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: true)
            for (path, data) in files {
                let file = temp.appendingPathComponent(path)
                try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
            if fm.fileExists(atPath: target) { try fm.removeItem(at: url) }
            try fm.moveItem(at: temp, to: url)
        } catch {
            try? fm.removeItem(at: temp)
            throw CommandFailure(code: 2, message: "\(target): 错误: 写入失败 / error: cannot write: \(error.localizedDescription)")
        }
    }

    /// Write one file via a temporary file beside it; a target that is not a
    /// regular file (such as /dev/stdout) is written directly.
    static func writeFile(_ target: String, _ data: Data) throws {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: target, isDirectory: &isDir)
        if exists, let attrs = try? FileManager.default.attributesOfItem(atPath: target),
           (attrs[.type] as? FileAttributeType) != .typeRegular {
            guard let handle = FileHandle(forWritingAtPath: target) else {
                throw CommandFailure(code: 2, message: "\(target): 错误: 无法写入 / error: cannot write")
            }
            handle.write(data)
            return
        }
        let url = URL(fileURLWithPath: target)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw CommandFailure(code: 2, message: "\(target): 错误: 写入失败 / error: cannot write: \(error.localizedDescription)")
        }
        // rename(2) replaces the target in one step: readers see the old file or the new one.
        guard rename(temp.path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw CommandFailure(code: 2, message: "\(target): 错误: 写入失败 / error: cannot write: \(reason)")
        }
    }
}
