"""Fixtures for end-to-end tests of the frozen build (see frozen.py), with the integration lab's
Kamailio and SIPp."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.frozen import ENV_VAR, Bundle, build_deb, keyring_env, locate_bundle
from tests.integration.conftest import kamailio, run_sipp_uac  # noqa: F401 - fixtures


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    found = locate_bundle(tmp_path_factory.mktemp("frozen-build"))
    if found is None:
        pytest.skip(f"no frozen build: run packaging/build-bundle, then {ENV_VAR}=dist/softphone")
    return found


@pytest.fixture
def frozen_env(tmp_path: Path) -> dict[str, str]:
    return keyring_env(tmp_path / "home")


@pytest.fixture(scope="session")
def deb(bundle: Bundle, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_deb(bundle, tmp_path_factory.mktemp("deb"))
