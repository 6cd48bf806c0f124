"""Opens the transport the settings ask for."""

from __future__ import annotations

from gamja.events.local_log import LocalLog
from gamja.events.transport import Transport
from gamja.settings import Settings

__all__ = ["open_transport"]


def open_transport(settings: Settings) -> Transport:
    if settings.events_transport == "local":
        return LocalLog(
            settings.events_log_file(),
            poll_interval=settings.events_poll_interval,
            idle_poll_interval=settings.events_idle_poll_interval,
        )
    try:
        # aiokafka is the `kafka` extra: the embedded default must not need it.
        from gamja.events.kafka import KafkaTransport
    except ImportError as exc:
        raise RuntimeError(
            "GAMJA_EVENTS_TRANSPORT=kafka needs aiokafka: install the `kafka` extra (pip install 'gamja-market[kafka]')"
        ) from exc
    return KafkaTransport(
        settings.kafka_bootstrap_servers,
        enable_idempotence=settings.kafka_enable_idempotence,
        client_id=settings.kafka_client_id,
        topic_partitions=settings.kafka_topic_partitions,
        topic_replication_factor=settings.kafka_topic_replication_factor,
        session_timeout_ms=settings.kafka_session_timeout_ms,
    )
