"""docker-compose.yml as Debian's `docker-compose config` reads it: valid, with the replicas and the router in
discovery mode. No Docker engine runs here, so this checks the file, not a running stack."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

COMPOSE_FILE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def compose(*args: str, env_file: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("docker-compose")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("docker-compose is missing: make test installs it (apt-get install -y docker-compose)")
        pytest.skip("docker-compose is not installed (apt-get install -y docker-compose)")
    return subprocess.run(
        [tool, "--env-file", str(env_file), "-f", str(COMPOSE_FILE), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def dummy_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("compose") / ".env"
    env.write_text("GAMJA_JWT_SECRET=dummy-jwt-secret-for-config\nPOSTGRES_PASSWORD=dummy-postgres-password\n")
    return env


@pytest.fixture(scope="module")
def config(dummy_env: Path) -> subprocess.CompletedProcess[str]:
    return compose("config", env_file=dummy_env)


def test_the_file_is_valid_and_has_two_replicas_of_items_and_search(
    dummy_env: Path, config: subprocess.CompletedProcess[str]
) -> None:
    listed = compose("config", "--services", env_file=dummy_env)
    assert listed.returncode == 0, listed.stderr
    services = set(listed.stdout.split())
    assert {"users", "items", "items-2", "comments", "chat", "search", "search-2", "router"} <= services

    assert config.returncode == 0, config.stderr
    # Each replica registers under its own host, or Consul would keep only one of them.
    hosts = re.findall(r"GAMJA_ADVERTISE_HOST: (\S+)", config.stdout)
    assert sorted(hosts) == sorted(["users", "items", "items-2", "comments", "chat", "search", "search-2"])
    assert "dummy-jwt-secret-for-config" in config.stdout


def test_the_router_discovers_its_subgraphs_in_consul(config: subprocess.CompletedProcess[str]) -> None:
    assert config.returncode == 0, config.stderr
    router = config.stdout.split("\n  router:\n", 1)[1].split("\n  search:\n", 1)[0]
    assert "- serve\n    - router\n" in router
    assert "--supergraph" not in router
    assert "GAMJA_REGISTRY: consul" in router


def test_without_secrets_it_refuses_with_the_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    config = compose("config", env_file=empty)
    assert config.returncode != 0
    assert "set GAMJA_JWT_SECRET in .env" in config.stderr
