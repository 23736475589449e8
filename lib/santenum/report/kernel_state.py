"""Runs inside a warm kernel: remember the state after start-up, restore it before each notebook.

Imported once by the kernel's prelude (see kernels.py). `restore` gives the next notebook what a
fresh kernel would show it, for everything a notebook can change that santenum relies on:
- the user namespace, emptied as IPython's %reset does (without its 0.1 s garbage collection),
  the cell count restarted, pyplot figures closed;
- santenum's own modules: every attribute rebound, added or deleted goes back to its start-up
  value, every dict, list or set they hold gets its start-up content back, santenum modules
  imported after start-up are unloaded (imported afresh when asked for), and every cache is
  emptied but those that hand out copies or immutable values (core/caching.py), which stay warm;
- matplotlib's settings, pandas' options (reset to pandas' defaults), the environment
  variables, sys.path and the working directory (the notebook's).
"""

import copy
import os
import sys
import warnings

_RC = {}
_NAMES = set()
_MODULES = {}  # module name -> (attributes at start-up, deep copies of their dicts/lists/sets)
_ENVIRON = {}
_PATH = []
# What IPython puts in a fresh namespace besides names starting with '_'.
_IPYTHON = {"In", "Out", "get_ipython", "exit", "quit", "open"}
_CONTAINERS = (dict, list, set)


def _santenum_modules() -> dict:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if (name == "santenum" or name.startswith("santenum.")) and name != __name__
    }


def snapshot() -> None:
    """Remember the names IPython defines, santenum's modules, matplotlib's settings, the
    environment and sys.path, as the prelude left them."""
    import matplotlib
    from IPython import get_ipython

    _RC.clear()
    _RC.update(matplotlib.rcParams.copy())
    _NAMES.clear()
    _NAMES.update(
        name for name in get_ipython().user_ns if name.startswith("_") or name in _IPYTHON
    )
    _MODULES.clear()
    for name, module in _santenum_modules().items():
        attributes = dict(vars(module))
        contents = {
            key: copy.deepcopy(value)
            for key, value in attributes.items()
            if type(value) in _CONTAINERS and not key.startswith("__")
        }
        _MODULES[name] = (attributes, contents)
    _ENVIRON.clear()
    _ENVIRON.update(os.environ)
    _PATH[:] = sys.path


def _restore_modules() -> None:
    for name, module in _santenum_modules().items():
        if name not in _MODULES:
            del sys.modules[name]  # imported by a notebook: the next import starts afresh
            continue
        attributes, contents = _MODULES[name]
        current = vars(module)
        for key in [key for key in current if key not in attributes]:
            del current[key]
        for key, value in attributes.items():
            if current.get(key, _MISSING) is not value:
                current[key] = value
        for key, saved in contents.items():
            value = attributes[key]
            if value != saved:
                fresh = copy.deepcopy(saved)
                if isinstance(value, dict):
                    value.clear()
                    value.update(fresh)
                elif isinstance(value, list):
                    value[:] = fresh
                else:
                    value.clear()
                    value.update(fresh)
        for value in attributes.values():
            if hasattr(value, "cache_clear") and not getattr(value, "keeps_warm", False):
                value.cache_clear()


_MISSING = object()


def restore(cwd: str) -> None:
    """Give the next notebook a clean namespace and the start-up state, in `cwd`."""
    import matplotlib
    import pandas
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
        pandas.reset_option("all")
    _restore_modules()
    if dict(os.environ) != _ENVIRON:
        os.environ.clear()
        os.environ.update(_ENVIRON)
    sys.path[:] = _PATH
    os.chdir(cwd)
