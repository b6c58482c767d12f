import Digest
import Foundation

extension Output {
    /// `files` as a folder yunwang can later replace (issue #19 item 5): with the
    /// `.yunwang-site` marker and a `SHA256SUMS` listing every file (DESIGN §6).
    public static func addingChecksums(_ files: [(path: String, data: Data)]) -> [(path: String, data: Data)] {
        let all = files + [(siteMarker, siteMarkerContents)]
        return all + [("SHA256SUMS", checksums(all.map { ($0.path, SHA256.hex($0.data)) }))]
    }
}
