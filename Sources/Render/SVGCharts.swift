import Policy

/// Charts as inline SVG, drawn in Swift so the site needs no script or
/// library for them (DESIGN §6). Colours are presentation attributes, not
/// `style`, so a CSP without 'unsafe-inline' allows them. Every label is
/// escaped; output depends only on the input.
public enum SVGCharts {
    public static let colors: [Severity: String] = [.high: "#b4232c", .medium: "#d9822b", .low: "#d4b106", .info: "#5b8def"]

    public struct Bar: Sendable {
        public var label: String
        public var href: String?
        public var counts: [Severity: Int]

        public init(label: String, href: String?, counts: [Severity: Int]) {
            self.label = label
            self.href = href
            self.counts = counts
        }
    }

    /// Horizontal stacked bars: one row per unit, one segment per severity.
    public static func severityBars(_ bars: [Bar], title: String, legend: [Severity: String]) -> String {
        let labelWidth = 250, barWidth = 420, rowHeight = 22, top = 28
        let maxTotal = max(1, bars.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        let height = top + rowHeight * bars.count + 8
        let width = labelWidth + barWidth + 50
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" aria-label=\"\(Escape.html(title))\">"
        out += "<title>\(Escape.html(title))</title>"
        var x = 0
        for s in Severity.allCases {
            out += "<rect x=\"\(x)\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(colors[s] ?? "#888")\"/>"
            out += "<text x=\"\(x + 16)\" y=\"14\" font-size=\"12\" fill=\"#333\">\(Escape.html(legend[s] ?? s.rawValue))</text>"
            x += 90
        }
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            let label = Escape.html(truncate(bar.label, 18))
            let text = "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">\(label)</text>"
            if let href = bar.href {
                out += "<a href=\"\(Escape.html(href))\">\(text)</a>"
            } else {
                out += text
            }
            var offset = labelWidth
            var total = 0
            for s in Severity.allCases {
                let n = bar.counts[s] ?? 0
                guard n > 0 else { continue }
                total += n
                let w = max(1, n * barWidth / maxTotal)
                out += "<rect x=\"\(offset)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"\(colors[s] ?? "#888")\"><title>\(Escape.html(legend[s] ?? s.rawValue)): \(n)</title></rect>"
                offset += w
            }
            out += "<text x=\"\(offset + 4)\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#222\">\(total)</text>"
        }
        return out + "</svg>"
    }

    /// Vertical bars, one per report (quarter), of open findings.
    public static func trend(_ points: [(label: String, value: Int)], title: String) -> String {
        let barWidth = 56, gap = 24, chartHeight = 140, top = 20, bottom = 24
        let width = max(200, points.count * (barWidth + gap) + gap)
        let height = top + chartHeight + bottom
        let maxValue = max(1, points.map(\.value).max() ?? 1)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" aria-label=\"\(Escape.html(title))\">"
        out += "<title>\(Escape.html(title))</title>"
        out += "<line x1=\"0\" y1=\"\(top + chartHeight)\" x2=\"\(width)\" y2=\"\(top + chartHeight)\" stroke=\"#999\"/>"
        for (i, p) in points.enumerated() {
            let h = p.value * chartHeight / maxValue
            let x = gap + i * (barWidth + gap)
            let last = i == points.count - 1
            out += "<rect x=\"\(x)\" y=\"\(top + chartHeight - h)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"\(last ? "#b4232c" : "#8a94a6")\"><title>\(Escape.html(p.label)): \(p.value)</title></rect>"
            out += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + chartHeight - h - 4)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">\(p.value)</text>"
            out += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + chartHeight + 16)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(Escape.html(truncate(p.label, 12)))</text>"
        }
        return out + "</svg>"
    }

    static func truncate(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
