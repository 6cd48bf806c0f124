"""Alembic environment of the chat database; run through `gamja migrate`."""

from alembic import context

from gamja.migrations import configure_env

configure_env(context)
