"""The progress bar of ``kg build`` on a terminal: input bytes read (which gives the
estimate of the time left), records and records per second, then the stage after
reading. Silent when stderr is not a terminal, so logs get only the summary."""
from __future__ import annotations

import sys
import time

from tqdm import tqdm

_POSTFIX_EVERY = 64  # records between updates of the records/s text


class BuildProgressBar:
    """A :class:`kg.pipeline.Progress` drawn with tqdm."""

    def __init__(self, quiet: bool = False) -> None:
        self._bar = tqdm(desc="reading", unit="B", unit_scale=True, unit_divisor=1024, disable=quiet or None,
                         file=sys.stderr, leave=False, dynamic_ncols=True)
        self._records = 0
        self._started = time.perf_counter()

    def start(self, total_bytes: int) -> None:
        self._bar.reset(total=total_bytes or None)
        self._started = time.perf_counter()

    def advance(self, done_bytes: int) -> None:
        self._records += 1
        if self._records % _POSTFIX_EVERY == 0:
            rate = self._records / max(time.perf_counter() - self._started, 1e-9)
            self._bar.set_postfix_str(f"{self._records:,} records, {rate:,.0f} records/s", refresh=False)
        self._bar.update(done_bytes - self._bar.n)

    def stage(self, name: str) -> None:
        self._bar.set_description_str(name)

    @property
    def records(self) -> int:
        return self._records

    def close(self) -> None:
        self._bar.close()
