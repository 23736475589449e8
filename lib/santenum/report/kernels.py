"""Warm kernels: one per job slot, started once with the analysis libraries imported, then reused
notebook after notebook (and région after région) with a clean namespace each time.

How others keep kernels warm, and what santenum takes: Quarto's render daemon keeps one kernel
alive per document and re-runs the same document on it; Voilà preheats a pool of kernels that
have already run a notebook's first cells; the kernel gateway prespawns N kernels
(KG_PRESPAWN_COUNT) and hands them out; nbclient can execute a notebook on a kernel manager it
does not own and then leaves the kernel running. A report run is a fixed batch of different
notebooks, so santenum keeps a small pool (one kernel per job slot, like the gateway) whose
kernels are preheated with imports only, not with notebook cells (unlike Voilà, so any notebook
can follow any other), and drives each through papermill on an existing kernel manager (the
nbclient way, as a papermill engine). Between notebooks the kernel runs kernel_state.restore;
a kernel that dies or passes its notebook's time limit is killed and a new one started, so only
that notebook fails.
"""

import signal
import threading
from pathlib import Path

import nbformat
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import KernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine

from santenum.core.errors import ReportError

# The engine's name; pyproject.toml declares it to papermill (entry point papermill.engine).
ENGINE = "santenum-warm"
START_TIMEOUT = 60
RESET_TIMEOUT = 15  # the reset between notebooks takes well under a second: a kernel silent
# for this long has died or hung, and is replaced
# What every notebook would import anyway, loaded once per kernel; reference tables and map
# shapes are cached in their modules.
PRELUDE = """
import numpy, pandas, pyarrow.parquet, matplotlib.figure, seaborn
import santenum.analysis.charts, santenum.analysis.session, santenum.analysis.stats
from santenum.core import reference
from santenum.report import kernel_state
for _name in ("regions", "departements", "tranches_effectifs"):
    reference.table(_name)
santenum.analysis.charts.departement_shapes()
kernel_state.snapshot()
del _name
"""


class KernelError(ReportError):
    """A warm kernel did not start or did not answer."""


class WarmKernel:
    """One kernel process kept for a job slot."""

    def __init__(self, kernel_name: str, log_path: Path):
        self.kernel_name = kernel_name
        self.log_path = log_path
        self.manager = None
        self.client = None
        self.timed_out = threading.Event()
        self.abandoned = threading.Event()

    def start(self) -> None:
        """Start the kernel and run the prelude (imports); KernelError if it fails."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "a", encoding="utf-8") as log:
            # The connection file (ports and key) lives beside the log, in the run's own
            # staging folder: removed at shutdown, and with the folder if the run is killed.
            self.manager = KernelManager(
                kernel_name=self.kernel_name,
                connection_file=str(self.log_path.with_suffix(".json")),
            )
            self.manager.start_kernel(stdout=log, stderr=log)
        # An asynchronous client, as nbclient expects: its poll for a dead kernel keeps running
        # while a cell waits (a blocking client would wait forever on a killed kernel).
        self.client = AsyncKernelClient(
            parent=self.manager, **self.manager.get_connection_info(session=True)
        )
        self.client.start_channels()
        try:
            run_sync(self.client.wait_for_ready)(timeout=START_TIMEOUT)
            self._run(PRELUDE)
        except (RuntimeError, TimeoutError) as exc:
            self.shutdown()
            raise KernelError(f"le noyau n'a pas démarré ({exc})") from exc

    def _run(self, code: str, timeout: float = START_TIMEOUT) -> None:
        """Run code on the kernel outside any notebook."""
        reply = run_sync(self.client.execute_interactive)(
            code, store_history=False, timeout=timeout, output_hook=lambda msg: None
        )
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise KernelError(f"{content.get('ename')}: {content.get('evalue')}")

    def alive(self) -> bool:
        return self.manager is not None and self.manager.is_alive()

    def prepare(self, cwd: Path) -> None:
        """A clean namespace in `cwd` for the next notebook (started first if needed). A kernel that
        dies or hangs during the reset is replaced once; KernelError if the new one fails too."""
        self.timed_out.clear()
        reset = f"from santenum.report import kernel_state\nkernel_state.restore({str(cwd)!r})"
        for attempt in range(2):
            self._check_not_abandoned()
            try:
                if not self.alive():
                    self.restart()
                self._run(reset, RESET_TIMEOUT)
                break
            except (KernelError, RuntimeError, TimeoutError) as exc:
                self.shutdown()
                if attempt == 1 and isinstance(exc, KernelError):
                    raise
                if attempt == 1:
                    raise KernelError(f"le noyau n'a pas pu être remis à zéro ({exc})") from exc
        self._check_not_abandoned()

    def _check_not_abandoned(self) -> None:
        """KernelError if Ctrl-C came while this kernel was starting or being reset."""
        if self.abandoned.is_set():
            raise KernelError("interrompu")

    def abandon(self) -> None:
        """Ctrl-C: kill the running notebook and run no other on this kernel."""
        self.abandoned.set()
        self.stop_notebook()

    def stop_notebook(self) -> None:
        """Stop the running notebook (past its time limit, or on Ctrl-C): the kernel is killed
        and restarted before the next one."""
        self.timed_out.set()
        if self.manager is not None and self.manager.has_kernel:
            self.manager.signal_kernel(signal.SIGKILL)

    def restart(self) -> None:
        self.shutdown()
        self.start()

    def shutdown(self) -> None:
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.manager is not None and self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
        self.manager = None


class WarmEngine(NBClientEngine):
    """papermill engine that executes on a WarmKernel, through its client, and leaves it running.

    The notebook is written once, at the end (papermill's default writes it after every cell);
    when execution stops early, what ran so far is written to `partial_path`.
    """

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        warm_kernel=None,
        partial_path=None,
        **kwargs,
    ):
        client = PapermillNotebookClient(
            nb_man,
            km=warm_kernel.manager,
            kernel_name=kernel_name,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client.kc = warm_kernel.client  # no new client per notebook: nbclient reuses this one
        try:
            return client.execute()
        except BaseException:
            if partial_path is not None:
                nbformat.write(nb_man.nb, partial_path)
            raise
