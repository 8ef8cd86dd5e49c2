"""Every reason the build can give for a failed input reaches the about page's readers in Chinese,
and a specific one: none falls through to the generic 无法读取."""

from __future__ import annotations

import ast

from conftest import ROOT

from pipeline.publish.site.status import REASONS, reason_zh
from pipeline.read.limits import memory_reason, stuck_reason, time_reason
from pipeline.read.pdf import INCOMPLETE
from pipeline.read.streams import StreamTooLarge

PRODUCERS = ["read/pdf.py", "package/build.py", "package/write.py"]


def raised_reasons() -> list[str]:
    """The literal text of every InputError the reading stages raise (f-string holes left empty)."""
    out = []
    for name in PRODUCERS:
        tree = ast.parse((ROOT / "pipeline" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "InputError"
                    and node.args):
                arg = node.args[0]
                parts = [arg] if not isinstance(arg, ast.JoinedStr) else arg.values
                text = "".join(p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str))
                if text:
                    out.append(text)
    return out


def test_every_failure_reason_has_its_own_chinese_reason():
    from pipeline.read.pdf import _explain

    reasons = raised_reasons()
    assert len(reasons) >= 8  # the parse found the raises
    reasons += [INCOMPLETE, memory_reason(), time_reason(60), stuck_reason(60), str(StreamTooLarge(2 ** 30)),
                "garbled text: 80% of 1000 characters", "worker died (killed by SIGKILL: out of memory?)",
                "worker died (exit status 3) before reporting",
                _explain(RuntimeError("bad xref"), True), "its page tree loops: object 5 is listed under itself"]
    generic = [r for r in reasons if reason_zh(r) == "无法读取"]
    assert not generic, generic


def test_an_unknown_reason_is_still_shown_as_unreadable():
    assert reason_zh("something new went wrong") == "无法读取"
    assert all(zh and not zh.isascii() for _, zh in REASONS)


def test_specific_reasons_win_over_general_ones():
    assert reason_zh(INCOMPLETE) != reason_zh("damaged PDF (pdfium: x)")
    assert reason_zh("not a budget disclosure: no text on any page (the pages are images and OCR found none)") \
        != reason_zh("not a budget disclosure: no 预算/决算 wording and no report tables")


def test_issue_22_a_cpu_time_stop_says_in_chinese_which_stage_was_running():
    from pipeline.read.limits import time_reason

    assert reason_zh(time_reason(1800, "checks")) == "处理超时：超过单个文件的计算时间限制（当时正在核对数字）"
    assert reason_zh(time_reason(1800)) == "处理超时：超过单个文件的计算时间限制"
