"""Stopping on SIGINT or SIGTERM: every thread and child process within a second, nothing half-written.

The CLI calls `install()`. On the first signal the handler (which Python runs
in the main thread) marks the run cancelled, kills every child process
registered here (ffmpeg runs, narration workers) and raises `Interrupted` in
the main thread; the `finally` blocks on its way out remove the staging
folder. Worker threads stop at their next `check()`, or when their ffmpeg
dies under them; nothing waits without a timeout. A second signal kills the
children again but raises nothing, so that the cleanup under way finishes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import FrameType
from typing import Protocol, TypeVar

T = TypeVar("T")
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Killable(Protocol):
    """A child that a stop signal can kill: a process, or anything with `kill()`."""

    def kill(self) -> None: ...


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread on SIGINT or SIGTERM (a KeyboardInterrupt: `except Exception` passes it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal number, as a shell reports a process the signal ended: 130, 143."""
        return 128 + self.signum


_lock = threading.RLock()  # the handler may run while the main thread holds it
_children: set[Killable] = set()
_cancelled = threading.Event()
_received: list[int] = []


def install() -> None:
    """Handle SIGINT and SIGTERM as described above (main thread only)."""
    for signum in SIGNALS:
        signal.signal(signum, _on_signal)


_deferring = [0]  # depth of `deferred()` blocks in the main thread


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    first = not _cancelled.is_set()
    _received.append(signum)
    _cancelled.set()
    kill_children()
    if first and not _deferring[0]:
        raise Interrupted(signum)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Main thread: a stop signal during this block is raised at its end, not in the middle of it."""
    _deferring[0] += 1
    try:
        yield
    finally:
        _deferring[0] -= 1
    check()


def cancelled() -> bool:
    """True once a stop signal came."""
    return _cancelled.is_set()


def check() -> None:
    """For worker threads: stop here if a stop signal came."""
    if _cancelled.is_set():
        raise Interrupted(_received[0] if _received else signal.SIGINT)


def kill_children() -> None:
    """Kill every registered child process now."""
    with _lock:
        children = list(_children)
    for child in children:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            child.kill()


def track(child: Killable) -> None:
    """Register a child process to be killed on a stop signal (at once if one already came)."""
    with _lock:
        _children.add(child)
    if _cancelled.is_set():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            child.kill()


def untrack(child: Killable) -> None:
    """The child has ended (or is someone else's to stop now)."""
    with _lock:
        _children.discard(child)


def parallel_map(function: Callable[[int], T], count: int, workers: int) -> list[T]:
    """`function(i)` for i in range(count) on a thread pool; a failure or a stop signal cancels the rest.

    Unlike `with ThreadPoolExecutor(...)`, the caller does not wait for the
    pieces still running when one fails or a signal comes: they stop by themselves
    (see `check`), and their results are no longer wanted.
    """

    def one(index: int) -> T:
        check()
        return function(index)

    pool = ThreadPoolExecutor(max(1, workers))
    try:
        results: Sequence[T] = list(pool.map(one, range(count)))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return list(results)


def exit_now(code: int) -> None:
    """Exit with `code` within a second of the signal, whatever thread is still winding down.

    The staging folder is gone and the children are killed by now; worker
    threads stop at their next check. Normally they have all ended here and
    the interpreter exits as usual; one that has not must not hold the exit.
    """
    deadline = time.monotonic() + 0.5
    others = [t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon]
    for thread in others:
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in others):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
