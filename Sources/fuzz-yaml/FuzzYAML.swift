// libFuzzer target: the YAML loader (docs/hardening.md).
import FuzzHarness

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.yaml.run(data, size)
    return 0
}

@main enum FuzzYAML {
    static func main() { FuzzMain.run(.yaml) }
}
