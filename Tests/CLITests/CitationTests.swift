import Foundation
import Testing

/// Every built-in rule quotes its source verbatim: the `citation.quote` printed by
/// `yunwang policy list --format json` occurs in the seed text of its document under
/// `../shared/seeds/` (whitespace aside).  Rules whose file says
/// `quote_source: national-law` quote national laws that are not among the seeds.
@Suite("rule citations")
struct CitationTests {
    static let seedsDirectory = SharedSource.seeds.folder

    /// DESIGN §3: the seed each provincial or city pack is written from.  Used to cross-check
    /// the content match, and where the seed text does not carry the document's number or
    /// title (the Henan seed starts after its title).
    static let packSeed = ["nm-2024-189": "000", "xingan-2024": "001", "henan": "002",
                           "baotou-2025-11": "003", "nm-2015-cloud": "004"]

    struct Rule {
        var id: String
        var pack: String
        var document: String
        var title: String
        var article: String
        var quote: String
        var titleZH: String
        var titleEN: String
        var file: String
    }

    static func rules() throws -> [Rule] {
        let r = try CLI.run(["policy", "list", "--format", "json"])
        #expect(r.code == 0, "\(r.err)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        return list.map { item in
            let citation = item["citation"] as? [String: Any] ?? [:]
            let title = item["title"] as? [String: Any] ?? [:]
            let id = item["id"] as? String ?? ""
            let pack = item["pack"] as? String ?? ""
            return Rule(id: id, pack: pack,
                        document: citation["document"] as? String ?? "", title: citation["title"] as? String ?? "",
                        article: citation["article"] as? String ?? "", quote: citation["quote"] as? String ?? "",
                        titleZH: title["zh"] as? String ?? "", titleEN: title["en"] as? String ?? "",
                        file: CLI.repository.appendingPathComponent("policies/\(pack)/\(id).yaml").path)
        }
    }

    /// Whitespace removed (including the ideographic space U+3000 the seeds use).
    static func squeeze(_ s: String) -> String {
        String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "\u{3000}" && $0 != "\u{FEFF}" }.map(Character.init))
    }

    /// For finding a document by its number or title only: full-width and ASCII
    /// brackets and punctuation compare equal.
    static func fold(_ s: String) -> String {
        var out = squeeze(s)
        for (a, b) in [("（", "("), ("）", ")"), ("，", ","), ("：", ":"), ("〔", "["), ("〕", "]")] {
            out = out.replacingOccurrences(of: a, with: b)
        }
        return out
    }

    static func seeds() throws -> [String: String] {
        SharedSource.seeds.requirePresent()
        let names = try FileManager.default.contentsOfDirectory(atPath: seedsDirectory.path).filter { $0.hasSuffix(".txt") }
        var out: [String: String] = [:]
        for name in names {
            out[String(name.prefix(3))] = try String(contentsOf: seedsDirectory.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    static func fileText(_ rule: Rule) -> String {
        (try? String(contentsOfFile: rule.file, encoding: .utf8)) ?? ""
    }

    static func isNationalLaw(_ rule: Rule) -> Bool {
        fileText(rule).split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "quote_source: national-law" }
    }

    /// `message` zh/en from the rule file (flow or block form).
    static func messages(_ rule: Rule) -> [String: String] {
        let lines = fileText(rule).split(separator: "\n", omittingEmptySubsequences: false)
        guard let i = lines.firstIndex(where: { $0.hasPrefix("message:") }) else { return [:] }
        var out: [String: String] = [:]
        func take(_ text: Substring) {
            for lang in ["zh", "en"] {
                guard let r = text.range(of: "\(lang):") else { continue }
                var value = text[r.upperBound...].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\"") { value = String(value.dropFirst().prefix { $0 != "\"" }) }
                else { value = String(value.prefix { $0 != "," && $0 != "}" }) }
                if out[lang] == nil { out[lang] = value.trimmingCharacters(in: .whitespaces) }
            }
        }
        let rest = lines[i].dropFirst("message:".count)
        if rest.contains("{") { take(rest); return out }
        var j = i + 1
        while j < lines.count, lines[j].hasPrefix(" ") {
            take(lines[j].drop { $0 == " " })
            j += 1
        }
        return out
    }

    @Test("every rule has a document, article, titles and messages")
    func fieldsArePresent() throws {
        let rules = try Self.rules()
        #expect(rules.count > 40)
        for rule in rules {
            #expect(FileManager.default.fileExists(atPath: rule.file), "\(rule.id): no file \(rule.file)")
            #expect(!rule.document.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id): no citation.document")
            #expect(!rule.title.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id): no citation.title")
            #expect(!rule.article.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id): no citation.article")
            #expect(!Self.squeeze(rule.quote).isEmpty, "\(rule.id): no citation.quote")
            #expect(!rule.titleZH.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id): no title.zh")
            #expect(!rule.titleEN.trimmingCharacters(in: .whitespaces).isEmpty, "\(rule.id): no title.en")
            let m = Self.messages(rule)
            #expect(!(m["zh"] ?? "").isEmpty, "\(rule.id): no message.zh")
            #expect(!(m["en"] ?? "").isEmpty, "\(rule.id): no message.en")
        }
    }

    @Test("every quote occurs verbatim in its seed", .enabled(if: SharedSource.seeds.runs, SharedSource.seeds.skipped))
    func quotesAreVerbatim() throws {
        let seeds = try Self.seeds()
        try #require(seeds.count == 5, "seeds expected at \(Self.seedsDirectory.path)")
        let folded = seeds.mapValues(Self.fold)
        let squeezed = seeds.mapValues(Self.squeeze)
        var seedOfDocument: [String: String] = [:]
        for rule in try Self.rules() {
            if Self.isNationalLaw(rule) {
                #expect(rule.pack == "national", "\(rule.id): a national-law quote outside the national pack")
                continue
            }
            // Which seed is this document?  By content: the seed holding its number or title.
            let byContent = folded.filter { $0.value.contains(Self.fold(rule.document)) || $0.value.contains(Self.fold(rule.title)) }.keys.sorted()
            #expect(byContent.count <= 1, "\(rule.id): \(rule.document) matches seeds \(byContent)")
            let seed: String
            if let found = byContent.first {
                if let expected = Self.packSeed[rule.pack] {
                    #expect(found == expected, "\(rule.id): \(rule.document) is seed \(found) but pack \(rule.pack) is seed \(expected)")
                }
                seed = found
            } else {
                let fallback = Self.packSeed[rule.pack]
                #expect(fallback != nil, "\(rule.id): no seed holds \(rule.document) or \(rule.title)")
                guard let fallback else { continue }
                seed = fallback
            }
            if let earlier = seedOfDocument[rule.document] {
                #expect(earlier == seed, "\(rule.id): \(rule.document) mapped to seeds \(earlier) and \(seed)")
            }
            seedOfDocument[rule.document] = seed
            let quote = Self.squeeze(rule.quote)
            #expect(squeezed[seed]?.contains(quote) == true, "\(rule.id): quote is not verbatim in seed \(seed): \(rule.quote)")
        }
        #expect(Set(seedOfDocument.values) == Set(Self.packSeed.values), "every seed is cited: \(seedOfDocument)")
    }
}
