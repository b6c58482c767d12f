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
        let labelWidth = 230, barWidth = 330, rowHeight = 22, top = 28
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
            let label = Escape.html(truncate(bar.label, 16))
            let text = "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" font-size=\"13\" text-anchor=\"end\" fill=\"#222\">\(label)</text>"
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

    /// Open findings per report (quarter): a line over vertical bars, with a
    /// y axis (ticks at round numbers, gridlines), the as-of dates on the x
    /// axis and both axes titled.
    public static func trend(_ points: [(label: String, value: Int)], title: String, yLabel: String = "", xLabel: String = "") -> String {
        let left = 56, right = 16, top = 28, bottom = 52, chartHeight = 200
        let step = max(76, min(140, 640 / max(1, points.count)))
        let width = max(360, left + right + step * points.count)
        let height = top + chartHeight + bottom
        let maxValue = max(1, points.map(\.value).max() ?? 1)
        let tick = niceStep(maxValue)
        let axisMax = ((maxValue + tick - 1) / tick) * tick
        func y(_ v: Int) -> Int { top + chartHeight - v * chartHeight / max(1, axisMax) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart trend\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" aria-label=\"\(Escape.html(title))\">"
        out += "<title>\(Escape.html(title))</title>"
        out += "<text x=\"\(left)\" y=\"16\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">\(Escape.html(title))</text>"
        var v = 0
        while v <= axisMax {
            out += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(width - right)\" y2=\"\(y(v))\" stroke=\"\(v == 0 ? "#555" : "#e1e4e8")\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">\(v)</text>"
            v += tick
        }
        out += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + chartHeight)\" stroke=\"#555\"/>"
        if !yLabel.isEmpty {
            out += "<text x=\"14\" y=\"\(top + chartHeight / 2)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\" transform=\"rotate(-90 14 \(top + chartHeight / 2))\">\(Escape.html(yLabel))</text>"
        }
        var line: [String] = []
        for (i, p) in points.enumerated() {
            let cx = left + step * i + step / 2
            let bar = min(48, step - 24)
            let last = i == points.count - 1
            out += "<rect x=\"\(cx - bar / 2)\" y=\"\(y(p.value))\" width=\"\(bar)\" height=\"\(top + chartHeight - y(p.value))\" fill=\"\(last ? "#b4232c" : "#8a94a6")\"><title>\(Escape.html(p.label)): \(p.value)</title></rect>"
            out += "<text x=\"\(cx)\" y=\"\(y(p.value) - 5)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#222\">\(p.value)</text>"
            out += "<text x=\"\(cx)\" y=\"\(top + chartHeight + 16)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(Escape.html(truncate(p.label, 12)))</text>"
            line.append("\(cx),\(y(p.value))")
        }
        if line.count > 1 { out += "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"#1f4e8c\" stroke-width=\"2\"/>" }
        if !xLabel.isEmpty {
            out += "<text x=\"\(left + (width - left - right) / 2)\" y=\"\(top + chartHeight + 40)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(Escape.html(xLabel))</text>"
        }
        return out + "</svg>"
    }

    /// A tick step of 1, 2 or 5 × 10ⁿ giving at most about five ticks.
    static func niceStep(_ maxValue: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= maxValue { magnitude *= 10 }
        for m in [1, 2, 5, 10] where maxValue <= 5 * m * magnitude { return m * magnitude }
        return magnitude * 10
    }

    static func truncate(_ s: String, _ n: Int) -> String {
        s.count <= n ? s : String(s.prefix(n - 1)) + "…"
    }
}
