"""Issue 22: a site that scales. Adding a document to a built site remakes only what it changes,
and the result is byte for byte the site a clean build makes; a document removed takes its pages
away; a strict build that failed is followed by a clean one."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from conftest import SAMPLE_ID, _copy_sample, make_several_packages, site_config, site_html

from pipeline.publish.corpus import packages_to_corpus
from pipeline.publish.site import packages_to_docs


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only, between two folders."""
    out = []

    def walk(c: filecmp.dircmp, rel: str) -> None:
        out.extend(f"{rel}{n}" for n in c.left_only + c.right_only + c.diff_files + c.funny_files)
        for name, sub in c.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return out


def rebuild(tmp: Path, *args: str) -> str:
    packages_to_corpus(tmp / "packages", tmp / "packages")
    packages_to_docs(tmp / "packages", tmp / "docs", sources=tmp / "sources", status=tmp / "status")
    r = site_html(tmp, *args)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_issue_22_a_document_added_remakes_only_its_pages_and_the_site_equals_a_clean_build(tmp_path):
    make_several_packages(tmp_path / "packages", tmp_path / "sources", tmp_path / "status")
    site_config(tmp_path)
    assert "every page" in rebuild(tmp_path)
    site = tmp_path / "site"
    untouched = site / SAMPLE_ID / "index.html"
    before = untouched.stat().st_mtime_ns

    added = "310107-shanghaishi-putuoqu-ceshiju-2024-unit-budget-eeeeee"
    _copy_sample(tmp_path / "packages", tmp_path / "sources", added,
                 {"publisher": "普陀区测试局", "publisher_name": "上海市普陀区测试局", "fiscal_year": 2024,
                  "publisher_id": "310107-shanghaishi-putuoqu-ceshiju", "title": "普陀区测试局2024年单位预算"},
                 scale="0.4")
    assert "only the pages that changed" in rebuild(tmp_path)
    assert (site / added / "index.html").is_file()
    assert untouched.stat().st_mtime_ns == before  # another document's page was not remade
    incremental = tmp_path / "incremental"
    shutil.copytree(site, incremental)
    assert "every page" in rebuild(tmp_path, "--full")
    assert differences(incremental, site) == []

    shutil.rmtree(tmp_path / "packages" / added)
    rebuild(tmp_path)
    assert not (site / added).exists() and not (site / "data" / added).exists()
    shutil.rmtree(incremental)
    shutil.copytree(site, incremental)
    rebuild(tmp_path, "--full")
    assert differences(incremental, site) == []


def test_issue_22_a_failed_strict_build_is_followed_by_a_clean_one(tmp_path):
    make_several_packages(tmp_path / "packages", tmp_path / "sources", tmp_path / "status")
    site_config(tmp_path)
    rebuild(tmp_path)
    broken = tmp_path / "docs" / "broken.md"
    broken.write_text("[见附表](nowhere.md)\n", encoding="utf-8")
    r = site_html(tmp_path)
    assert r.returncode == 1 and "'nowhere.md', but the target is not found" in r.stderr
    assert (tmp_path / "site" / "broken.html").exists()  # mkdocs wrote the page before it failed
    r = site_html(tmp_path)  # the page is unchanged, but the failed build is not trusted
    assert r.returncode == 1 and "'nowhere.md', but the target is not found" in r.stderr
    broken.unlink()
    r = site_html(tmp_path)
    assert r.returncode == 0 and "every page" in r.stdout
    assert not (tmp_path / "site" / "broken.html").exists()


def test_issue_22_a_package_file_is_hashed_again_only_when_it_changed(tmp_path, monkeypatch):
    """The site checks every package against its descriptor; a file whose size and time are as
    last checked is not read again, and a file changed since (even to the same size) is caught."""
    import os

    from pipeline.publish import packages as packages_module
    from pipeline.publish.packages import readable_packages

    shutil.copytree(Path(__file__).resolve().parents[1] / "datapackages" / SAMPLE_ID, tmp_path / "pk" / SAMPLE_ID)
    memo = tmp_path / "cache" / "verified.json"
    assert readable_packages(tmp_path / "pk", verified=memo) == ([tmp_path / "pk" / SAMPLE_ID], [])
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(packages_module.Path, "read_bytes", lambda p: read.append(p.name) or real(p))
    assert readable_packages(tmp_path / "pk", verified=memo)[1] == []
    assert read == []  # nothing hashed again
    glossary = tmp_path / "pk" / SAMPLE_ID / "data" / "glossary.csv"
    data = glossary.read_bytes()
    glossary.write_bytes(data[:-2] + b"XX")  # same size, other bytes, a later time
    os.utime(glossary, ns=(glossary.stat().st_atime_ns, glossary.stat().st_mtime_ns + 1_000_000))
    good, skipped = readable_packages(tmp_path / "pk", verified=memo, quiet=True)
    assert good == [] and "glossary.csv is not the file its descriptor describes" in skipped[0][1]


def test_issue_22_the_zip_of_every_package_joins_their_own_zips_byte_for_byte(tmp_path):
    """The zip of every package is the packages' own zips joined (no compression again): the
    same bytes as zipping their folders."""
    import zipfile

    from pipeline.publish.site.downloads import join_zips, zip_folders

    root = Path(__file__).resolve().parents[1] / "datapackages"
    folders = [(root / SAMPLE_ID, SAMPLE_ID), (root / "corpus", "corpus")]
    for folder, name in folders:
        zip_folders([(folder, name)], tmp_path / f"{name}.zip")
    join_zips([tmp_path / f"{name}.zip" for _, name in folders], tmp_path / "joined.zip")
    zip_folders(folders, tmp_path / "zipped.zip")
    assert (tmp_path / "joined.zip").read_bytes() == (tmp_path / "zipped.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "joined.zip") as z:
        assert z.testzip() is None and f"{SAMPLE_ID}/datapackage.json" in z.namelist()
