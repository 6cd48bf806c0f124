"""Keys a laptop stack makes for itself on first run, kept under var/ and shared by the processes of one `gamja up`."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["read_or_create_key"]


def read_or_create_key(path: Path, *, nbytes: int) -> str:
    """The key in `path`, written first (owner-only) with `nbytes` random bytes when the file does not exist."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: when several services start at once, exactly one writes the key and the others read it.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(nbytes))
    return path.read_text().strip()
