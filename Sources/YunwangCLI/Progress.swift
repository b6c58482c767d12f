import Diagnostics
import Foundation

/// The pipeline step a long run is in, on standard error, only when it is a
/// terminal: `…读取台账` is overwritten in place and erased before output, so
/// logs and pipes never see it.
struct Progress {
    let enabled: Bool
    let language: Language

    init(language: Language) {
        self.language = language
        self.enabled = isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    func step(_ zh: String, _ en: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K… \(language == .zh ? zh : en)".utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
