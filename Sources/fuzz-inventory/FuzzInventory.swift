// libFuzzer target: the inventory decoder (one file of an inventory, loaded as `validate` loads it) (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.inventory.run(data, size)
    return 0
}

@main enum FuzzInventory {
    static func main() { FuzzMain.run(.inventory) }
}
