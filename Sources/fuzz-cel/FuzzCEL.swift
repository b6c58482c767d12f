// libFuzzer target: the CEL parser and evaluator (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.cel.run(data, size)
    return 0
}

@main enum FuzzCEL {
    static func main() { FuzzMain.run(.cel) }
}
