// Turns an AST into a tree of closures once; evaluation then walks closures only.
// Identifiers of comprehension variables become slot reads; global variables are looked
// up in the activation; function overloads are resolved at plan time.

struct Planner {
    let table: FunctionTable
    let source: [Unicode.Scalar]
    var strictFunctions = true
    /// The evaluation budget, also the budget of calls folded at plan time.
    var costLimit = 1_000_000
    var scope: [(name: String, slot: Int)] = []
    var maxSlots = 0
    /// Root names of the global variables the expression reads.
    var globals: Set<String> = []

    init(table: FunctionTable, source: [Unicode.Scalar]) {
        self.table = table
        self.source = source
    }

    func fail(_ e: Expr, _ message: String) -> CELParseError {
        CELParseError(source: source, offset: e.offset, message: message)
    }

    func local(_ name: String) -> Int? {
        scope.last(where: { $0.name == name })?.slot
    }

    mutating func plan(_ e: Expr) throws(CELParseError) -> Node {
        switch e.kind {
        case .literal(let v):
            return { _ in v }
        case .ident(let name, let leadingDot):
            if !leadingDot, let slot = local(name) {
                return { f in f.locals[slot] }
            }
            if CELType.denotable[name] == nil { globals.insert(name) }
            return Planner.globalNode(path: [name])
        case .select(let operand, let field):
            if let path = identPath(e), local(path[0]) == nil {
                if CELType.denotable[path.joined(separator: ".")] == nil { globals.insert(path[0]) }
                return Planner.globalNode(path: path)
            }
            let op = try plan(operand)
            return { f in Planner.select(op(f), field) }
        case .presence(let operand, let field):
            let op = try plan(operand)
            return { f in
                let v = op(f)
                switch v {
                case .map(let m): return .bool(m.get(field: field) != nil)
                case .error: return v
                case .opaque(let o as CELOptional):
                    guard case .map(let m)? = o.value else { return .bool(false) }
                    return .bool(m.get(field: field) != nil)
                default: return .error("invalid argument to has(): type '\(v.celType)' does not support field selection")
                }
            }
        case .list(let items):
            if let constant = constant(e) { return { _ in constant } }
            if items.contains(where: Planner.isOptionalElement) { return try planOptionalList(items) }
            let nodes = try items.map { (x) throws(CELParseError) in try plan(x) }
            return { f in
                var out: [Value] = []
                out.reserveCapacity(nodes.count)
                for n in nodes {
                    let v = n(f)
                    if case .error = v { return v }
                    out.append(v)
                }
                if f.charge(nodes.count) { return .error(.costExceeded) }
                return .list(out)
            }
        case .map(let entries):
            let keys = try entries.map { (x) throws(CELParseError) in try plan(x.key) }
            let values = try entries.map { (x) throws(CELParseError) in try plan(x.value) }
            if entries.contains(where: \.optional) {
                let optional = entries.map(\.optional)
                return { f in Planner.buildMap(f, keys, values, optional: optional) }
            }
            return { f in Planner.buildMap(f, keys, values) }
        case .message(let typeName, _):
            return { _ in .error("unknown type '\(typeName)': message construction is not supported") }
        case .comprehension(let c):
            return try planComprehension(c)
        case .call(let target, let function, let args):
            return try planCall(e, target: target, function: function, args: args)
        }
    }

    /// The value of a literal, a list of constants or a call of a (pure) library function
    /// on constants, computed at plan time; nil when not constant or when it fails.
    func constant(_ e: Expr) -> Value? {
        switch e.kind {
        case .literal(let v): return v
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let v = constant(item) else { return nil }
                out.append(v)
            }
            return .list(out)
        case .call(let target, let function, let args):
            guard !["_&&_", "_||_", "_?_:_"].contains(function) else { return nil }
            let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
            let all = (target.map { [$0] } ?? []) + args
            guard let overload = target != nil ? table.decls[name]?.member[all.count] : table.decls[name]?.global[all.count]
            else { return nil }
            var values: [Value] = []
            for a in all {
                guard let v = constant(a) else { return nil }
                values.append(v)
            }
            let r: Value
            switch overload {
            case .unary(let fn): r = fn(values[0])
            case .binary(let fn): r = fn(values[0], values[1])
            case .ternary(let fn): r = fn(values[0], values[1], values[2])
            case .costed(_, let fn): r = fn(values, Frame(activation: Activation(), slots: 0, limit: costLimit))
            }
            return r.isError ? nil : r
        default: return nil
        }
    }

    /// `a.b.c` as ["a", "b", "c"] when the expression is a chain of plain identifiers.
    func identPath(_ e: Expr) -> [String]? {
        switch e.kind {
        case .ident(let n, _): return [n]
        case .select(let op, let f): return identPath(op).map { $0 + [f] }
        default: return nil
        }
    }

    /// Resolves a (possibly qualified) global name: the longest dotted binding wins,
    /// then the root variable with field selections, then a type denotation.
    static func globalNode(path: [String]) -> Node {
        let root = path[0]
        let rest = Array(path.dropFirst())
        let full = path.joined(separator: ".")
        let type = CELType.denotable[full]
        var candidates: [(String, [String])] = []
        if path.count > 1 {
            for k in stride(from: path.count, through: 2, by: -1) {
                candidates.append((path[0..<k].joined(separator: "."), Array(path[k...])))
            }
        }
        let qualified = candidates
        if rest.isEmpty {
            return { f in
                if let v = f.lookup(root) { return v }
                if let type { return .type(type) }
                return .error("no such attribute: '\(root)' is not bound")
            }
        }
        if rest.count == 1 {
            let field = rest[0]
            return { f in
                if f.hasDottedNames, let v = f.lookup(full) { return v }
                if let v = f.lookup(root) { return select(v, field) }
                if let type { return .type(type) }
                return .error("no such attribute: '\(root)' is not bound")
            }
        }
        return { f in
            if f.hasDottedNames {
                for (name, fields) in qualified {
                    if let v = f.lookup(name) { return selectPath(v, fields) }
                }
            }
            if let v = f.lookup(root) { return selectPath(v, rest) }
            if let type { return .type(type) }
            return .error("no such attribute: '\(root)' is not bound")
        }
    }

    static func selectPath(_ v: Value, _ fields: [String]) -> Value {
        var cur = v
        for field in fields { cur = select(cur, field) }
        return cur
    }

    @inline(__always)
    static func select(_ v: Value, _ field: String) -> Value {
        switch v {
        case .map(let m):
            if let r = m.get(field: field) { return r }
            return .error("no such key: '\(field)'")
        case .error: return v
        case .opaque(let o as CELOptional): return Optionals.select(o, field)
        default: return .error("type '\(v.celType)' does not support field selection")
        }
    }

    /// `?x` in a list literal (parsed as a call of `@optelem`).
    static func isOptionalElement(_ e: Expr) -> Bool {
        if case .call(nil, "@optelem", let args) = e.kind, args.count == 1 { return true }
        return false
    }

    /// A list literal with `?x` elements: those are kept only when they have a value.
    mutating func planOptionalList(_ items: [Expr]) throws(CELParseError) -> Node {
        var nodes: [(Node, Bool)] = []
        for item in items {
            if Planner.isOptionalElement(item), case .call(_, _, let args) = item.kind {
                nodes.append((try plan(args[0]), true))
            } else {
                nodes.append((try plan(item), false))
            }
        }
        let planned = nodes
        return { f in
            var out: [Value] = []
            for (n, optional) in planned {
                let v = n(f)
                if case .error = v { return v }
                if optional {
                    guard let o = Optionals.optional(v) else { return .error(.noOverload("?_", v)) }
                    if let x = o.value { out.append(x) }
                } else {
                    out.append(v)
                }
            }
            if f.charge(planned.count) { return .error(.costExceeded) }
            return .list(out)
        }
    }

    static func buildMap(_ f: Frame, _ keys: [Node], _ values: [Node], optional: [Bool]? = nil) -> Value {
        var ks: [Value] = [], vs: [Value] = []
        var index: [MapKey: Int] = [:]
        ks.reserveCapacity(keys.count); vs.reserveCapacity(keys.count)
        for i in 0..<keys.count {
            let k = keys[i](f)
            if case .error = k { return k }
            var v = values[i](f)
            if case .error = v { return v }
            if let optional, optional[i] {
                guard let o = Optionals.optional(v) else { return .error(.noOverload("?_", v)) }
                guard let x = o.value else { continue }
                v = x
            }
            let mk: MapKey?
            switch k {
            case .int, .uint, .bool, .string: mk = MapKey(k)
            default: mk = nil
            }
            guard let mk else { return .error("unsupported map key type: \(k.celType)") }
            if index[mk] != nil { return .error("Failed with repeated key: \(k.literalString)") }
            index[mk] = ks.count
            ks.append(k); vs.append(v)
        }
        if f.charge(keys.count) { return .error(.costExceeded) }
        return .map(CELMap(uncheckedKeys: ks, values: vs, index: index))
    }

    // MARK: Calls

    mutating func planCall(_ e: Expr, target: Expr?, function: String, args: [Expr]) throws(CELParseError) -> Node {
        let name = function.hasPrefix(".") ? String(function.dropFirst()) : function
        // A qualified function name (`strings.quote(s)`, `math.greatest(a, b)`) parses as a
        // receiver call on an identifier; it is the global function unless the root is a local.
        if let target, let path = identPath(target), local(path[0]) == nil {
            let qualified = path.joined(separator: ".") + "." + name
            if table.decls[qualified]?.global[args.count] != nil {
                return try planCall(e, target: nil, function: qualified, args: args)
            }
        }
        if target == nil {
            switch (name, args.count) {
            case ("_&&_", 2): return Planner.and(try plan(args[0]), try plan(args[1]))
            case ("_||_", 2): return Planner.or(try plan(args[0]), try plan(args[1]))
            case ("_?_:_", 3):
                let c = try plan(args[0]), a = try plan(args[1]), b = try plan(args[2])
                return { f in
                    let v = c(f)
                    switch v {
                    case .bool(true): return a(f)
                    case .bool(false): return b(f)
                    case .error: return v
                    default: return .error(.noOverload("_?_:_", v))
                    }
                }
            default: break
            }
        }
        // `matches`: a constant pattern is compiled once, at plan time; matching is
        // charged to the cost budget as it runs (ICU backtracks; RE2 would not).
        if name == "matches", (target != nil && args.count == 1) || (target == nil && args.count == 2),
           let patternExpr = args.last {
            if let folded = constant(e) { return { _ in folded } }
            let subject = try constantOrPlan(target ?? args[0])
            if case .literal(.string(let p)) = patternExpr.kind {
                switch RE2Regex.compile(p) {
                case .failure(let err): throw fail(patternExpr, err.message)
                case .success(let re):
                    return { f in
                        let s = subject(f)
                        guard case .string(let str) = s else {
                            if case .error = s { return s }
                            return .error(.noOverload("matches", s, .string(p)))
                        }
                        return Planner.boundedMatch(f, re, str)
                    }
                }
            }
            let pattern = try constantOrPlan(patternExpr)
            return { f in
                let s = subject(f)
                if case .error = s { return s }
                let p = pattern(f)
                if case .error = p { return p }
                guard case .string(let str) = s, case .string(let pat) = p else { return .error(.noOverload("matches", s, p)) }
                switch RE2Regex.compile(pat) {
                case .failure(let err): return .error(err)
                case .success(let re): return Planner.boundedMatch(f, re, str)
                }
            }
        }
        var argExprs = args
        let overload: Overload?
        if let target {
            overload = table.decls[name]?.member[args.count + 1]
            argExprs.insert(target, at: 0)
        } else {
            overload = table.decls[name]?.global[args.count]
        }
        guard let overload else {
            if !strictFunctions {
                let message = "unbound function '\(name)' with \(args.count) argument\(args.count == 1 ? "" : "s")"
                return { _ in .error(message) }
            }
            if table.decls[name] != nil {
                throw fail(e, "found no matching overload for '\(name)' with \(args.count) argument\(args.count == 1 ? "" : "s")\(target != nil ? " (receiver-style)" : "")")
            }
            throw fail(e, "undeclared reference to '\(name)'")
        }
        // Calls on constants (`date('2026-09-30')`, `cidr('10.0.0.0/8')`) are folded
        // once; a call that fails stays in the program so the error appears at evaluation.
        if let folded = constant(e) { return { _ in folded } }
        let nodes = try argExprs.map { (x) throws(CELParseError) in try constantOrPlan(x) }
        let growth = name == "_+_"
        switch overload {
        case .unary(let fn):
            let a = nodes[0]
            if let sizer = Cost.unarySizer(name) {
                return { f in
                    let x = a(f)
                    if case .error = x { return x }
                    if f.charge(1 + sizer(x)) { return .error(.costExceeded) }
                    return fn(x)
                }
            }
            return { f in
                let x = a(f)
                if case .error = x { return x }
                if f.charge(1) { return .error(.costExceeded) }
                return fn(x)
            }
        case .binary(let fn):
            let a = nodes[0], b = nodes[1]
            if growth {
                return { f in
                    let x = a(f)
                    if case .error = x { return x }
                    let y = b(f)
                    if case .error = y { return y }
                    let r = fn(x, y)
                    let size: Int
                    switch r {
                    case .string(let s): size = s.utf8.count
                    case .bytes(let bs): size = bs.count
                    case .list(let l): size = l.count
                    default: size = 0
                    }
                    if f.charge(1 + size) { return .error(.costExceeded) }
                    return r
                }
            }
            if let sizer = Cost.sizer(name) {
                return { f in
                    let x = a(f)
                    if case .error = x { return x }
                    let y = b(f)
                    if case .error = y { return y }
                    if f.charge(1 + sizer(x, y)) { return .error(.costExceeded) }
                    return fn(x, y)
                }
            }
            return { f in
                let x = a(f)
                if case .error = x { return x }
                let y = b(f)
                if case .error = y { return y }
                if f.charge(1) { return .error(.costExceeded) }
                return fn(x, y)
            }
        case .ternary(let fn):
            let a = nodes[0], b = nodes[1], c = nodes[2]
            return { f in
                let x = a(f)
                if case .error = x { return x }
                let y = b(f)
                if case .error = y { return y }
                let z = c(f)
                if case .error = z { return z }
                if f.charge(1) { return .error(.costExceeded) }
                return fn(x, y, z)
            }
        case .costed(_, let fn):
            return { f in
                var values: [Value] = []
                values.reserveCapacity(nodes.count)
                for n in nodes {
                    let v = n(f)
                    if case .error = v { return v }
                    values.append(v)
                }
                if f.charge(1) { return .error(.costExceeded) }
                let r = fn(values, f)
                if f.exceeded { return .error(.costExceeded) }
                return r
            }
        }
    }

    static func boundedMatch(_ f: Frame, _ re: RE2Regex, _ s: String) -> Value {
        if f.charge(1 + s.utf8.count / 64) { return .error(.costExceeded) }
        let maxTicks = max(0, f.limit - f.cost) / RE2Regex.costPerTick
        let (matched, ticks) = re.matches(s, maxTicks: maxTicks)
        if f.charge(ticks * RE2Regex.costPerTick) { return .error(.costExceeded) }
        guard let matched else { return .error(.costExceeded) }
        return .bool(matched)
    }

    mutating func constantOrPlan(_ e: Expr) throws(CELParseError) -> Node {
        if let v = constant(e) { return { _ in v } }
        return try plan(e)
    }

    /// Commutative AND: false wins over errors on either side.
    static func and(_ a: @escaping Node, _ b: @escaping Node) -> Node {
        return { f in
            let l = a(f)
            if case .bool(false) = l { return l }
            let r = b(f)
            if case .bool(false) = r { return r }
            if case .bool(true) = l, case .bool(true) = r { return r }
            if case .error = l { return l }
            if case .error = r { return r }
            return .error(.noOverload("_&&_", l, r))
        }
    }

    /// Commutative OR: true wins over errors on either side.
    static func or(_ a: @escaping Node, _ b: @escaping Node) -> Node {
        return { f in
            let l = a(f)
            if case .bool(true) = l { return l }
            let r = b(f)
            if case .bool(true) = r { return r }
            if case .bool(false) = l, case .bool(false) = r { return r }
            if case .error = l { return l }
            if case .error = r { return r }
            return .error(.noOverload("_||_", l, r))
        }
    }

    // MARK: Comprehensions

    /// `cel.bind(name, value, body)`: the value is computed once and read from a slot.
    mutating func planBind(_ c: Comprehension) throws(CELParseError) -> Node {
        let value = try plan(c.range)
        let slot = scope.count
        scope.append((c.iterVar, slot))
        maxSlots = max(maxSlots, scope.count)
        defer { scope.removeLast() }
        guard let t = c.transform else { return { _ in .error("cel.bind without a body") } }
        let body = try plan(t)
        return { f in
            f.locals[slot] = value(f)
            return body(f)
        }
    }

    /// `o.optMap(v, expr)` (optional.of(expr) with v bound to o's value, none stays none) and
    /// `o.optFlatMap(v, expr)` (expr must itself be an optional).
    mutating func planOptMap(_ c: Comprehension) throws(CELParseError) -> Node {
        let range = try plan(c.range)
        let slot = scope.count
        scope.append((c.iterVar, slot))
        maxSlots = max(maxSlots, scope.count)
        defer { scope.removeLast() }
        guard let t = c.transform else { return { _ in .error("\(c.kind.rawValue) without an expression") } }
        let body = try plan(t)
        let flat = c.kind == .optFlatMap
        let macro = c.kind.rawValue
        return { f in
            let r = range(f)
            if case .error = r { return r }
            guard let o = Optionals.optional(r) else { return .error(.noOverload(macro, r)) }
            guard let v = o.value else { return r }
            f.locals[slot] = v
            let x = body(f)
            if case .error = x { return x }
            if flat {
                guard Optionals.optional(x) != nil else { return .error(.noOverload(macro, x)) }
                return x
            }
            return .opaque(CELOptional(x))
        }
    }

    /// Two-variable comprehensions: (index, element) over a list, (key, value) over a map.
    mutating func planTwoVariable(_ c: Comprehension, _ second: String) throws(CELParseError) -> Node {
        let range = try plan(c.range)
        let s1 = scope.count, s2 = scope.count + 1
        scope.append((c.iterVar, s1))
        scope.append((second, s2))
        maxSlots = max(maxSlots, scope.count)
        defer { scope.removeLast(2) }
        let pred = try c.predicate.map { (x) throws(CELParseError) in try plan(x) }
        let transform = try c.transform.map { (x) throws(CELParseError) in try plan(x) }
        let kind = c.kind
        let macro = kind == .existsOne ? "existsOne" : kind.rawValue
        return { f in
            let r = range(f)
            let keys: [Value], values: [Value]
            switch r {
            case .list(let l):
                keys = (0..<l.count).map { .int(Int64($0)) }
                values = l
            case .map(let m):
                let entries = m.entries
                keys = entries.map(\.key)
                values = entries.map(\.value)
            case .error: return r
            default: return .error(.noOverload(macro, r))
            }
            switch kind {
            case .all, .exists:
                let stop = kind == .exists
                var err: Value?
                for i in 0..<keys.count {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[s1] = keys[i]
                    f.locals[s2] = values[i]
                    let v = pred?(f) ?? .bool(true)
                    switch v {
                    case .bool(let b): if b == stop { return v }
                    case .error: if err == nil { err = v }
                    default: if err == nil { err = .error(.noOverload(macro, v)) }
                    }
                }
                return err ?? .bool(!stop)
            case .existsOne:
                var count = 0
                for i in 0..<keys.count {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[s1] = keys[i]
                    f.locals[s2] = values[i]
                    let v = pred?(f) ?? .bool(false)
                    switch v {
                    case .bool(let b): if b { count += 1 }
                    case .error: return v
                    default: return .error(.noOverload(macro, v))
                    }
                }
                return .bool(count == 1)
            default:
                var list: [Value] = []
                var mapKeys: [Value] = [], mapValues: [Value] = []
                var index: [MapKey: Int] = [:]
                for i in 0..<keys.count {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[s1] = keys[i]
                    f.locals[s2] = values[i]
                    if let pred {
                        let v = pred(f)
                        switch v {
                        case .bool(true): break
                        case .bool(false): continue
                        case .error: return v
                        default: return .error(.noOverload(macro, v))
                        }
                    }
                    let t = transform?(f) ?? values[i]
                    if case .error = t { return t }
                    switch kind {
                    case .transformList:
                        list.append(t)
                    case .transformMap:
                        guard let mk = MapKey(keys[i]) else { return .error("unsupported map key type: \(keys[i].celType)") }
                        index[mk] = mapKeys.count
                        mapKeys.append(keys[i]); mapValues.append(t)
                    default:
                        guard case .map(let entry) = t else { return .error(.noOverload(macro, t)) }
                        for (k, v) in entry.entries {
                            guard let mk = MapKey(k) else { return .error("unsupported map key type: \(k.celType)") }
                            if index[mk] != nil { return .error("insert failed: key \(k.literalString) already exists") }
                            index[mk] = mapKeys.count
                            mapKeys.append(k); mapValues.append(v)
                        }
                    }
                }
                if kind == .transformList { return .list(list) }
                return .map(CELMap(uncheckedKeys: mapKeys, values: mapValues, index: index))
            }
        }
    }

    mutating func planComprehension(_ c: Comprehension) throws(CELParseError) -> Node {
        if c.kind == .bind { return try planBind(c) }
        if c.kind == .optMap || c.kind == .optFlatMap { return try planOptMap(c) }
        if let second = c.iterVar2 { return try planTwoVariable(c, second) }
        let range = try plan(c.range)
        let slot = scope.count
        scope.append((c.iterVar, slot))
        maxSlots = max(maxSlots, scope.count)
        defer { scope.removeLast() }
        let pred = try c.predicate.map { (x) throws(CELParseError) in try plan(x) }
        let transform = try c.transform.map { (x) throws(CELParseError) in try plan(x) }
        let kind = c.kind
        let macro = kind.rawValue

        return { f in
            let r = range(f)
            let items: [Value]
            switch r {
            case .list(let l): items = l
            case .map(let m): items = m.keys
            case .error: return r
            default: return .error(.noOverload(macro, r))
            }
            switch kind {
            case .all, .exists:
                let stop = kind == .exists  // exists stops at true, all at false
                var err: Value?
                for item in items {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[slot] = item
                    let v = pred?(f) ?? .bool(true)
                    switch v {
                    case .bool(let b):
                        if b == stop { return v }
                    case .error:
                        if err == nil { err = v }
                    default:
                        if err == nil { err = .error(.noOverload(macro, v)) }
                    }
                }
                return err ?? .bool(!stop)
            case .existsOne:
                var count = 0
                for item in items {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[slot] = item
                    let v = pred?(f) ?? .bool(false)
                    switch v {
                    case .bool(let b): if b { count += 1 }
                    case .error: return v
                    default: return .error(.noOverload(macro, v))
                    }
                }
                return .bool(count == 1)
            default:  // filter, map
                var out: [Value] = []
                for item in items {
                    if f.charge(1) { return .error(.costExceeded) }
                    f.locals[slot] = item
                    if let pred {
                        let v = pred(f)
                        switch v {
                        case .bool(true): break
                        case .bool(false): continue
                        case .error: return v
                        default: return .error(.noOverload(macro, v))
                        }
                    }
                    if let transform {
                        let t = transform(f)
                        if case .error = t { return t }
                        out.append(t)
                    } else {
                        out.append(item)
                    }
                }
                return .list(out)
            }
        }
    }
}
