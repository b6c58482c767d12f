import Diagnostics
import Foundation

/// Which inventory a findings JSON file was written from (its `inventory` header), so that
/// `diff` and `check --baseline` can refuse to compare the findings of two different
/// inventories: Baotou against a county gives "58 new, 61 fixed" that mean nothing.
public struct FindingsOrigin: Sendable, Equatable {
    public var name: String
    public var region: String

    public init(name: String, region: String) {
        self.name = name
        self.region = region
    }

    /// The header of a findings JSON file; nil when it has none (it is read again,
    /// strictly, by `FindingsDiff.read`, which reports what is wrong with it).
    public static func read(_ path: String) -> FindingsOrigin? {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let inventory = root["inventory"] as? [String: Any] else { return nil }
        return FindingsOrigin(name: inventory["name"] as? String ?? "", region: inventory["region"] as? String ?? "")
    }

    /// The warning when `a` (from `fileA`) and `b` differ in name or region; nil when they match.
    public static func mismatch(_ a: FindingsOrigin, _ fileA: String, _ b: FindingsOrigin, _ fileB: String,
                                language: Language) -> String? {
        guard a != b else { return nil }
        func show(_ o: FindingsOrigin) -> String { "\(o.name)（\(o.region)）" }
        return language == .zh
            ? "警告：两份结果来自不同的台账：\(fileA) 是 \(show(a))，\(fileB) 是 \(show(b))；比较没有意义（确需比较请加 --force）"
            : "warning: the two results are of different inventories: \(fileA) is \(a.name) (\(a.region)), \(fileB) is \(b.name) (\(b.region)); the comparison means nothing (add --force to compare anyway)"
    }
}
