// The CEL module: google/cel-spec's Common Expression Language for yunwang rules.
//
// Layers (as in cel-go):
//   Parser/       lexer and recursive-descent parser → AST (`CELParser.parse`)
//   AST/          `Expr` nodes with source offsets; macros already expanded
//   Values/       `Value`, maps (eager or lazy `CELMapProvider`), timestamps, durations,
//                 equality and ordering, string forms
//   Interpreter/  `Program` (parse + plan once, evaluate many times), `Activation`,
//                 `CELOptions` (cost limit, default time zone), the planner
//   Stdlib/       operators, standard functions, `matches` over RE2 syntax
//   Extensions/   yunwang's `date()`/`addMonths()`, ip/cidr, message `Template`
//   JSON/         `TypedJSON` and `PlainJSON` codecs with a deterministic writer
//
// Typical use:
//
//     let program = try Program(parsing: "!self.software.exists(s, s in params.remote)")
//     let shared = Activation(["params": params, "asOf": .timestamp(asOf)])
//     for object in objects {
//         switch program.evaluate(shared.binding("self", to: object)) {
//         case .bool(let ok): ...
//         case .error(let e): ...      // evaluation errors are values
//         default: ...                 // not a bool
//         }
//     }
//
// The module depends on Foundation only and knows nothing of inventories or YAML.
