// libFuzzer target: the inventory directory walk (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.walk.run(data, size)
    return 0
}

@main enum FuzzWalk {
    static func main() { FuzzMain.run(.walk) }
}
