import Diagnostics
import Foundation
import Policy
import Render
import Site
import Spreadsheet

extension Check {
    /// `--format xlsx`: the rectification ledger (DESIGN §10), a binary file, so `--output` is required.
    func writeLedger(_ run: AuditRun, clock: inout StepClock) throws {
        guard let output else {
            throw CommandFailure(code: 2, message: input.lang == .zh
                ? "错误: --format xlsx 须用 --output 指定 .xlsx 文件，如 --output 整改台账.xlsx"
                : "error: --format xlsx needs --output FILE.xlsx, such as --output ledger.xlsx")
        }
        let data: Data
        do {
            data = try Ledger.workbook(run.result, inventory: run.inventory, language: input.lang)
        } catch {
            throw CommandFailure(code: 2, message: error.rendered(input.lang))
        }
        clock.lap("render xlsx")
        try Output.writeFile(output, data)
        clock.lap("write")
        try run.exit(gate: failOn.gate)
    }
}
