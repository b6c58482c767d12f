import Diagnostics
import Foundation

extension Language {
    /// The language of the locale (POSIX order: `LC_ALL` wins over `LANG`):
    /// `en*` → English, anything else (zh*, C, POSIX, unset) → Chinese.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        for key in ["LC_ALL", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .zh
        }
        return .zh
    }
}
