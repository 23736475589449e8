"""The notebooks of a report run on `jobs` warm kernels (kernels.py): one job slot per kernel,
each taking the next notebook from a queue; a failing notebook does not stop the others, and
Ctrl-C stops every slot. As soon as a région's notebooks have all ended, the calling thread
finishes that région (its pages, its study) while the slots run the next régions' notebooks."""

import logging
import signal
import sys
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from queue import Empty, Queue

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from santenum.report.execute import execute_job
from santenum.report.kernels import WarmKernel
from santenum.report.results import NotebookResult, Status

log = logging.getLogger(__name__)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _run_slot(kernel: WarmKernel, queue: Queue, results: dict, options, stop, done) -> None:
    """One job slot: its warm kernel runs the queued notebooks one after the other until the queue
    is empty or `stop` is set. Whatever happens to one notebook, it gets a result and the slot
    goes on with the next."""
    try:
        while not stop.is_set():
            try:
                job = queue.get_nowait()
            except Empty:
                return
            started, started_at = time.monotonic(), now()
            try:
                result = execute_job(kernel, job, options.timeout)
            except Exception as exc:  # noqa: BLE001 — recorded as this notebook's failure
                log.exception("%s %s", job.region, job.name)
                result = NotebookResult(Status.FAILED, error=f"{type(exc).__name__}: {exc}")
            result.started, result.ended = started_at, now()
            result.seconds = round(time.monotonic() - started, 2)
            results[job.number] = result
            done(job, result)
    finally:
        kernel.shutdown()


@contextmanager
def _interrupt_stops(stop: threading.Event, kernels: list):
    """While the slots run, Ctrl-C sets `stop` and kills the running notebooks instead of raising
    in the middle of starting or joining a slot; KeyboardInterrupt is raised once every slot has
    ended, so that none writes after the command has returned. Outside the main thread (where
    Python delivers no signal) nothing is installed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        stop.set()
        for kernel in kernels:
            kernel.abandon()

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if stop.is_set():
        raise KeyboardInterrupt


def _regions_left(jobs: list) -> dict:
    """Région -> how many of its notebooks are still to run."""
    left = {}
    for job in jobs:
        left[job.region] = left.get(job.region, 0) + (not job.skip)
    return left


def _finish_regions(ready: Queue, slots: list, finished, meanwhile, stop) -> None:
    """Call finished(région) in this thread for each région put in `ready`, until the slots have
    ended and no région is left, or the run is stopped (Ctrl-C); while no région is ready,
    meanwhile() does one piece of work ahead (False once there is none left)."""
    ahead = True
    while not stop.is_set():
        try:
            region = ready.get(timeout=0 if ahead else 0.1)
        except Empty:
            if not any(thread.is_alive() for thread in slots) and ready.empty():
                return
            ahead = ahead and meanwhile()
            continue
        finished(region)


def run_jobs(jobs: list, options, kernel_name: str, logs: Path, finished, meanwhile) -> dict:
    """Run every job on `options.jobs` warm kernels; job number -> NotebookResult (skipped too).
    finished(région, results) is called in this thread as soon as every notebook of that région
    has its result in `results` (while the other régions' notebooks run), and meanwhile() while
    this thread waits (see _finish_regions); if either raises, the slots are stopped."""
    queue, results, lock, ready = Queue(), {}, threading.Lock(), Queue()
    left = _regions_left(jobs)
    for job in jobs:
        if job.skip:
            results[job.number] = NotebookResult(Status.SKIPPED, error=job.skip)
        else:
            queue.put(job)
    for region, count in left.items():
        if count == 0:
            ready.put(region)
    jobs = [job for job in jobs if not job.skip]
    with (
        logging_redirect_tqdm(),
        tqdm(
            total=len(jobs),
            desc="santenum report",
            unit="carnet",
            file=sys.stderr,
            disable=not options.progress,
        ) as bar,
    ):

        def done(job, result):
            with lock:
                log.info("%s %s : %s", job.region, job.name, result.status)
                bar.update(1)
                left[job.region] -= 1
                if left[job.region] == 0:
                    ready.put(job.region)

        stop = threading.Event()
        kernels = [
            WarmKernel(kernel_name, logs / f"noyau-{slot + 1}.log")
            for slot in range(min(options.jobs, len(jobs)))
        ]
        slots = [
            threading.Thread(
                target=_run_slot,
                args=(kernel, queue, results, options, stop, done),
                name=f"santenum-slot-{slot + 1}",
            )
            for slot, kernel in enumerate(kernels)
        ]
        with _interrupt_stops(stop, kernels):
            for thread in slots:
                if not stop.is_set():
                    thread.start()
            try:
                _finish_regions(
                    ready, slots, lambda region: finished(region, results), meanwhile, stop
                )
            except BaseException:
                stop.set()
                for kernel in kernels:
                    kernel.abandon()
                raise
            finally:
                for thread in slots:
                    if thread.ident is not None:
                        thread.join()
    return results
