"""Runs inside a warm kernel: remember the state after start-up, restore it before each notebook.

Imported once by the kernel's prelude (see kernels.py). `restore` empties the user namespace as
IPython's %reset does (every variable and imported name goes; the loaded modules stay loaded and
warm) without %reset's garbage collection, which costs 0.1 s; it closes pyplot figures, puts
matplotlib's settings back, restarts the cell count and moves to the notebook's working
directory, so that a notebook sees what a fresh kernel would show it.
"""

import os
import sys
import warnings

_RC = {}
_NAMES = set()
# What IPython puts in a fresh namespace besides names starting with '_'.
_IPYTHON = {"In", "Out", "get_ipython", "exit", "quit", "open"}


def snapshot() -> None:
    """Remember the names IPython defines and matplotlib's settings, as the prelude left them."""
    import matplotlib
    from IPython import get_ipython

    _RC.clear()
    _RC.update(matplotlib.rcParams.copy())
    _NAMES.clear()
    _NAMES.update(
        name for name in get_ipython().user_ns if name.startswith("_") or name in _IPYTHON
    )


def restore(cwd: str) -> None:
    """Give the next notebook a clean namespace and the start-up settings, in `cwd`."""
    import matplotlib
    from IPython import get_ipython

    shell = get_ipython()
    namespace = shell.user_ns
    for name in [name for name in namespace if name not in _NAMES]:
        del namespace[name]
    for name in ("_", "__", "___"):
        namespace[name] = ""
    # A new history session: inputs and outputs start empty and the cell count can restart at 1
    # (the history database refuses a line number twice within one session).
    shell.history_manager.reset(new_session=True)
    shell.execution_count = 1
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    with warnings.catch_warnings():  # a full copy names deprecated settings too
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_RC)
    os.chdir(cwd)
