import ArgumentParser

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "规则与 CEL 表达式 / Rules and their CEL expressions.",
        subcommands: [PolicyEval.self])
}
