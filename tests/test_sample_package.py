"""The bundled sample through the real pipeline: contract, extraction, validity, reproducibility."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, SAMPLE_ID, SHARED, needs_shared, read_csv, table_indicators
from frictionless import Package, validate

STANDARD = [
    "summary", "income", "expenditure", "appropriation_summary", "general_public_expenditure",
    "basic_expenditure_economic", "gov_fund_income", "gov_fund_expenditure", "state_capital",
    "three_public", "operating_costs", "project_expenditure", "project_expenditure_carryover",
]
FACT_FIELDS = ["table", "row_code", "row_label", "column", "amount", "unit", "amount_yuan", "page"]


def test_metadata(sample_descriptor):
    d = sample_descriptor
    assert d["name"] == SAMPLE_ID
    assert d["publisher"] == "大同市行政审批服务管理局"
    assert d["fiscal_year"] == 2026
    assert d["document_type"] == "unit_budget"
    assert d["currency"] == "CNY"
    assert d["title"] == "大同市行政审批服务管理局2026年单位预算"
    assert re.fullmatch(r"[0-9a-f]{64}", d["sources"][0]["sha256"])
    assert d["licenses"]


def test_all_13_tables_facts_and_glossary(sample_descriptor):
    names = [r["name"] for r in sample_descriptor["resources"]]
    assert names == STANDARD + ["facts", "findings", "indicators", "glossary", "responsibilities", "departments",
                                "narrative_figures", "performance_targets", "performance_indicators"]


def test_facts_fields_follow_contract(sample_descriptor):
    facts = next(r for r in sample_descriptor["resources"] if r["name"] == "facts")
    assert [f["name"] for f in facts["schema"]["fields"]][: len(FACT_FIELDS)] == FACT_FIELDS


def test_package_is_valid(sample_build):
    report = validate(sample_build / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_empty_tables_have_zero_rows_and_say_so(sample_build, sample_descriptor):
    by_name = {r["name"]: r for r in sample_descriptor["resources"]}
    for name in ["gov_fund_income", "gov_fund_expenditure", "state_capital", "three_public",
                 "project_expenditure_carryover"]:
        assert read_csv(sample_build, name) == []
        assert "本表无数据" in by_name[name]["description"]
    assert len(read_csv(sample_build, "operating_costs")) == 2


def test_code_and_name_in_their_own_fields(sample_build):
    rows = read_csv(sample_build, "income")
    assert rows[0]["code"] == "" and rows[0]["name"] == "合计" and rows[0]["total"] == "1564.72"
    last = rows[-1]
    assert (last["code"], last["name"], last["total"]) == ("2210202", "提租补贴", "8.21")
    assert last["page"] == "9"
    assert last["carryover"] == ""  # blank stays empty


def test_table_continued_on_next_page_keeps_page(sample_build):
    facts = read_csv(sample_build, "facts")
    pages = {(f["table"], f["row_code"]): f["page"] for f in facts}
    assert pages[("income", "2210201")] == "9"
    assert pages[("income", "201")] == "8"
    assert len(read_csv(sample_build, "income")) == 19


def test_issue_23_each_figure_of_the_words_says_where_it_is_printed(sample_build):
    """A figure of the 情况说明 keeps the box of its digits on its page (the site's viewer marks
    it): what the page prints inside the box is the figure; a text PDF has no confidence column
    (OCR's only)."""
    import pdfplumber

    figures = read_csv(sample_build, "narrative_figures")
    assert "confidence" not in figures[0] and all(f["x0"] for f in figures)
    with pdfplumber.open(ROOT / "sources" / "datong-2026-unit-budget.pdf") as pdf:
        for f in figures:
            page = pdf.pages[int(f["page"]) - 1]
            x0, top, x1, bottom = (float(f[k]) for k in ("x0", "top", "x1", "bottom"))
            inside = "".join(c["text"] for c in page.chars if x0 - 0.5 <= (c["x0"] + c["x1"]) / 2 <= x1 + 0.5
                             and top - 0.5 <= (c["top"] + c["bottom"]) / 2 <= bottom + 0.5)
            assert inside.replace(",", "") == f["figure"], (f, inside)


def test_two_sided_summary_gives_one_fact_per_side(sample_build):
    facts = [f for f in read_csv(sample_build, "facts") if f["table"] == "summary" and f["row_number"] == "1"]
    assert {(f["row_label"], f["column"], f["amount"]) for f in facts} == {
        ("一、一般公共预算", "收入/2026年", "1564.72"),
        ("一、一般公共服务支出", "支出/2026年合计", "1300.26"),
        ("一、一般公共服务支出", "支出/当年预算安排", "1300.26"),
    }


def test_amount_yuan_and_header_titles(sample_build, sample_descriptor):
    facts = read_csv(sample_build, "facts")
    f = next(f for f in facts
             if f["table"] == "expenditure" and f["row_code"] == "2010301" and f["column"].endswith("基本支出"))
    assert (f["amount"], f["unit"], f["amount_yuan"]) == ("709.53", "万元", "7095300")
    exp = next(r for r in sample_descriptor["resources"] if r["name"] == "expenditure")
    titles = {f["name"]: f["title"] for f in exp["schema"]["fields"]}
    assert titles["basic"] == "2026年预算数/基本支出"
    assert exp["schema"]["primaryKey"] == ["row_number"]


def test_field_names_say_what_a_column_means_in_english(sample_descriptor):
    """The same meaning, the same name in every document; no pinyin, no years (comparable.py)."""
    names = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in sample_descriptor["resources"]}
    assert {"total", "basic", "project"} <= set(names["expenditure"])
    assert {"income_total", "expenditure_total", "expenditure_carryover"} <= set(names["summary"])
    assert {"general_public_budget", "gov_fund_budget"} <= set(names["income"])
    every = [n for fields in names.values() for n in fields]
    assert not [n for n in every if re.search(r"\d{4}|nian|yusuan|zhichu|shouru", n)]


def test_glossary_has_12_terms(sample_build):
    rows = read_csv(sample_build, "glossary")
    assert len(rows) == 12
    assert rows[0]["term"] == "基本支出"
    assert rows[2]["term"] == "“三公”经费"
    assert rows[-1]["term"] == "财政拨款"
    assert rows[5]["definition"].startswith("专指教育收费")


def score(script: str, truth: str, package) -> tuple[float, float, str]:
    """Run one of ../shared/eval's scorers; (recall, precision, its output)."""
    out = subprocess.run([sys.executable, str(SHARED / "eval" / script),
                          str(SHARED / "eval" / "truth" / "datong-2026" / truth), str(package)],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"recall=([\d.]+) precision=([\d.]+)", out)
    assert m, out
    return float(m.group(1)), float(m.group(2)), out


@needs_shared(SHARED / "eval")
def test_score_against_truth(sample_build):
    recall, precision, out = score("score_facts.py", "facts.csv", sample_build)
    assert recall >= 0.99 and precision >= 0.99, out


@needs_shared(SHARED / "eval")
def test_indicators_score_against_truth(sample_build, tmp_path):
    recall, precision, out = score("score_indicators.py", "indicators.csv", table_indicators(sample_build, tmp_path))
    assert recall >= 0.98 and precision >= 0.98, out


def test_rebuild_reproduces_committed_package(sample_build):
    committed = ROOT / "datapackages" / SAMPLE_ID
    built = sorted(p.relative_to(sample_build) for p in sample_build.rglob("*") if p.is_file())
    published = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert built == published
    for rel in built:
        assert (sample_build / rel).read_bytes() == (committed / rel).read_bytes(), rel


def test_committed_package_loads_with_frictionless():
    pkg = Package(ROOT / "datapackages" / SAMPLE_ID / "datapackage.json")
    facts = pkg.get_resource("facts").read_rows()
    assert len(facts) > 200


def test_sample_has_no_error_findings_and_reports_rounding(sample_build, sample_descriptor):
    findings = read_csv(sample_build, "findings")
    assert [f for f in findings if f["severity"] == "error"] == []
    # 52.37 printed against 40.74 + 11.64 = 52.38: a rounding difference the document warns of
    rounding = [f for f in findings if f["row_code"] == "21011"]
    assert rounding and all(f["severity"] == "warning" and f["difference"] == "-0.01" for f in rounding)
    c = sample_descriptor["consistency"]
    assert c["checks"] > 50 and c["errors"] == 0


def test_committed_findings_are_said_in_chinese():
    """findings.csv is opened by Chinese readers: every rule's message is a Chinese sentence, with no
    English sentence (a run of three ASCII words) left in it."""
    findings = read_csv(ROOT / "datapackages" / SAMPLE_ID, "findings")
    assert {f["rule"] for f in findings} >= {"parent_equals_children", "form_matches_project"}
    for f in findings:
        assert re.search(r"[\u4e00-\u9fff]", f["message"]), f
        assert not re.search(r"[A-Za-z]+(?:[\s,;:'()-]+[A-Za-z]+){2,}", f["message"]), f
    # another table is named by its printed title, amounts as printed
    named = next(f["message"] for f in findings if f["rule"] == "form_matches_project")
    assert "（2026年项目支出预算表（本年预算），第 19 页）" in named


def test_fact_and_finding_rows_read_back_as_written(sample_build):
    """model.Fact / model.Finding: the one way a CSV row is written and read back."""
    from pipeline.model import Fact, Finding

    facts = read_csv(sample_build, "facts")
    assert facts and all(Fact.from_row(r).to_row() == r for r in facts)
    assert any(len(Fact.from_row(r).column) == 2 for r in facts)  # header paths come back as tuples
    findings = read_csv(sample_build, "findings")
    assert findings and all(Finding.from_row(r).to_row() == r for r in findings)


def test_facts_that_repeat_a_printed_figure_point_at_its_first_print(sample_build):
    """Issue 20: a naive sum over facts counted 2080505 once per table that prints it. Summing the
    facts whose `repeats` is empty gives each code's figure once: the indicators' value."""
    from collections import defaultdict
    from decimal import Decimal

    facts = read_csv(sample_build, "facts")
    assert facts[0]["repeats"] == "" and any(f["repeats"] for f in facts)
    for f in facts:
        if f["repeats"]:
            first = facts[int(f["repeats"]) - 1]
            assert (first["amount_yuan"], first["measure"], first["repeats"]) == (f["amount_yuan"], f["measure"], "")
    once: dict[str, Decimal] = defaultdict(Decimal)
    for f in facts:
        if f["classification"] == "functional" and f["measure"] == "total" and not f["repeats"]:
            once[f["row_code"]] += Decimal(f["amount_yuan"])
    functional = [r for r in read_csv(sample_build, "indicators") if r["indicator"] == "functional"]
    assert len(functional) == 18
    assert all(once[r["code"]] == Decimal(r["value_yuan"]) for r in functional)
