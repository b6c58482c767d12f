import Diagnostics
import Inventory
import YAML

/// A built-in task plan such as the 64-task table of 内政数字〔2024〕189号 (DESIGN §4).
public struct Plan: Sendable {
    public struct Task: Sendable {
        public var no: Int
        public var mainTask: String
        public var subTask: String
        public var responsible: [String]
        /// `required` (要求) or `as-needed` (按需).
        public var type: String
        public var due: Day
        public var dueText: String
        /// Inventory levels the task applies to (province, city, county).
        public var levels: [String]
    }

    public var id: String
    public var title: String
    public var document: String
    /// GB/T 2260 codes the plan applies to (trailing "00" pairs are wildcards); empty = everywhere.
    public var regions: [String]
    public var tasks: [Task]

    public func task(_ no: Int) -> Task? { tasks.first { $0.no == no } }

    /// Read a plan file (`plans/<id>.yaml`).
    public static func parse(_ bytes: [UInt8], file: String) throws(DiagnosticList) -> Plan {
        guard let root = try YAMLLoader().parse(bytes, file: file) else {
            throw DiagnosticList([Diagnostic(zh: "计划文件为空", en: "the plan file is empty", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        var problems: [Diagnostic] = []
        func text(_ node: Node?, _ key: String, at mark: Mark) -> String {
            guard let s = node?.scalar, s.value != .null else {
                problems.append(Diagnostic(zh: "缺少 “\(key)”", en: "'\(key)' is missing", at: SourceLocation(file: file, line: Int(mark.line), column: Int(mark.column))))
                return ""
            }
            return s.text
        }
        func get(_ node: Node, _ key: String) -> Node? {
            node.mapping?.first { $0.key.scalar?.text == key }?.value
        }
        var tasks: [Task] = []
        for item in get(root, "tasks")?.sequence ?? [] {
            let dueText = text(get(item, "due"), "due", at: item.mark)
            let no: Int
            if case .int(let v)? = get(item, "no")?.scalar?.value { no = Int(v) } else { no = 0 }
            guard no > 0, let due = Day(dueText) else {
                problems.append(Diagnostic(zh: "任务缺少有效的 no 或 due", en: "a task lacks a valid no or due", at: SourceLocation(file: file, line: Int(item.mark.line), column: Int(item.mark.column))))
                continue
            }
            tasks.append(Task(
                no: no,
                mainTask: text(get(item, "main_task"), "main_task", at: item.mark),
                subTask: text(get(item, "sub_task"), "sub_task", at: item.mark),
                responsible: (get(item, "responsible")?.sequence ?? []).compactMap { $0.scalar?.text },
                type: text(get(item, "type"), "type", at: item.mark),
                due: due,
                dueText: get(item, "due_text")?.scalar?.text ?? dueText,
                levels: (get(item, "levels")?.sequence ?? []).compactMap { $0.scalar?.text }))
        }
        let plan = Plan(id: text(get(root, "id"), "id", at: root.mark), title: get(root, "title")?.scalar?.text ?? "",
                        document: get(root, "document")?.scalar?.text ?? "",
                        regions: (get(root, "regions")?.sequence ?? []).compactMap { $0.scalar?.text },
                        tasks: tasks.sorted { $0.no < $1.no })
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return plan
    }
}
