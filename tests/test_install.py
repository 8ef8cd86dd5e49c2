"""The project as an installed package: `pip install .` gives a `pipeline` that works from any
folder with its data files, and a Dask cluster whose workers lack it is refused in one line."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig

import pytest
from conftest import ROOT
from pdfs import EXPLANATION, text_pdf

from pipeline.cli import main
from pipeline.run.batch import CANNOT_IMPORT


@pytest.mark.slow
def test_pip_install_gives_a_package_that_builds_from_outside_the_checkout(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = next((venv / "lib").glob("python3*/site-packages"))
    # pip, hatchling and the pipeline's dependencies come from this environment (fast, offline:
    # --no-deps, --no-build-isolation); the project itself only from the install
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "--disable-pip-version-check", str(ROOT)], check=True, cwd=tmp_path, env=env)
    package = site / "pipeline"
    for data in ("vocabulary.toml", "package/identity.toml", "publish/templates/document.md.j2",
                 "publish/site_assets/extra.css"):
        assert (package / data).is_file(), data
    work = tmp_path / "elsewhere"
    work.mkdir()
    pdf = text_pdf(work / "某局2026年部门预算.pdf", [EXPLANATION])
    r = subprocess.run([python, "-m", "pipeline", "build", pdf.name, "--out", "out"], cwd=work, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("moushi-mouju-2026-dept-budget-explanation-")
    where = subprocess.run([python, "-c", "import pipeline; print(pipeline.__file__)"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(package / "__init__.py")


@pytest.mark.slow
def test_dask_workers_that_cannot_import_the_project_give_one_line(tmp_path, capsys):
    distributed = pytest.importorskip("dask.distributed")
    pdf = text_pdf(tmp_path / "某局2026年部门预算.pdf", [EXPLANATION])
    # a worker started where the project is not installed: another folder, no PYTHONPATH
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", dashboard_address=":0") as cluster:
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
                                   "--nthreads", "1", "--no-nanny", "--no-dashboard"], cwd=tmp_path, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with distributed.Client(cluster.scheduler_address) as client:
                client.wait_for_workers(1, timeout=60)
            rc = main(["build", str(pdf), "--out", str(tmp_path / "out"), "--scheduler", cluster.scheduler_address])
        finally:
            worker.terminate()
            worker.wait()
    assert rc == 1
    assert capsys.readouterr().out == f"FAILED: {CANNOT_IMPORT}\n"
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# the import name of a distribution where it differs from the distribution's name
IMPORT_NAMES = {"cv2": "opencv-python-headless", "pdfminer": "pdfminer.six", "dask": "dask"}


def third_party_imports() -> set[str]:
    """Every top-level module the pipeline imports that is neither the standard library nor itself."""
    import ast

    names = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("pipeline", "__future__")}


def test_every_module_the_pipeline_imports_is_a_declared_dependency():
    import importlib.metadata
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    names = {re.split(r"[\[<>=!~ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in declared}
    providers = importlib.metadata.packages_distributions()
    imported = third_party_imports()
    assert {"cv2", "numpy", "pypdfium2", "rapidocr", "frictionless"} <= imported  # the scan found them
    missing = {m for m in imported
               if not {d.lower().replace("_", "-") for d in providers.get(m, [IMPORT_NAMES.get(m, m)])} & names}
    assert not missing, f"imported but not in pyproject.toml: {sorted(missing)}"
