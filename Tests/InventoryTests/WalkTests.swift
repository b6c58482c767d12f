import Diagnostics
import Foundation
import Testing
@testable import Inventory

/// The inventory walk (issue #19 items 7–9): links out of the folder, link
/// explosions, deep nesting, unreachable files, what is skipped.
@Suite struct WalkTests {
    static let unit = "units:\n  - {id: u1, name: 单位}\n"

    func link(_ dir: TempInventory, _ path: String, to target: String) throws {
        let url = dir.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    @Test func aLinkLeavingTheFolderIsAnErrorNamingItAndNothingOfItIsRead() throws {
        let outside = try TempInventory(["secret.yaml": "root: x0Secretvalue\n"])
        let dir = try TempInventory(["inventory.yaml": header + Self.unit])
        try link(dir, "x.yaml", to: outside.url.appendingPathComponent("secret.yaml").path)
        try link(dir, "all", to: "/")
        let errors = dir.errors()
        #expect(errors.contains("x.yaml:1:1: error: a symbolic link that leads outside the inventory's folder is not followed: x.yaml"))
        #expect(errors.contains("all:1:1: error: a symbolic link that leads outside the inventory's folder is not followed: all"))
        #expect(!errors.joined().contains("x0Secretvalue"))
    }

    @Test func linksInsideTheFolderAreReadOnceAndListedAsSkipped() throws {
        let dir = try TempInventory(["inventory.yaml": header, "real/u.yaml": Self.unit])
        try link(dir, "again", to: "real")
        try link(dir, "real/u2.yaml", to: "u.yaml")
        try link(dir, "real/up", to: "..")
        let inv = try dir.load()
        #expect(inv.files == ["inventory.yaml", "real/u.yaml"])
        #expect(Set(inv.skipped) == [.init(path: "again", reason: .alreadyRead), .init(path: "real/u2.yaml", reason: .alreadyRead), .init(path: "real/up", reason: .alreadyRead)])
    }

    @Test func twentyTwoLevelsOfTwoLinksEachStayLinear() throws {
        let dir = try TempInventory(["inventory.yaml": header + Self.unit])
        var path = "l"
        for _ in 0..<22 {
            try FileManager.default.createDirectory(at: dir.url.appendingPathComponent(path + "/n"), withIntermediateDirectories: true)
            try link(dir, path + "/a", to: "n")
            try link(dir, path + "/b", to: "n")
            path += "/n"
        }
        let start = Date()
        let inv = try dir.load()
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(inv.skipped.count == 44)
    }

    @Test func foldersDeeperThanTheCapAreAnError() throws {
        let deep = Array(repeating: "d", count: InventoryFiles.maxDepth + 1).joined(separator: "/")
        let dir = try TempInventory(["inventory.yaml": header + Self.unit, deep + "/x.yaml": "events: []\n"])
        let errors = dir.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.contains("folders nest more than \(InventoryFiles.maxDepth) deep") == true)
    }

    @Test func aFileBeyondPathMaxIsAnErrorNotASkip() throws {
        let dir = try TempInventory(["inventory.yaml": header + Self.unit])
        // mkdirat/openat one level at a time: no path handed to the system is too long.
        let name = String(repeating: "p", count: 200)
        var fds: [Int32] = [open(dir.url.path, O_RDONLY | O_DIRECTORY)]
        for _ in 0..<22 {
            #expect(mkdirat(fds.last!, name, 0o755) == 0)
            fds.append(openat(fds.last!, name, O_RDONLY | O_DIRECTORY))
        }
        let file = openat(fds.last!, "x.yaml", O_WRONLY | O_CREAT, 0o644)
        let text = "units:\n  - {id: u2, name: n, bogus: 1}\n"
        _ = write(file, text, text.utf8.count)
        close(file)
        let errors = dir.errors()
        #expect(errors.contains { $0.contains("is longer than the system allows") })
        // Cleaning up a tree this deep needs the same care.
        _ = unlinkat(fds.last!, "x.yaml", 0)
        while fds.count > 1 {
            close(fds.removeLast())
            _ = unlinkat(fds.last!, name, AT_REMOVEDIR)
        }
        close(fds[0])
    }

    @Test func hiddenEntriesAndOtherCasesOfTheExtensionAreSkippedAndSaidSo() throws {
        let dir = try TempInventory(["inventory.yaml": header + Self.unit, ".git/x.yaml": "bogus: 1\n", "b.YAML": "bogus: 1\n", ".h.yml": "bogus: 1\n"])
        let inv = try dir.load()
        #expect(Set(inv.skipped) == [.init(path: ".git", reason: .hidden), .init(path: ".h.yml", reason: .hidden), .init(path: "b.YAML", reason: .extensionCase)])
    }

    @Test func anErrorQuotesOnlyAShortEscapedExcerptOfAValue() throws {
        let long = String(repeating: "k", count: 5000)
        let dir = try TempInventory(["inventory.yaml": header + "units:\n  - id: u1\n    name: n\n    ? \"\(long)\\e[2K\"\n    : 1\n    level: \"\\e]0;x\\u0007\"\n"])
        let errors = dir.errors()
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.allSatisfy { $0.count < 600 })
        #expect(errors.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
        #expect(errors.contains { $0.contains("\\u001b]0;x\\u0007") })
    }

    @Test func anIDLongerThanAPageNameCanHoldIsAnErrorAtItsLine() throws {
        let id = String(repeating: "a", count: 251)
        let dir = try TempInventory(["inventory.yaml": header + "units:\n  - {id: \(id), name: n}\n"])
        let errors = dir.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("inventory.yaml:7:") == true, "\(errors)")
        #expect(errors.first?.contains("is too long") == true)
    }

    @Test func anEmptyRequiredNameIsRefused() throws {
        let dir = try TempInventory(["inventory.yaml": header + "units:\n  - {id: u1, name: \"\"}\n"])
        #expect(dir.errors().first?.contains("the required key 'name' must not be empty") == true)
    }
}
