import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--output` must never destroy an input (issue #19 item 6): `check inv
/// --output inv/a.yaml` would replace the inventory file it just read, and
/// `site --output inv` the whole inventory. Before any work, the output path is
/// refused (exit 2) when it is an input file, lies inside an input folder (the
/// inventory tree, a --policies or --templates folder), or — for a folder
/// output, which is replaced as a whole — holds an input. Paths are compared
/// resolved (symbolic links, `..`) and, for existing files, by device and
/// inode, so another spelling or a hard link of an input is caught too.
enum OutputGuard {
    /// `inputs`: every path the command reads (nil and empty ones are ignored).
    static func check(_ output: String, inputs: [String?], outputIsFolder: Bool = false) throws {
        let out = resolved(output)
        let outID = fileID(output)
        for case let input? in inputs where !input.isEmpty {
            guard FileManager.default.fileExists(atPath: input) else { continue }
            let into = resolved(input)
            let same = out == into || (outID != nil && outID == fileID(input))
            let insideInput = out.hasPrefix(into == "/" ? "/" : into + "/")
            let holdsInput = outputIsFolder && into.hasPrefix(out == "/" ? "/" : out + "/")
            guard same || insideInput || holdsInput else { continue }
            let (zh, en): (String, String)
            if same {
                (zh, en) = ("--output 就是输入 \(input)，不会覆盖", "--output is the input \(input); not overwriting it")
            } else if insideInput {
                (zh, en) = ("--output 位于输入目录 \(input) 之内，不会写入", "--output lies inside the input folder \(input); not writing there")
            } else {
                (zh, en) = ("--output 目录包含输入 \(input)，不会替换", "the --output folder holds the input \(input); not replacing it")
            }
            throw CommandFailure(code: 2, message: "--output: 错误: \(zh) / error: \(en)")
        }
    }

    /// The absolute path with links and `..` resolved as far as it exists; the rest appended.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while url.path != "/" {
            if let real = realpath(url.path, nil) {
                defer { free(real) }
                var base = String(cString: real)
                for part in rest.reversed() { base += (base.hasSuffix("/") ? "" : "/") + part }
                return base
            }
            rest.append(url.lastPathComponent)
            url.deleteLastPathComponent()
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    static func fileID(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }
}
