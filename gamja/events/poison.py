"""What a background loop does with a record it cannot process: one counter and one log line per record.

Every consumer, relay and writer loop of the stack refuses a bad record the same way: it sends it to a dead
letter (or drops it, where there is nowhere to send it), logs why in one line, counts it in
`gamja_events_poison_total{loop, reason}`, and goes on with the next record.
"""

from __future__ import annotations

import logging

from prometheus_client import Counter

__all__ = ["POISON_RECORDS", "refused"]

log = logging.getLogger("gamja.poison")

POISON_RECORDS = Counter(
    "gamja_events_poison_total",
    "Records a background loop could not process and dead-lettered or dropped",
    ["loop", "reason"],
)


def refused(loop: str, reason: str, detail: str, *, where: str = "dead-lettered") -> None:
    """Count and log one refused record; `reason` is a short fixed word (a label), `detail` the particulars."""
    POISON_RECORDS.labels(loop=loop, reason=reason).inc()
    log.warning("%s: a record was %s (%s): %s", loop, where, reason, detail[:500])
