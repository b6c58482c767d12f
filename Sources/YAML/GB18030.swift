/// Chinese Windows saves text as GBK/GB18030 by default, and a file saved that way is
/// what most "not valid UTF-8" inventories are. The check is structural: every byte
/// sequence is ASCII, a GBK pair (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F) or a
/// GB18030 four-byte sequence (lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39), and at least one
/// is not ASCII. Valid UTF-8 Chinese fails it almost at once (UTF-8 trail bytes
/// 0x80–0xBF after a 0xE? lead are GBK pairs, but its three-byte rhythm is not).
enum GB18030 {
    static func looksLike(_ bytes: [UInt8]) -> Bool {
        var i = 0, multibyte = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard b >= 0x81, b <= 0xFE, i + 1 < n else { return false }
            let c = bytes[i + 1]
            if c >= 0x40, c <= 0xFE, c != 0x7F {
                i += 2
            } else if c >= 0x30, c <= 0x39, i + 3 < n, (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) {
                i += 4
            } else {
                return false
            }
            multibyte += 1
        }
        return multibyte > 0
    }

    static let hint = (
        zh: "；可能是 GBK/GB18030 编码，请另存为 UTF-8（例如 iconv -f GB18030 -t UTF-8）",
        en: "; it looks like GBK/GB18030: save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)")
}
