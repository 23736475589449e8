"""One process at a time: an exclusive lock (flock) held for a block, between processes.

Two runs that would build the same cleaned demo table at once (a lab and a report, parallel test
workers) take turns: the second finds the table built. A folder is locked as itself, so no lock
file is left beside the data; the lock goes with the process that holds it if it dies.
"""

import fcntl
import os
from contextlib import contextmanager


@contextmanager
def exclusive(path):
    """Hold an exclusive lock on path (an existing file or folder) until the block ends."""
    handle = os.open(path, os.O_RDONLY)  # not inherited by the processes the block starts
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock
