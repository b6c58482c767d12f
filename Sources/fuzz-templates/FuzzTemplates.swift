// libFuzzer target: the report templates (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.templates.run(data, size)
    return 0
}

@main enum FuzzTemplates {
    static func main() { FuzzMain.run(.templates) }
}
