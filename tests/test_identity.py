"""Publisher identity and doc-ids: from what a document says, never from its file name.

Unit tests resolve hand-made metadata (the publisher as printed and the document's text); the
rest runs the real pipeline on the sample and on corpus PDFs (skipped when ../shared/corpus is
absent)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLE, SAMPLE_ID, needs_shared, package_of

from pipeline.cli import main
from pipeline.package.divisions import load_divisions
from pipeline.package.identity import document_id, identify

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
needs_corpus = needs_shared(CORPUS)


def test_division_table_is_the_library_data_by_year():
    assert load_divisions(2024).by_code["310107"].name == "普陀区"
    assert [d.code for d in load_divisions(2024).by_name["普陀区"]] == ["310107", "330903"]
    # 大同县 became 云州区 in 2018: a 2017 document is read against the 2017 divisions
    assert load_divisions(2017).by_name["大同县"][0].code == "140227" and "云州区" not in load_divisions(2017).by_name
    assert load_divisions(2026).by_name["云州区"][0].code == "140215"


def test_full_name_in_the_publisher():
    who = identify("上海市普陀区财政局", 2024, "")
    assert (who.publisher_name, who.division_code, who.division_level, who.division_source) == (
        "上海市普陀区财政局", "310107", "county", "name")
    assert who.publisher_id == "310107-shanghaishi-putuoqu-caizhengju"


def test_ambiguous_district_is_settled_by_the_documents_text():
    shanghai = identify("普陀区财政局", 2024, "上海市普陀区2024年区级部门决算预算主管部门：普陀区财政局")
    assert (shanghai.publisher_name, shanghai.division_code, shanghai.division_source) == (
        "上海市普陀区财政局", "310107", "text")
    assert shanghai.publisher_id == identify("上海市普陀区财政局", 2024, "").publisher_id
    zhoushan = identify("普陀区财政局", 2024, "舟山市普陀区2024年部门预算")
    assert (zhoushan.publisher_name, zhoushan.division_code) == ("舟山市普陀区财政局", "330903")


@pytest.mark.parametrize("text", ["", "本部门2024年预算", "上海市和舟山市"])
def test_ambiguous_district_the_text_does_not_settle_is_left_empty(text):
    who = identify("普陀区财政局", 2024, text)
    assert (who.division_code, who.division_level, who.division_source) == ("", "", "unresolved")
    assert who.publisher_name == "普陀区财政局" and who.publisher_id == "putuoqu-caizhengju"


def test_remarks_are_kept_out_and_organ_prefixes_skipped():
    assert identify("泉州市人民政府办公室（本级）", 2026, "").publisher_name == "泉州市人民政府办公室"
    assert identify("西安市人民政府办公厅（汇总）", 2026, "").division_code == "610100"
    who = identify("中共普陀区委社会工作部", 2024, "上海市")
    assert (who.publisher_name, who.division_code) == ("中共上海市普陀区委社会工作部", "310107")


def test_levels_province_city_national():
    jiangsu = identify("江苏省委办公厅", 2019, "")
    assert (jiangsu.division_code, jiangsu.division_level) == ("320000", "province")
    assert identify("上海市财政局", 2025, "").division_level == "province"  # a municipality is provincial
    assert (identify("大同市行政审批服务管理局", 2026, "").division_code) == "140200"
    national = identify("国家信访局", 2024, "")
    assert (national.division_code, national.division_level) == ("100000", "national")
    assert identify("财政部", 2024, "2024年中央部门决算").division_level == "national"
    assert identify("某局", 2024, "").division_source == "unresolved"


def test_name_without_region_takes_the_covers_region():
    who = identify("财政局", 2025, "上海市普陀区2025年区级部门预算预算主管部门：财政局")
    assert (who.publisher_name, who.division_code, who.division_source) == ("上海市普陀区财政局", "310107", "text")


def test_county_named_by_short_name_needs_a_county_level_text():
    assert identify("福州市鼓楼生态环境局", 2026, "承办区委、区政府交办的其他事项").division_code == "350102"
    assert identify("福州市鼓楼生态环境局", 2026, "承办市委、市政府交办的其他事项").division_code == "350100"


def test_document_id_is_ascii_and_tells_documents_apart():
    who = identify("上海市普陀区财政局", 2024, "")
    a = document_id(who, 2024, "department_final_account", "complete", "d45e92" + "0" * 58)
    assert a == "310107-shanghaishi-putuoqu-caizhengju-2024-dept-final-d45e92" and ID.match(a)
    others = {
        document_id(who, 2024, "department_final_account", "explanation_only", "d45e92" + "0" * 58),
        document_id(who, 2024, "department_budget", "complete", "d45e92" + "0" * 58),
        document_id(who, 2023, "department_final_account", "complete", "d45e92" + "0" * 58),
        document_id(who, 2024, "department_final_account", "complete", "aaaaaa" + "0" * 58),  # a re-issue
    }
    assert a not in others and len(others) == 4 and all(ID.match(x) for x in others)
    long = identify("上海市普陀区" + "很长的名字" * 20, 2024, "")
    assert len(long.publisher_id) <= 67 and ID.match(long.publisher_id)


def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_renamed_sample_keeps_its_doc_id(tmp_path, capsys):
    renamed = tmp_path / "in" / "2024年部门预算.pdf"
    renamed.parent.mkdir()
    shutil.copy(SAMPLE, renamed)
    assert main(["build", str(renamed), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.startswith(SAMPLE_ID + "\t")
    d = descriptor(tmp_path / "out" / SAMPLE_ID)
    assert (d["publisher_name"], d["division_code"], d["division_level"], d["division_source"]) == (
        "大同市行政审批服务管理局", "140200", "city", "name")
    assert d["publisher_id"] == "140200-datongshi-xingzheng-shenpi-fuwu-guanliju"


WANLI = ["上海市普陀区人民政府万里街道办事处2023年部门预算.pdf", "上海市普陀区人民政府万里街道办事处24年预算.pdf",
         "上海市普陀区人民政府万里街道办事处2025年部门预算.pdf"]
CZJ = "上海市普陀区财政局2024年度部门决算.pdf"


@pytest.fixture(scope="module")
def putuo(corpus_build) -> Path:
    """The corpus, built once for the whole run (conftest.corpus_build): these four are in it."""
    out, rc = corpus_build
    assert rc == 0
    return out


@needs_corpus
@pytest.mark.slow  # the whole corpus, built once for the run (conftest.corpus_build)
def test_one_street_office_over_three_years_is_one_publisher(putuo):
    ds = [descriptor(package_of(putuo, n)) for n in WANLI]
    assert [d["fiscal_year"] for d in ds] == [2023, 2024, 2025]
    assert {d["publisher_id"] for d in ds} == {"310107-shanghaishi-putuoqu-renminzhengfu-wanli-jiedao-banshichu"}
    assert {(d["division_code"], d["division_level"]) for d in ds} == {("310107", "county")}
    assert len({d["name"] for d in ds}) == 3


@needs_corpus
@pytest.mark.slow  # the whole corpus, built once for the run (conftest.corpus_build)
def test_district_finance_bureau_final_account(putuo):
    d = descriptor(package_of(putuo, CZJ))
    assert (d["publisher_name"], d["division_code"], d["division_level"]) == ("上海市普陀区财政局", "310107", "county")
    assert d["name"].startswith("310107-shanghaishi-putuoqu-caizhengju-2024-dept-final-")


@needs_corpus
def test_two_documents_under_one_file_name_get_two_ids(tmp_path, capsys):
    inputs = []
    for folder, name in (("a", "北京市司法局2026年部门预算.pdf"), ("b", "西安市发展和改革委员会2019年部门预算.pdf")):
        (tmp_path / folder).mkdir()
        shutil.copy(CORPUS / name, tmp_path / folder / "2024年部门预算.pdf")
        inputs.append(str(tmp_path / folder / "2024年部门预算.pdf"))
    assert main(["build", *inputs, "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    ids = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(ids) == 2 and all(ID.match(i) for i in ids)
    assert ids[0].startswith("110000-beijingshi-sifaju-2026-") and ids[1].startswith("610100-xianshi-fazhan-")
