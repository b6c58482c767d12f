import Digest
import Foundation

extension Output {
    /// `files` with a `SHA256SUMS` of them added, as every output folder has (DESIGN §6).
    public static func addingChecksums(_ files: [(path: String, data: Data)]) -> [(path: String, data: Data)] {
        files + [("SHA256SUMS", checksums(files.map { ($0.path, SHA256.hex($0.data)) }))]
    }
}
