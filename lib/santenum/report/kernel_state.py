"""Runs inside a warm kernel: remember the state after start-up, restore it before each notebook.

Imported once by the kernel's prelude (see kernels.py). `restore` gives the next notebook what a
fresh kernel would show it, for everything a notebook can change that santenum relies on:
- the user namespace, emptied as IPython's %reset does (without its 0.1 s garbage collection),
  the cell count restarted, pyplot figures closed;
- santenum's own modules: every attribute rebound, added or deleted goes back to its start-up
  value, every dict, list or set they hold gets its start-up content back, santenum modules
  imported after start-up are unloaded (imported afresh when asked for), and every cache is
  emptied but those that hand out copies or immutable values (core/caching.py), which stay warm;
- matplotlib's settings (santenum's own RcParams too: charts.HOUSE_STYLE), pandas' options
  (reset to pandas' defaults) and the attributes of its DataFrame, Series and Index classes,
  IPython's display formatters (text/html among them), the warnings filters, numpy's error
  state and print options, the builtins, the decimal context, the umask, the environment
  variables, sys.path and the working directory (the notebook's).
What else a notebook could change (another library's module, a C extension's state) is not
reset: notebooks that are not santenum's own run on a fresh kernel each (Job.fresh_kernel).
"""

import builtins
import copy
import decimal
import os
import sys
import warnings

_BUILTINS = builtins.__dict__  # reached without a builtin name: a notebook may rebind them all
_BUILTINS_SAVED = dict(_BUILTINS)

_RC = {}
_NAMES = set()
_MODULES = {}  # module name -> (attributes at start-up, deep copies of their dicts/lists/sets)
_ENVIRON = {}
_PATH = []
# What IPython puts in a fresh namespace besides names starting with '_'.
_IPYTHON = {"In", "Out", "get_ipython", "exit", "quit", "open"}
_CONTAINERS = (dict, list, set)  # RcParams (a dict) included
_PROCESS = {}  # warnings filters, numpy, decimal context, umask, formatters, pandas classes


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
            if isinstance(value, _CONTAINERS) and not key.startswith("__")
        }
        _MODULES[name] = (attributes, contents)
    _ENVIRON.clear()
    _ENVIRON.update(os.environ)
    _PATH[:] = sys.path
    _BUILTINS_SAVED.clear()
    _BUILTINS_SAVED.update(_BUILTINS)
    _snapshot_process()


def _classes() -> list:
    import pandas

    return [pandas.DataFrame, pandas.Series, pandas.Index]


def _snapshot_process() -> None:
    import numpy
    from IPython import get_ipython

    umask = os.umask(0)
    os.umask(umask)
    formatters = get_ipython().display_formatter.formatters
    _PROCESS.update(
        warnings=list(warnings.filters),
        numpy_errors=numpy.geterr(),
        numpy_print=numpy.get_printoptions(),
        decimal=decimal.getcontext().copy(),
        umask=umask,
        formatters=dict(formatters),
        printers={
            mime: (f.enabled, dict(f.type_printers), dict(f.deferred_printers))
            for mime, f in formatters.items()
        },
        classes={cls: dict(vars(cls)) for cls in _classes()},
    )


def _restore_process() -> None:
    import numpy
    from IPython import get_ipython

    warnings.filters[:] = _PROCESS["warnings"]
    warnings._filters_mutated()  # noqa: SLF001 — what warnings.simplefilter calls itself
    numpy.seterr(**_PROCESS["numpy_errors"])
    numpy.set_printoptions(**_PROCESS["numpy_print"])
    decimal.setcontext(_PROCESS["decimal"].copy())
    os.umask(_PROCESS["umask"])
    formatters = get_ipython().display_formatter.formatters
    formatters.clear()
    formatters.update(_PROCESS["formatters"])
    for mime, (enabled, types, deferred) in _PROCESS["printers"].items():
        formatter = formatters[mime]
        formatter.enabled = enabled
        formatter.type_printers.clear()
        formatter.type_printers.update(types)
        formatter.deferred_printers.clear()
        formatter.deferred_printers.update(deferred)
    for cls, saved in _PROCESS["classes"].items():
        for key, value in list(vars(cls).items()):
            if key not in saved and not key.startswith("_"):
                delattr(cls, key)  # added by a notebook (pandas' own lazy ones are private)
            elif key in saved and saved[key] is not value:
                setattr(cls, key, saved[key])
        for key in saved.keys() - vars(cls).keys():
            setattr(cls, key, saved[key])


def _restore_builtins() -> None:
    """The builtins as at start-up, first of all (the rest of the reset calls them)."""
    for key in [key for key in _BUILTINS if key not in _BUILTINS_SAVED]:
        del _BUILTINS[key]
    _BUILTINS.update(_BUILTINS_SAVED)


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
                if isinstance(value, dict):  # dict's own methods: RcParams' validate nothing
                    dict.clear(value)
                    dict.update(value, fresh)
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
    _restore_builtins()
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
    _restore_process()
    if dict(os.environ) != _ENVIRON:
        os.environ.clear()
        os.environ.update(_ENVIRON)
    sys.path[:] = _PATH
    os.chdir(cwd)
