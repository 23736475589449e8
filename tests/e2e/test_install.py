"""`pip install .` outside the checkout: demo, clean and report run from any directory.

The package is installed (not editable) into a fresh prefix whose only other packages are the
test environment's dependencies; SANTENUM_HOME is unset and the working directory is empty, so
reference tables and notebooks must come from what the install put under <prefix>/share/santenum.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.slow]
KEEP = ("pyproject.toml", "README.md", "LICENSE", "lib", "notebooks", "data/reference")


def _run(*argv, cwd, env):
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_installed_package_runs_demo_clean_and_report_from_any_directory(tmp_path):
    source = tmp_path / "source"
    for name in KEEP:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(ROOT / name, source / name)
    prefix = tmp_path / "venv"
    env = {
        k: v for k, v in os.environ.items() if k not in ("SANTENUM_HOME", "SANTENUM_REFERENCE_DIR")
    }
    _run(sys.executable, "-m", "venv", "--without-pip", str(prefix), cwd=tmp_path, env=env)
    python = prefix / "bin" / "python"
    site = Path(
        _run(
            str(python),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
            cwd=tmp_path,
            env=env,
        ).stdout.strip()
    )
    # The dependencies come from the test environment, after the new site-packages, with their
    # data files (nbconvert's templates).
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    # The new interpreter runs the test environment's pip: it installs into the new prefix, and
    # --ignore-installed keeps it from uninstalling the test environment's editable santenum.
    install = ["-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", str(source)]
    _run(str(python), *install, cwd=tmp_path, env=env)
    work = tmp_path / "anywhere"
    work.mkdir()
    found = _run(
        str(python),
        "-c",
        "import santenum, santenum.core.config as c; print(santenum.__file__);"
        "s = c.settings(); print(s.reference_dir); print(s.notebook_dir)",
        cwd=work,
        env=env,
    ).stdout.split()
    assert all(Path(path).is_relative_to(prefix) for path in found), found
    santenum = [str(prefix / "bin" / "santenum")]
    _run(*santenum, "demo", "--out", "raw", "--scale", "0.2", "--quiet", cwd=work, env=env)
    _run(
        *santenum,
        "clean",
        "raw",
        "--out",
        "processed",
        "--as-of",
        "2023-06-30",
        "--quiet",
        cwd=work,
        env=env,
    )
    previous = ("raw-2022-06-30", "--out", "previous", "--as-of", "2022-06-30", "--quiet")
    _run(*santenum, "clean", *previous, cwd=work, env=env)
    _run(
        *santenum,
        "report",
        "--previous",
        "previous/companies.parquet",
        "--data",
        "processed/companies.parquet",
        "--as-of",
        "2023-06-30",
        "--out",
        "rapport",
        "-j",
        "2",
        "--quiet",
        cwd=work,
        env=env,
    )
    assert (work / "rapport" / "index.html").is_file()
    assert (
        work / "rapport" / "etude.pdf"
    ).stat().st_size > 0  # WeasyPrint installed by the project
    assert sorted(p.name for p in (work / "rapport").glob("*.html")) == sorted(
        [f"{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb")]
        + ["etude.html", "index.html"]
    )
