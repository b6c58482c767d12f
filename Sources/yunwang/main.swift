import YunwangCLI

Yunwang.runMain()
