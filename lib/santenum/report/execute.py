"""Run one notebook on a warm kernel with papermill and export it to HTML, in the runner's process."""

import sys
import threading
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from santenum.report.export import export_html
from santenum.report.kernels import ENGINE, KernelError, WarmKernel
from santenum.report.results import Job, NotebookResult, Status

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
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return Path(path).stem


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def execute_job(kernel: WarmKernel, job: Job, timeout: float) -> NotebookResult:
    """Execute job.notebook into job.executed on `kernel`, then export job.html.

    Past `timeout` seconds the kernel is killed: this notebook fails, the next one gets a new kernel.
    A kernel that dies while a cell runs fails this notebook only, and is replaced for the next.
    A job with fresh_kernel runs on a kernel started for it, stopped once it has run.
    """
    if job.fresh_kernel:
        kernel.shutdown()  # prepare() starts a new one
    try:
        return _execute(kernel, job, timeout)
    finally:
        if job.fresh_kernel:
            kernel.shutdown()


def _execute(kernel: WarmKernel, job: Job, timeout: float) -> NotebookResult:
    try:
        kernel.prepare(job.out)
    except KernelError as exc:
        return NotebookResult(Status.FAILED, error=str(exc), kernel_did_not_start=True)
    watchdog = threading.Timer(timeout, kernel.stop_notebook)
    watchdog.start()
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(job.executed),
            parameters=job.parameters,
            engine_name=ENGINE,
            warm_kernel=kernel,
            partial_path=str(job.executed),
            request_save_on_cell_execute=False,
            kernel_name=kernel.kernel_name,
            language="python",
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        return NotebookResult(Status.FAILED, exc.cell_index + 1, f"{exc.ename}: {exc.evalue}")
    except Exception as exc:  # the kernel died or was killed: only this notebook fails
        if kernel.timed_out.is_set():
            return NotebookResult(Status.FAILED, error=f"délai dépassé ({timeout:g} s)")
        if not kernel.alive():
            error = f"le noyau s'est arrêté pendant l'exécution ({_one_line(exc)})"
            return NotebookResult(Status.FAILED, error=error)
        return NotebookResult(Status.FAILED, error=_one_line(exc))
    finally:
        watchdog.cancel()
    export_html(str(job.executed), str(job.html), job.page_title)
    return NotebookResult(Status.OK)
