#!/usr/bin/env python3
"""A filled inventory template for `bench/bench-xlsx.sh`: one unit per 40 terminals and a
terminal sheet of N rows (200,000 at SCALE=1), written with openpyxl's write-only mode.
Usage: generate-xlsx.py OUT.xlsx ROWS [SEED]"""
import datetime
import random
import sys

import openpyxl

out, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
wb = openpyxl.Workbook(write_only=True)
inv = wb.create_sheet('台账')
inv.append(['台账名称', '行政区划代码', '台账层级', '评估日期'])
inv.append(['基准测试台账', '150200', '市级', datetime.date(2026, 9, 30)])
units = wb.create_sheet('单位')
units.append(['单位编号', '单位名称', '单位层级', '接入方式', '开通日期', '申请材料', '运维负责人', '网络管理员', 'IP 地址段', '无线接入点数'])
n_units = max(1, rows // 40)
for u in range(n_units):
    units.append([f'u{u:05d}', f'第{u}号单位', '县级', rng.choice(['专线', '零信任', 'VPN']), datetime.date(2024, 1, 1 + u % 28),
                  '安全责任书、IP 地址确认单、运维信息表、保密承诺书', '张三', '李四', f'10.{u // 256 % 256}.{u % 256}.0/24', rng.choice([0, 0, 0, 1])])
terms = wb.create_sheet('终端')
terms.append(['终端编号', '所属单位', 'IP 地址', 'MAC 地址', '使用人', '实名', '涉密设备', '防火墙', '已装防病毒', '病毒库日期', '全盘查杀日期', '已装软件'])
for t in range(rows):
    u = t // 40
    terms.append([f't{t:07d}', f'u{u:05d}', f'10.{u // 256 % 256}.{u % 256}.{t % 40 + 10}', '02:%02x:%02x:%02x:%02x:%02x' % tuple((t >> s) & 255 for s in (32, 24, 16, 8, 0)),
                  f'user{t}', rng.random() > 0.02 and '是' or '否', '否', rng.random() > 0.01 and '是' or '否', '是',
                  datetime.date(2026, 9, 1 + t % 29), datetime.date(2026, 9, 1 + t % 29), rng.choice(['WPS Office', 'WPS Office、360安全卫士', 'WPS Office、ToDesk'])])
wb.save(out)
