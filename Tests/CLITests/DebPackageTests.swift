import Foundation
import Testing

/// `make deb` (scripts/build-deb.sh): the package is built once per test run (a release build
/// with --static-swift-stdlib, reused from .build/release when up to date), read back with
/// dpkg-deb, installed with dpkg into a scratch root whose package database is a copy of this
/// machine's (so Depends must name real, installed Debian packages), and run from there.
@Suite("Debian package (end to end)", .serialized)
struct DebPackageTests {
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLI.Result {
        let scratch = try Scratch()
        let outURL = scratch.url.appendingPathComponent("out"), errURL = scratch.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? CLI.repository
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        process.waitUntilExit()
        return CLI.Result(code: process.terminationStatus,
                          out: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
                          err: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
                          seconds: Date().timeIntervalSince(start))
    }

    /// The package, built once: its path, or why it could not be built.
    /// `make test` builds the package before `swift test` and names it in YUNWANG_DEB; run
    /// alone, the test builds it in `.build-deb` (`swift test` holds `.build`'s lock, so a
    /// build there would wait for ever).
    static let built: Result<String, CLIError> = {
        if let prebuilt = ProcessInfo.processInfo.environment["YUNWANG_DEB"], FileManager.default.fileExists(atPath: prebuilt) {
            print("◇ using \(prebuilt) (built by make test)")
            return .success(prebuilt)
        }
        let out = CLI.repository.appendingPathComponent(".build-deb/deb-test").path
        let result = Swift.Result { try run(["env", "SCRATCH=.build-deb", "bash", "scripts/build-deb.sh", out]) }
        guard case .success(let r) = result, r.code == 0 else {
            let why = (try? result.get()).map { String($0.err.suffix(3000)) } ?? "could not run it"
            return .failure(CLIError("scripts/build-deb.sh failed: \(why)"))
        }
        print("◇ built \(lastLine(r.out)) in \(Int(r.seconds)) s")
        return .success(lastLine(r.out))
    }()

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }

    static func deb() throws -> String {
        switch built {
        case .success(let path): return path
        case .failure(let error): throw error
        }
    }

    @Test func theControlFileNamesOnlyDebianLibrariesAndNoSwift() throws {
        let deb = try Self.deb()
        #expect(URL(fileURLWithPath: deb).lastPathComponent == "yunwang_0.1.0_amd64.deb")
        let info = try Self.run(["dpkg-deb", "--info", deb])
        #expect(info.code == 0, "\(info.err)")
        #expect(info.out.contains(" Package: yunwang\n") && info.out.contains(" Version: 0.1.0\n") && info.out.contains(" Architecture: amd64\n"))
        let field = try Self.run(["dpkg-deb", "--field", deb, "Depends"])
        let depends = field.out.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ", ")
        #expect(depends.contains("libyaml-0-2"), "\(depends)")
        #expect(depends.contains { $0.hasPrefix("libcmark-gfm0.29.0.gfm.") } && depends.contains { $0.hasPrefix("libcmark-gfm-extensions0.29.0.gfm.") }, "\(depends)")
        #expect(!depends.contains { $0.lowercased().contains("swift") }, "\(depends)")
        // The rest is the C and C++ runtime every Debian system has.
        // FoundationXML (the xlsx reader) brings libxml2, and with it ICU and liblzma; libxlsxwriter
        // brings libssl (MD5) and zlib/minizip. All are Debian packages on every supported release.
        let runtime: Set<String> = ["libc6", "libgcc-s1", "libstdc++6", "libxlsxwriter1", "libxlsxwriter2", "zlib1g", "libminizip1",
                                    "libxml2", "libicu72", "liblzma5", "libssl3"]
        for d in depends where !d.hasPrefix("libyaml") && !d.hasPrefix("libcmark-gfm") {
            #expect(runtime.contains(d) || d.hasPrefix("libxlsxwriter"), "unexpected dependency \(d)")
        }
        let contents = try Self.run(["dpkg-deb", "--contents", deb])
        for path in ["./usr/bin/yunwang", "./usr/share/bash-completion/completions/yunwang", "./usr/share/zsh/site-functions/_yunwang",
                     "./usr/share/fish/vendor_completions.d/yunwang.fish", "./usr/share/man/man1/yunwang.1.gz",
                     "./usr/share/man/man1/yunwang-check.1.gz", "./usr/share/man/man1/yunwang-policy-test.1.gz",
                     "./usr/share/doc/yunwang/examples/baotou/units.yaml"] {
            #expect(contents.out.contains(" \(path)\n"), "\(path)")
        }
        #expect(contents.out.contains(" root/root "))
    }

    @Test func itInstallsIntoAScratchRootAndChecksAnExample() throws {
        let deb = try Self.deb()
        let root = try Scratch()
        let db = root.url.appendingPathComponent("var/lib/dpkg")
        for sub in ["info", "updates", "triggers"] {
            try FileManager.default.createDirectory(at: db.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // This machine's package database: Depends are checked against what is really installed.
        try FileManager.default.copyItem(atPath: "/var/lib/dpkg/status", toPath: db.appendingPathComponent("status").path)
        let install = try Self.run(["dpkg", "--root=\(root.url.path)", "--log=/dev/null", "-i", deb])
        #expect(install.code == 0, "\(install.out)\n\(install.err)")
        let binary = root.path("usr/bin/yunwang")
        let ldd = try Self.run(["ldd", binary])
        #expect(ldd.code == 0 && !ldd.out.lowercased().contains("swift"), "\(ldd.out)")
        #expect(ldd.out.contains("libyaml-0.so.2") && ldd.out.contains("libcmark-gfm"))
        let version = try Self.run([binary, "--version"])
        #expect(version.out.hasPrefix("yunwang 0.1.0 (commit "), "\(version.out)")
        // The installed binary, run from elsewhere, on the example it ships.
        let example = root.path("usr/share/doc/yunwang/examples/baotou")
        let check = try Self.run([binary, "check", example, "--format", "json"], in: FileManager.default.temporaryDirectory)
        #expect(check.code == 1, "\(check.err)")
        let doc = try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any]
        #expect(((doc?["summary"] as? [String: Any])?["open"] as? Int ?? 0) > 0)
        #expect(Self.lastLine(check.err).hasPrefix("阻断："))
        let man = try Self.run(["sh", "-c", "gzip -dc \"$0\" | head -3", root.path("usr/share/man/man1/yunwang-check.1.gz")])
        #expect(man.out.hasPrefix(".TH \"YUNWANG-CHECK\" \"1\"") && man.out.contains("按内置和自定义规则检查台账"), "\(man.out)")
        let removed = try Self.run(["dpkg", "--root=\(root.url.path)", "--log=/dev/null", "-r", "yunwang"])
        #expect(removed.code == 0 && !FileManager.default.fileExists(atPath: binary), "\(removed.err)")
    }
}
