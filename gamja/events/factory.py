"""Opens the transport the settings ask for."""

from __future__ import annotations

from gamja.events.local_log import LocalLog
from gamja.events.transport import Transport
from gamja.settings import Settings

__all__ = ["open_transport"]


def open_transport(settings: Settings) -> Transport:
    if settings.events_transport == "local":
        return LocalLog(settings.events_log_file(), poll_interval=settings.events_poll_interval)
    raise NotImplementedError(
        "GAMJA_EVENTS_TRANSPORT=kafka is not available in this build yet; use the default `local` transport"
    )
