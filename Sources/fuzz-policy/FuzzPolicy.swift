// libFuzzer target: the policy loader, rule examples and a check (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.policy.run(data, size)
    return 0
}

@main enum FuzzPolicy {
    static func main() { FuzzMain.run(.policy) }
}
