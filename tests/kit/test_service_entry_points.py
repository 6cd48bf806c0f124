"""The kit finds services through the `gamja.services` entry points and imports only the one a command names.

Each test runs the real `gamja` command in a fresh interpreter, so what it imports is what a user's shell would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gamja.catalog import CatalogError, service_names, start_order, subgraph_names
from gamja.service import ServiceRuntime, ServiceSpec
from gamja.settings import Settings

BROKEN_MESSAGE = "this service is broken on purpose"


def run_gamja(args: list[str], tmp_path: Path, *, extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GAMJA_")}
    env["GAMJA_VAR_DIR"] = str(tmp_path / "var")
    if extra_path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extra_path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "gamja.cli", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def broken_service(tmp_path: Path) -> Path:
    """A distribution on the path whose `gamja.services` entry point raises on import, as a bad commit would."""
    site = tmp_path / "site"
    dist_info = site / "gamja_broken-0.1.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: gamja-broken\nVersion: 0.1\n")
    (dist_info / "entry_points.txt").write_text("[gamja.services]\nbroken = gamja_broken_service:SPEC\n")
    (site / "gamja_broken_service.py").write_text(f"raise ImportError({BROKEN_MESSAGE!r})\n")
    return site


def test_the_help_imports_no_service() -> None:
    probe = (
        "import json, sys\n"
        "from gamja.cli import main\n"
        "for argv in (['--help'], ['serve', '--help'], ['migrate', '--help'], ['check', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('router', 'subgraphs'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert "Installed services:" in result.stdout
    assert json.loads(result.stdout.splitlines()[-1]) == []


def test_a_broken_service_does_not_break_another_services_commands(tmp_path: Path, broken_service: Path) -> None:
    helped = run_gamja(["--help"], tmp_path, extra_path=broken_service)
    assert helped.returncode == 0, helped.stderr
    assert "broken" in helped.stdout

    migrated = run_gamja(["migrate", "users"], tmp_path, extra_path=broken_service)
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.splitlines() == ["migrated users"]

    own_commands = run_gamja(["users", "create-admin", "--help"], tmp_path, extra_path=broken_service)
    assert own_commands.returncode == 0, own_commands.stderr
    assert "--password-stdin" in own_commands.stdout


def test_the_broken_service_itself_fails_with_its_error(tmp_path: Path, broken_service: Path) -> None:
    served = run_gamja(["serve", "broken"], tmp_path, extra_path=broken_service)
    assert served.returncode == 1
    assert BROKEN_MESSAGE in served.stderr
    assert "service 'broken' could not be loaded from gamja_broken_service:SPEC" in served.stderr


def test_an_unknown_service_is_refused_by_name(tmp_path: Path) -> None:
    result = run_gamja(["serve", "nonesuch"], tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'nonesuch'" in result.stderr


def test_a_gateway_has_no_databases_to_migrate(tmp_path: Path) -> None:
    result = run_gamja(["migrate", "router"], tmp_path)
    assert result.returncode == 2
    assert "'router' is not a subgraph" in result.stderr


def test_every_service_of_the_project_is_registered_and_ordered() -> None:
    assert set(service_names()) >= {"users", "items", "comments", "search", "router"}
    order = subgraph_names()
    assert "router" not in order
    assert order.index("users") < order.index("items") < order.index("comments")
    assert order.index("items") < order.index("search")


async def _build(settings: Settings) -> ServiceRuntime:
    raise AssertionError("not built in these tests")


def _spec(name: str, *after: str) -> ServiceSpec:
    return ServiceSpec(name=name, migrations={}, build=_build, after=after)


def test_start_order_follows_after_and_breaks_ties_by_name() -> None:
    specs = [_spec("search", "items"), _spec("comments", "items", "users"), _spec("items", "users"), _spec("users")]
    assert [spec.name for spec in start_order(specs)] == ["users", "items", "comments", "search"]


def test_start_order_refuses_a_circle_and_a_missing_service() -> None:
    with pytest.raises(CatalogError, match="circle: a, b"):
        start_order([_spec("a", "b"), _spec("b", "a")])
    with pytest.raises(CatalogError, match="'a' starts after 'users', which is not installed"):
        start_order([_spec("a", "users")])
