import Foundation
import Testing

/// `yunwang template`, `yunwang import` and `check --format xlsx` end to end (DESIGN §10),
/// with the workbooks filled in and read back by an independent library (Python's openpyxl,
/// which `make deps` installs).
@Suite("Spreadsheets (end to end)")
struct SpreadsheetCommandTests {
    /// Fills the template like a unit would: by header label, booleans as 是/否, enums as
    /// their Chinese labels, dates as date cells. Planted: a unit with wireless APs (BT-18),
    /// a terminal without a firewall (BT-42-5-FIREWALL) and with ToDesk (BT-42-8).
    static let fill = """
    import sys, datetime, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    def put(sheet, row, values):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for k, v in values.items():
            ws.cell(row=row, column=header.index(k) + 1, value=v)
    put('台账', 2, {'台账名称': '测试市台账', '行政区划代码': '150200', '台账层级': '市级', '评估日期': datetime.date(2026, 9, 30)})
    put('单位', 2, {'单位编号': 'u-a', '单位名称': '甲局', '单位层级': '市级', '接入方式': '专线', '开通日期': datetime.date(2024, 1, 15),
                   '申请材料': '安全责任书、IP 地址确认单、运维信息表、保密承诺书', '运维负责人': '张三', '网络管理员': '李四',
                   'IP 地址段': '10.1.1.0/24', '无线接入点数': 2})
    put('终端', 2, {'终端编号': 't1', '所属单位': 'u-a', 'IP 地址': '10.1.1.5', 'MAC 地址': '00:1a:2b:3c:4d:5e', '使用人': 'zhang',
                   '实名': '是', '涉密设备': '否', '防火墙': '否', '已装防病毒': '是', '全盘查杀日期': datetime.date(2026, 9, 28),
                   '已装软件': 'WPS Office、ToDesk'})
    put('终端', 3, {'终端编号': 't2', '所属单位': 'u-a', 'IP 地址': '10.1.1.6', 'MAC 地址': '00:1a:2b:3c:4d:5f', '使用人': 'li',
                   '实名': True, '涉密设备': False, '防火墙': '是', '已装防病毒': '是', '全盘查杀日期': datetime.date(2026, 9, 28)})
    put('事件', 2, {'事件类型': '应急演练', '相关单位': 'u-a', '发生时间': datetime.datetime(2026, 4, 2, 9, 30)})
    wb.save(sys.argv[2])
    """

    static func python(_ program: String, _ args: [String]) throws -> CLI.Result {
        let r = try CLI.python(program, args)
        if r.out.contains("No module named 'openpyxl'") {
            Issue.record("python openpyxl is missing: run `make deps` (scripts/install-deps.sh installs it)")
        }
        return r
    }

    /// The line of the first line of `file` containing `text` after the line containing `after`.
    static func line(of text: String, after: String, in file: String) throws -> Int? {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.contains(after) }) else { return nil }
        return lines[start...].firstIndex(where: { $0.contains(text) }).map { $0 + 1 }
    }

    static func findings(_ inventory: String) throws -> [[String: Any]] {
        let r = try CLI.run(["check", inventory, "--format", "json", "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
        return json?["findings"] as? [[String: Any]] ?? []
    }

    @Test func theTemplateHasASheetPerKindWithLabelsKeysDropDownsAndDates() throws {
        let dir = try Scratch()
        let r = try CLI.run(["template", "--output", dir.path("模板.xlsx")])
        #expect(r.code == 0, "\(r.err)")
        let again = try CLI.run(["template", "--output", dir.path("again.xlsx")])
        #expect(again.code == 0)
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("模板.xlsx")) == Data(contentsOf: dir.url.appendingPathComponent("again.xlsx")))
        let check = try Self.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        print('sheets', ','.join(wb.sheetnames))
        ws = wb['终端']
        header = [c.value for c in ws[1]]
        print('header', ','.join(header))
        mac = header.index('MAC 地址') + 1
        print('note', ws.cell(row=1, column=mac).comment.text.split('\\n')[0])
        print('frozen', ws.freeze_panes)
        for dv in ws.data_validations.dataValidation:
            col = str(dv.sqref).split(':')[0].rstrip('0123456789')
            print('validation', ws[col + '1'].value, dv.type, dv.formula1)
        letter = openpyxl.utils.get_column_letter(header.index('全盘查杀日期') + 1)
        print('datefmt', ws.column_dimensions[letter].number_format, ws.column_dimensions['A'].number_format)
        s = wb['信息系统']
        print('nested', [c.comment.text.split('\\n')[0] for c in s[1] if c.value == '等保级别'][0])
        info = wb['说明']
        keys = set(r[2] for r in info.iter_rows(min_row=2, values_only=True) if r[2])
        print('instructions', 'mlps.level' in keys, 'access.method' in keys, info.max_row)
        """, [dir.path("模板.xlsx")])
        #expect(check.code == 0, "\(check.out)")
        let out = check.out
        #expect(out.contains("sheets 说明,台账,单位,终端,信息系统,政务云,数据中心,互联网出口,事件,计划任务,豁免,整改\n"))
        #expect(out.contains("header 终端编号,所属单位,行政区划代码,IP 地址,MAC 地址,"))
        #expect(out.contains("note mac"))
        #expect(out.contains("frozen A2"))
        #expect(out.contains("validation 实名 list \"是,否\""))
        #expect(out.contains("datefmt yyyy-mm-dd @"))
        #expect(out.contains("nested mlps.level"))
        #expect(out.contains("instructions True True"))
        let access = try Self.python("""
        import sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])['单位']
        for dv in ws.data_validations.dataValidation:
            print(dv.sqref, dv.formula1)
        """, [dir.path("模板.xlsx")])
        #expect(access.out.contains("\"专线,零信任,VPN,移动接入,其他\""), "\(access.out)")
    }

    @Test func aFilledTemplateImportsValidatesAndChecksAtTheWrittenLines() throws {
        let dir = try Scratch()
        #expect(try CLI.run(["template", "--output", dir.path("模板.xlsx")]).code == 0)
        let filled = try Self.python(Self.fill, [dir.path("模板.xlsx"), dir.path("台账.xlsx")])
        #expect(filled.code == 0, "\(filled.out)")
        let imported = try CLI.run(["import", dir.path("台账.xlsx"), "--output", dir.path("inv")])
        #expect(imported.code == 0, "\(imported.err)")
        let validate = try CLI.run(["validate", dir.path("inv")])
        #expect(validate.code == 0, "\(validate.err)")
        let terminals = dir.path("inv/terminals.yaml")
        let text = try String(contentsOfFile: terminals, encoding: .utf8)
        #expect(text.hasPrefix("# 由 yunwang import 自 台账.xlsx!终端 生成"))
        #expect(text.contains("software: [\"WPS Office\", \"ToDesk\"]"))
        let events = try String(contentsOfFile: dir.path("inv/events.yaml"), encoding: .utf8)
        #expect(events.contains("at: \"2026-04-02T09:30:00+08:00\""), "\(events)")
        let found = try Self.findings(dir.path("inv"))
        func at(_ rule: String, _ target: String) -> (String, Int)? {
            guard let f = found.first(where: { $0["rule"] as? String == rule && ($0["target"] as? [String: Any])?["id"] as? String == target }),
                  let loc = f["location"] as? [String: Any] else { return nil }
            return ((loc["file"] as? String) ?? "", (loc["line"] as? Int) ?? 0)
        }
        let firewall = try #require(at("BT-42-5-FIREWALL", "t1"))
        #expect(firewall.0 == "terminals.yaml")
        #expect(firewall.1 == (try Self.line(of: "firewall: false", after: "id: \"t1\"", in: terminals)))
        let remote = try #require(at("BT-42-8", "t1"))
        #expect(remote.1 == (try Self.line(of: "software:", after: "id: \"t1\"", in: terminals)))
        let wireless = try #require(at("BT-18", "u-a"))
        #expect(wireless.0 == "units.yaml")
        #expect(wireless.1 == (try Self.line(of: "wireless_aps: 2", after: "id: \"u-a\"", in: dir.path("inv/units.yaml"))))
        #expect(at("BT-42-5-FIREWALL", "t2") == nil)

        // Importing again replaces the earlier import; a folder that is not one is left alone.
        #expect(try CLI.run(["import", dir.path("台账.xlsx"), "--output", dir.path("inv")]).code == 0)
        try dir.write("mine/notes.txt", "mine")
        let refused = try CLI.run(["import", dir.path("台账.xlsx"), "--output", dir.path("mine")])
        #expect(refused.code == 2)
        #expect(FileManager.default.fileExists(atPath: dir.path("mine/notes.txt")))
    }

    @Test func everyBadCellIsNamedAtOnceAndNothingIsWritten() throws {
        let dir = try Scratch()
        #expect(try CLI.run(["template", "--output", dir.path("模板.xlsx")]).code == 0)
        #expect(try Self.python(Self.fill, [dir.path("模板.xlsx"), dir.path("good.xlsx")]).code == 0)
        let spoil = try Self.python("""
        import sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        t = wb['终端']
        t['E2'] = 'zz:zz'              # MAC not valid (the loader's check, named at its cell)
        t['G3'] = '也许'                # not 是/否
        t['B3'] = 'u-nope'             # dangling unit
        t['L3'] = '=TODAY()'           # a formula openpyxl saves without a cached value
        t['L2'] = datetime.date(3000, 1, 1)   # outside 1900–2999
        t['N1'] = 'MAC 地趾'            # unknown column, close to a label
        t['N2'] = 'x'
        t['O1'] = 'x-备注'              # kept
        t['O2'] = '三楼'
        wb['单位']['F2'] = '专线路'      # not an access method
        wb.save(sys.argv[2])
        """, [dir.path("good.xlsx"), dir.path("bad.xlsx")])
        #expect(spoil.code == 0, "\(spoil.out)")
        let r = try CLI.run(["import", dir.path("bad.xlsx"), "--output", dir.path("inv")])
        #expect(r.code == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path("inv")))
        for expected in [
            "bad.xlsx!单位!F2: 错误: “接入方式” 的值 “专线路” 不在可选范围内", "（是否想写 “专线”？）",
            "bad.xlsx!终端!E2: 错误: “mac” 的值 “zz:zz” 不是有效 MAC 地址",
            "bad.xlsx!终端!G3: 错误: “实名” 应为 是/否",
            "bad.xlsx!终端!B3: 错误: “unit” 引用的接入单位 “u-nope” 不存在",
            "bad.xlsx!终端!L3: 错误: 公式没有计算结果",
            "bad.xlsx!终端!L2: 错误: “全盘查杀日期” 的值",
            "bad.xlsx!终端!N1: 错误: 未知列 “MAC 地趾”（是否想写 “MAC 地址”？）",
        ] {
            #expect(r.err.contains(expected), "missing: \(expected)\n\(r.err)")
        }
        #expect(!r.err.contains("O1"))
        let en = try CLI.run(["import", dir.path("bad.xlsx"), "--output", dir.path("inv"), "--lang", "en"])
        #expect(en.err.contains("bad.xlsx!终端!G3: error: 'real name' must be yes/no"), "\(en.err)")
    }

    @Test func aFolderOfCSVFilesImportsWithKeysInAnyOrder() throws {
        let dir = try Scratch()
        try dir.write("csv/inventory.csv", "\u{FEFF}level,region,name,as_of\r\ncity,150200,\"台账, CSV\",2026-09-30\r\n")
        try dir.write("csv/单位.csv", "name,id,access.method,x-note\n\"甲\"\"局\",u-a,zero-trust,\"多行\n备注\"\n")
        try dir.write("csv/terminals.csv", "unit,id,mac,antivirus.last_full_scan,software\nu-a,t1,00:1a:2b:3c:4d:5e,2026/9/28,\"WPS Office,ToDesk\"\n")
        let r = try CLI.run(["import", dir.path("csv"), "--output", dir.path("inv")])
        #expect(r.code == 0, "\(r.err)")
        #expect(try CLI.run(["validate", dir.path("inv")]).code == 0)
        let units = try String(contentsOfFile: dir.path("inv/units.yaml"), encoding: .utf8)
        #expect(units.contains("name: \"甲\\\"局\""))
        #expect(units.contains("\"x-note\": \"多行\\n备注\""))
        let terminals = try String(contentsOfFile: dir.path("inv/terminals.yaml"), encoding: .utf8)
        #expect(terminals.contains("last_full_scan: 2026-09-28"))
        let found = try Self.findings(dir.path("inv"))
        #expect(found.contains { $0["rule"] as? String == "BT-42-8" })
    }

    @Test func aGB18030CSVIsRefusedWithTheFix() throws {
        let dir = try Scratch()
        let gb = Self.gb18030Bytes()
        try dir.write("csv/台账.csv", gb)
        let r = try CLI.run(["import", dir.path("csv"), "--output", dir.path("inv")])
        #expect(r.code == 2)
        #expect(r.err.contains("台账.csv:2: 错误: 文件不是 UTF-8，看起来是 GB18030/GBK"), "\(r.err)")
        #expect(r.err.contains("iconv -f GB18030 -t UTF-8"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("inv")))
    }

    /// "name,region,level\n测试台账,150200,city\n" in GB18030 (as Excel's plain "CSV" saves it on Chinese Windows).
    static func gb18030Bytes() -> Data {
        Data("name,region,level\n".utf8) + Data([0xB2, 0xE2, 0xCA, 0xD4, 0xCC, 0xA8, 0xD5, 0xCB]) + Data(",150200,city\n".utf8)
    }

    // MARK: hostile workbooks

    /// Writes a zip (an .xlsx) from (name, content) pairs; `repeat` entries are made of one byte repeated.
    static let makeZip = """
    import sys, zipfile, json
    spec = json.loads(sys.argv[2])
    with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
        for name, content in spec.get('files', {}).items():
            z.writestr(name, content)
        for name, n in spec.get('repeat', {}).items():
            z.writestr(name, '<?xml version="1.0"?><worksheet>' + ' ' * n + '</worksheet>')
        for i in range(spec.get('many', 0)):
            z.writestr('x/%d.txt' % i, '')
        if 'sst' in spec:
            z.writestr('xl/sharedStrings.xml', '<sst>' + '<si><t>a</t></si>' * spec['sst'] + '</sst>')
    """

    static let workbook = """
    <?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="终端" sheetId="1" r:id="rId1"/></sheets></workbook>
    """
    static let rels = """
    <?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>
    """

    static func hostile(_ name: String, _ spec: [String: Any], arguments: [String] = []) throws -> CLI.Result {
        let dir = try Scratch()
        var files = spec["files"] as? [String: String] ?? [:]
        files["xl/workbook.xml"] = files["xl/workbook.xml"] ?? workbook
        files["xl/_rels/workbook.xml.rels"] = rels
        var full = spec
        full["files"] = files
        let json = String(decoding: try JSONSerialization.data(withJSONObject: full), as: UTF8.self)
        let made = try python(makeZip, [dir.path(name), json])
        #expect(made.code == 0, "\(made.out)")
        let r = try CLI.run(["import", dir.path(name), "--output", dir.path("inv")] + arguments)
        #expect(r.code == 2, "\(name): \(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("inv")))
        return r
    }

    @Test func aZipBombIsRefusedAtItsEntry() throws {
        let r = try Self.hostile("bomb.xlsx", ["repeat": ["xl/worksheets/sheet1.xml": 5_000_000]], arguments: ["--max-uncompressed", "1000000"])
        #expect(r.err.contains("bomb.xlsx!xl/worksheets/sheet1.xml: 错误: 解压后超过 1000000 字节"), "\(r.err)")
    }

    @Test func tooManyEntriesAreRefused() throws {
        let r = try Self.hostile("many.xlsx", ["many": 1_001])
        #expect(r.err.contains("many.xlsx: 错误: 压缩包条目超过 1000 个"), "\(r.err)")
    }

    @Test func aHugeSharedStringTableIsRefused() throws {
        // The default cap is 4,000,000 strings; a small one keeps the test fast.
        let r = try Self.hostile("sst.xlsx", ["sst": 1_001, "files": ["xl/worksheets/sheet1.xml": "<worksheet/>"]], arguments: ["--max-shared-strings", "1000"])
        #expect(r.err.contains("sst.xlsx!xl/sharedStrings.xml: 错误: 共享字符串超过 1000 个"), "\(r.err)")
    }

    @Test func macrosAreRefused() throws {
        let named = try Self.hostile("宏.xlsm", ["files": ["xl/worksheets/sheet1.xml": "<worksheet/>"]])
        #expect(named.err.contains("宏.xlsm: 错误: 不接受含宏"), "\(named.err)")
        let inside = try Self.hostile("inside.xlsx", ["files": ["xl/worksheets/sheet1.xml": "<worksheet/>", "xl/vbaProject.bin": "VBA"]])
        #expect(inside.err.contains("inside.xlsx!xl/vbaProject.bin: 错误: 工作簿含宏"), "\(inside.err)")
    }

    @Test func anEntityBombIsRefused() throws {
        let sheet = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"
        let r = try Self.hostile("dtd.xlsx", ["files": ["xl/worksheets/sheet1.xml": sheet]])
        #expect(r.err.contains("dtd.xlsx!xl/worksheets/sheet1.xml: 错误: XML 含 DOCTYPE"), "\(r.err)")
    }

    @Test func errorValuesAndMalformedSheetsNameTheirCell() throws {
        let sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"e\"><v>#N/A</v></c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>"
        let r = try Self.hostile("err.xlsx", ["files": ["xl/worksheets/sheet1.xml": sheet]])
        #expect(r.err.contains("err.xlsx!终端!A3: 错误: 共享字符串编号 99 不存在"), "\(r.err)")
        let notZip = try Scratch()
        try notZip.write("plain.xlsx", "not a zip")
        let plain = try CLI.run(["import", notZip.path("plain.xlsx"), "--output", notZip.path("inv")])
        #expect(plain.code == 2)
        #expect(plain.err.contains("plain.xlsx: 错误: 不是有效的 .xlsx 文件"), "\(plain.err)")
    }

    // MARK: the ledger

    @Test func theLedgerHasTheSheetsDatesFiltersAndCountsOfTheFindings() throws {
        let dir = try Scratch()
        let ledger = dir.path("整改台账.xlsx")
        let r = try CLI.run(["check", "examples/baotou", "--format", "xlsx", "--output", ledger, "--fail-on", "never"])
        #expect(r.code == 0, "\(r.err)")
        let again = try CLI.run(["check", "examples/baotou", "--format", "xlsx", "--output", dir.path("again.xlsx"), "--fail-on", "never"])
        #expect(again.code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == Data(contentsOf: dir.url.appendingPathComponent("again.xlsx")))
        let json = try CLI.run(["check", "examples/baotou", "--format", "json", "--fail-on", "never"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let summary = try #require(doc["summary"] as? [String: Any])
        let read = try Self.python("""
        import sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        print('sheets', ','.join(wb.sheetnames))
        print('created', wb.properties.created.date().isoformat())
        ws = wb['问题清单']
        header = [c.value for c in ws[1]]
        print('header', ','.join(header))
        print('rows', ws.max_row - 1)
        print('filter', ws.auto_filter.ref, 'frozen', ws.freeze_panes)
        due = header.index('整改期限')
        dates = [r[due] for r in ws.iter_rows(min_row=2, values_only=True) if r[due] is not None]
        print('date', type(dates[0]).__name__, dates[0].date().isoformat())
        sev = header.index('严重程度') + 1
        print('fill', ws.cell(row=2, column=sev).value, ws.cell(row=2, column=sev).fill.fgColor.rgb)
        over = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[header.index('逾期')] == '是']
        print('overdue', len(over))
        s = wb['汇总']
        total = list(s.iter_rows(values_only=True))[-1]
        print('total', total[1], total[2], total[3], total[4], total[5], total[6], total[8], total[9])
        print('summaryfilter', s.auto_filter.ref, s.freeze_panes)
        print('waivers', wb['豁免'].max_row - 1, 'tasks', wb['计划任务'].max_row - 1)
        print('width', ws.column_dimensions['I'].width > 40)
        first = header.index('首次发现')
        print('firstseen', type(next(r[first] for r in ws.iter_rows(min_row=2, values_only=True) if r[first])).__name__)
        rect = wb['整改']
        rh = [c.value for c in rect[1]]
        print('orders', rect.max_row - 1, rect.auto_filter.ref)
        for r in rect.iter_rows(min_row=2, values_only=True):
            print('order', r[rh.index('整改通知文号')], r[rh.index('状态')], type(r[rh.index('整改时限')]).__name__)
        """, [ledger])
        #expect(read.code == 0, "\(read.out)")
        let out = read.out
        #expect(out.contains("sheets 汇总,问题清单,豁免,计划任务,整改\n"))
        #expect(out.contains("created \(doc["as_of"] as? String ?? "?")"))
        #expect(out.contains("header 单位编号,单位名称,对象类型,对象编号,规则,规则标题,严重程度,状态,问题描述,整改建议,依据文件,条款,责任单位,责任人,首次发现,整改期限,逾期,整改通知,"))
        #expect(out.contains("rows \(findings.count)\n"))
        #expect(out.contains("filter A1:U\(findings.count + 1) frozen A2"))
        #expect(out.contains("date datetime "))
        #expect(out.contains("fill 高 FFF8CBAD"))
        let overdue = findings.filter { ($0["overdue"] as? Bool) == true }.count
        #expect(overdue > 0)
        #expect(overdue == summary["overdue"] as? Int)
        #expect(out.contains("overdue \(overdue)\n"))
        let bySeverity = summary["by_severity"] as? [String: Int] ?? [:]
        #expect(out.contains("total 合计 \(summary["open"] as? Int ?? -1) \(bySeverity["high"] ?? -1) \(bySeverity["medium"] ?? -1) \(bySeverity["low"] ?? -1) \(bySeverity["info"] ?? -1) \(summary["waived"] as? Int ?? -1) \(overdue)\n"), "\(out)")
        let tasks = findings.filter { ($0["rule"] as? String) == "PLAN-DEADLINE" }.count
        #expect(out.contains("tasks \(tasks)"))
        #expect(out.contains("width True"))
        #expect(out.contains("firstseen datetime"))
        // examples/baotou/rectifications.yaml holds an order in each state.
        let orders = try String(contentsOfFile: CLI.repository.appendingPathComponent("examples/baotou/rectifications.yaml").path, encoding: .utf8)
            .components(separatedBy: "order:").count - 1
        #expect(out.contains("orders \(orders) A1:J\(orders + 1)"))
        for state in ["整改中", "逾期未整改", "已整改", "报告已整改但问题仍在", "无对应问题，可关闭"] {
            #expect(out.contains(" \(state) datetime"), "\(state)\n\(out)")
        }
    }

    @Test func theLedgerNeedsAnOutputFile() throws {
        let r = try CLI.run(["check", "examples/baotou", "--format", "xlsx"])
        #expect(r.code == 2)
        #expect(r.err.contains("--format xlsx 须用 --output"))
    }
}
