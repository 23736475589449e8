"""Warm kernels: a notebook gives the same tables on a fresh kernel and on one reused after others,
and one notebook's variables, figures and settings never reach the next."""

from pathlib import Path

import nbformat
import pytest

from santenum.core import config
from santenum.report.execute import ensure_kernel, execute_job, notebook_title
from santenum.report.kernels import WarmKernel
from santenum.report.results import Job, Status
from tests.helpers import NOTEBOOK_FIXTURES

pytestmark = [pytest.mark.slow]


def _job(notebook: Path, out: Path, region: str, data: Path) -> Job:
    out.mkdir(parents=True, exist_ok=True)
    return Job(
        number=0,
        name=notebook.stem,
        region=region,
        notebook=notebook,
        out=out,
        title=notebook_title(notebook),
        page_title=notebook_title(notebook),
        parameters={
            "data_path": str(data),
            "region_code": region,
            "peer_regions": ["11"],
            "as_of": "2023-06-30",
            "output_dir": str(out),
        },
    )


def _outputs(path: Path) -> list:
    """Every cell's outputs as a reader sees them (no counts, no timings)."""
    cells = nbformat.read(path, as_version=4).cells
    return [
        [
            {k: v for k, v in output.items() if k not in ("execution_count", "metadata")}
            for output in cell.get("outputs", [])
        ]
        for cell in cells
    ]


def _tables(out: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted((out / "tables").glob("*.csv"))}


def test_fresh_and_reused_kernels_give_byte_identical_tables(tmp_path, demo_data):
    notebooks = sorted(config.settings().notebook_dir.glob("*.ipynb"))
    kernel_name = ensure_kernel()
    reused = WarmKernel(kernel_name, tmp_path / "reused.log")
    try:
        # région after région on one kernel: 76's notebooks run on a kernel that ran 11's
        for region in ("11", "76"):
            for notebook in notebooks:
                job = _job(notebook, tmp_path / "reused" / region, region, demo_data)
                assert execute_job(reused, job, 300).status is Status.OK, notebook.name
    finally:
        reused.shutdown()
    for notebook in notebooks:
        fresh = WarmKernel(kernel_name, tmp_path / "fresh.log")
        try:
            job = _job(notebook, tmp_path / "fresh", "76", demo_data)
            assert execute_job(fresh, job, 300).status is Status.OK, notebook.name
        finally:
            fresh.shutdown()
    found, expected = _tables(tmp_path / "reused" / "76"), _tables(tmp_path / "fresh")
    assert len(expected) >= len(notebooks) and found == expected
    for notebook in notebooks:  # and what readers see: the same outputs, charts included
        assert _outputs(tmp_path / "reused" / "76" / notebook.name) == _outputs(
            tmp_path / "fresh" / notebook.name
        ), notebook.name


def _leak_pair(kernel, tmp_path, demo_data) -> tuple:
    """Results of leak_set then leak_check on one kernel (the second looks for the first's names)."""
    try:
        return tuple(
            execute_job(
                kernel,
                _job(NOTEBOOK_FIXTURES / f"{name}.ipynb", tmp_path / folder, "76", demo_data),
                60,
            )
            for name, folder in (("leak_set", "a"), ("leak_check", "b"))
        )
    finally:
        kernel.shutdown()


def test_a_notebook_sees_nothing_of_the_one_before(tmp_path, demo_data):
    """leak_set also changes charts.HOUSE_STYLE (an RcParams), turns IPython's text/html
    formatter off, and changes warnings filters, numpy's error state, builtins, pandas' classes,
    the decimal context and the umask (issue 29: these reached the next notebook)."""
    kernel = WarmKernel(ensure_kernel(), tmp_path / "kernel.log")
    first, second = _leak_pair(kernel, tmp_path, demo_data)
    assert first.status is Status.OK
    assert second.status is Status.OK, second.error
    table = _outputs(tmp_path / "b" / "leak_check.ipynb")[-1][0]["data"]
    assert "<table" in table["text/html"]  # the next notebook still publishes its tables


def test_a_notebook_that_is_not_santenums_runs_on_a_kernel_of_its_own(tmp_path, demo_data):
    """--notebooks DIR: a notebook may change what no reset covers (here another library's
    module); each runs on a fresh kernel, so the next one never sees it."""
    from tests.helpers import fixture_notebooks, report_with

    folder = fixture_notebooks(tmp_path, {"01_a.ipynb": "fresh_set", "02_b.ipynb": "fresh_check"})
    assert report_with(folder, tmp_path / "run", "--data", str(demo_data), "-j", "1") == 0


def test_the_leak_check_fails_without_the_reset(tmp_path, demo_data, monkeypatch):
    """The check above can fail: skip the namespace reset and the second notebook sees the first."""
    kernel = WarmKernel(ensure_kernel(), tmp_path / "kernel.log")
    monkeypatch.setattr(
        kernel, "prepare", lambda cwd: kernel.start() if kernel.manager is None else None
    )
    _, second = _leak_pair(kernel, tmp_path, demo_data)
    assert second.status is Status.FAILED and "secret" in second.error


def test_kernel_connection_files_live_in_the_runs_folder(tmp_path):
    """Killed runs left kernel connection files (ports and key) in /tmp."""
    kernel = WarmKernel(ensure_kernel(), tmp_path / "logs" / "noyau-1.log")
    kernel.start()
    try:
        connection = Path(kernel.manager.connection_file)
        assert connection.parent == tmp_path / "logs" and connection.is_file()
    finally:
        kernel.shutdown()
    assert not connection.exists()
