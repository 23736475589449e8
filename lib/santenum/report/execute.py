"""Run one notebook with papermill and export it, in a process of its own.

`python -m santenum.report.execute JOB_JSON` prints one JSON line: status, failing cell, error.
A process per notebook keeps kernels apart and lets the parent kill a notebook past its timeout.
"""

import json
import sys
from pathlib import Path

KERNEL_NAME = "santenum"


def ensure_kernel() -> str:
    """A kernelspec named santenum for this interpreter, installed in its prefix if missing."""
    from ipykernel.kernelspec import install
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
        if Path(spec.argv[0]).resolve() == Path(sys.executable).resolve():
            return KERNEL_NAME
    except NoSuchKernel:
        pass
    install(kernel_name=KERNEL_NAME, display_name="Python (santenum)", prefix=sys.prefix)
    return KERNEL_NAME


def notebook_title(path) -> str:
    """The first markdown heading of a notebook, else its file name."""
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return Path(path).stem


def execute_job(job: dict) -> dict:
    """Execute job['notebook'] into job['executed'] with job['parameters'], then export job['html']."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from santenum.report.export import export_html

    try:
        papermill.execute_notebook(
            job["notebook"],
            job["executed"],
            parameters=job["parameters"],
            kernel_name=job["kernel"],
            language="python",
            progress_bar=False,
            log_output=False,
            cwd=job["cwd"],
        )
    except PapermillExecutionError as exc:
        return {
            "status": "failed",
            "cell": exc.cell_index + 1,
            "error": f"{exc.ename}: {exc.evalue}",
        }
    export_html(job["executed"], job["html"], job["title"])
    return {"status": "ok", "cell": None, "error": None}


def main(argv=None) -> int:
    job = json.loads((argv or sys.argv[1:])[0])
    try:
        result = execute_job(job)
    except Exception as exc:  # any other failure of this notebook is reported, not raised
        result = {
            "status": "failed",
            "cell": None,
            "error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}",
        }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
