// The `main` of every fuzz executable.
//
// Built by scripts/fuzz.sh (`make fuzz`: ASan, libFuzzer's coverage
// instrumentation, -DFUZZING, libclang_rt.fuzzer_no_main) it hands the command
// line to libFuzzer through LLVMFuzzerRunDriver: SwiftPM links `main` to the
// module's own entry point, so libFuzzer's `main` is never used.
// Built plainly (`swift build`), it is a reproducer: it runs each file named
// on the command line (or every file in a named folder) through the target.
// Run it with SWIFT_BACKTRACE=enable=no (scripts/fuzz.sh does): Swift's
// backtracer, set up before `main`, would otherwise hold every crash for seconds.

import Foundation
#if FUZZING
import CFuzzDriver
#endif

public enum FuzzMain {
    public static func run(_ target: FuzzTarget) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let code: Int32
        switch target {
        case .yaml: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.yaml.run(d, n); return 0 }
        case .inventory: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.inventory.run(d, n); return 0 }
        case .cel: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.cel.run(d, n); return 0 }
        case .policy: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.policy.run(d, n); return 0 }
        case .walk: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.walk.run(d, n); return 0 }
        case .templates: code = LLVMFuzzerRunDriver(&argc, &argv) { d, n in FuzzTarget.templates.run(d, n); return 0 }
        }
        exit(code)
        #else
        reproduce(target)
        #endif
    }

    /// Runs every file given (folders: every file in them, sorted) and says how many.
    static func reproduce(_ target: FuzzTarget) -> Never {
        let arguments = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
        if arguments.isEmpty {
            FileHandle.standardError.write(Data("""
                usage: fuzz-\(target.rawValue) FILE|DIR...
                Runs each input through the \(target.rawValue) fuzz target (this build has no libFuzzer;
                `make fuzz` builds one with ASan and libFuzzer, see docs/hardening.md).

                """.utf8))
            exit(2)
        }
        var count = 0
        for path in arguments {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                FileHandle.standardError.write(Data("fuzz-\(target.rawValue): no such file: \(path)\n".utf8))
                exit(2)
            }
            let files = isDir.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run(Array(data))
                count += 1
            }
        }
        print("fuzz-\(target.rawValue): \(count) inputs ran without a crash")
        exit(0)
    }
}
