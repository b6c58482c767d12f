// swift-tools-version:6.1
// yunwang (云网): checks YAML inventories of government extranets against policy rules.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "yunwang",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "yunwang", targets: ["yunwang"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // System libraries from Debian (pkg-config), never vendored copies.
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(
            name: "CXLSXWriter", pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]),

        // Errors as values with a location and a bilingual message.
        .target(name: "Diagnostics", swiftSettings: strict),
        // A JSON value with a deterministic, HTML-safe writer.
        .target(name: "JSON", swiftSettings: strict),
        // SHA-256 for fingerprints and checksums.
        .target(name: "Digest", swiftSettings: strict),
        // Order-preserving parallel map over both cores.
        .target(name: "Parallel", swiftSettings: strict),
        // libyaml events -> nodes with file/line/column marks, YAML 1.2 core schema.
        .target(name: "YAML", dependencies: ["CLibYAML", "Diagnostics", "JSON"], swiftSettings: strict),
        // The CEL language: parser, AST, values, interpreter, standard library, extensions.
        .target(name: "CEL", dependencies: ["JSON"], swiftSettings: strict),
        // Inventory schema v1: model, decoding, validation, back-references, JSON Schema.
        .target(name: "Inventory", dependencies: ["YAML", "Diagnostics", "JSON", "Parallel"], swiftSettings: strict),
        // Spreadsheets (DESIGN §10): xlsx written by libxlsxwriter, read with ZIPFoundation and a
        // streaming XMLParser, CSV; the inventory template and the import to schema-v1 YAML.
        .target(
            name: "Spreadsheet",
            dependencies: ["CXLSXWriter", "Inventory", "Diagnostics", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict),
        // Built-in policies, plans, templates and site assets, embedded at build time.
        .executableTarget(name: "embed-resources", swiftSettings: strict),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["embed-resources"]),
        .target(name: "BuiltinResources", swiftSettings: strict, plugins: ["EmbedResources"]),
        // Built-in task plans and their deadlines (DESIGN §4).
        .target(name: "Plan", dependencies: ["Inventory", "YAML", "Diagnostics"], swiftSettings: strict),
        // Rules over inventories: the CEL bridge, loading, evaluation, waivers, findings.
        .target(name: "Policy", dependencies: ["CEL", "Inventory", "YAML", "Diagnostics", "Digest", "JSON", "Parallel", "Plan"], swiftSettings: strict),
        // Markdown → HTML through libcmark-gfm (GFM extensions registered once).
        .target(name: "Markup", dependencies: ["CCmarkGFM"], swiftSettings: strict),
        // Output formats: text, JSON (later SARIF, JUnit, CSV, Markdown, HTML).
        .target(
            name: "Render",
            dependencies: ["Policy", "JSON", "Diagnostics", "Markup", "Spreadsheet", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict),
        // The offline audit site: pages, search index, charts, SHA256SUMS (DESIGN §6).
        .target(
            name: "Site",
            dependencies: ["Render", "Policy", "Inventory", "JSON", "Digest", "Parallel", "Markup", "BuiltinResources",
                           .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: strict),
        // The command line: thin commands over the libraries.
        .target(
            name: "YunwangCLI",
            dependencies: [
                "Diagnostics", "JSON", "YAML", "CEL", "Inventory", "Plan", "Policy", "Render", "Site", "BuiltinResources", "Spreadsheet", "Digest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "yunwang", dependencies: ["YunwangCLI"], swiftSettings: strict),
        // `make bench` driver: CEL rules over a generated inventory, one core.
        .executableTarget(name: "yunwang-bench", dependencies: ["CEL", "Inventory", "Policy"], swiftSettings: strict),
        // Fuzzing (docs/hardening.md): `make fuzz` (scripts/fuzz.sh) builds fuzz-* with ASan,
        // libFuzzer's coverage and -DFUZZING; a plain build makes them reproducers that run
        // saved inputs through the same harness (Tests/FuzzRegressionTests runs it too).
        .target(name: "CFuzzDriver", path: "Sources/fuzz-driver"),
        .target(
            name: "FuzzHarness", dependencies: ["CEL", "Diagnostics", "Inventory", "JSON", "Policy", "Render", "YAML", "CFuzzDriver"],
            path: "Sources/fuzz-harness", swiftSettings: strict),
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzHarness"], swiftSettings: strict),
        .executableTarget(name: "fuzz-inventory", dependencies: ["FuzzHarness"], swiftSettings: strict),
        .executableTarget(name: "fuzz-cel", dependencies: ["FuzzHarness"], swiftSettings: strict),
        .executableTarget(name: "fuzz-policy", dependencies: ["FuzzHarness"], swiftSettings: strict),
        .executableTarget(name: "fuzz-walk", dependencies: ["FuzzHarness"], swiftSettings: strict),
        .executableTarget(name: "fuzz-templates", dependencies: ["FuzzHarness"], swiftSettings: strict),

        .testTarget(name: "YAMLTests", dependencies: ["YAML"], exclude: ["Suite"], swiftSettings: strict),
        .testTarget(name: "CELTests", dependencies: ["CEL"], exclude: ["Conformance"], swiftSettings: strict),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "YAML"], swiftSettings: strict),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "Inventory"], swiftSettings: strict),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"], swiftSettings: strict),
        .testTarget(name: "DigestTests", dependencies: ["Digest"], swiftSettings: strict),
        .testTarget(name: "PolicyTests", dependencies: ["Policy", "CEL", "Inventory"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["yunwang", "YAML", "JSON"], swiftSettings: strict),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzHarness"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
