import Markup
import Testing

@Suite("Markdown through libcmark-gfm")
struct MarkdownTests {
    @Test func tablesAndAutolinksRender() {
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\nsee https://example.invalid and ~~old~~\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>1</td>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://example.invalid\">"))
    }

    @Test func rawHTMLIsNotPassedThrough() {
        let html = Markdown.html("单位 <script>alert(1)</script> 与 <img src=x onerror=alert(1)>\n")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("单位"))
    }
}

@Suite("Markdown from several threads")
struct MarkdownConcurrencyTests {
    @Test func concurrentRendersKeepTheirExtensions() async {
        let outputs = await withTaskGroup(of: String.self) { group in
            for _ in 0..<32 { group.addTask { Markdown.html("~~old~~ and https://example.invalid\n") } }
            var all: [String] = []
            for await html in group { all.append(html) }
            return all
        }
        #expect(outputs.count == 32)
        #expect(outputs.allSatisfy { $0.contains("<del>old</del>") && $0.contains("<a href=\"https://example.invalid\">") })
    }
}
