"""Fixtures for scanner tests: SANE's real ``test`` backend behind a private SANE_CONFIG_DIR.

Every SANE call runs in a worker process that inherits the environment of the moment, so
setting SANE_CONFIG_DIR here (before any scan) is enough; /etc/sane.d is never touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TEST_CONF = """\
number_of_devices 2
mode Gray
depth 8
resolution 50.0
test-picture "Grid"
read-status-code "Default"
"""


def _have_sane() -> bool:
    try:
        import sane  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def sane_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SANE config dir enabling only the ``test`` backend (devices test:0 and test:1)."""
    if not _have_sane():
        pytest.skip("python-sane is not installed (pip install python-sane; needs libsane-dev)")
    d = tmp_path_factory.mktemp("sane")
    (d / "dll.conf").write_text("test\n")
    (d / "test.conf").write_text(TEST_CONF)
    return d


@pytest.fixture(scope="session")
def empty_sane_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SANE config dir with no backend enabled: 'no scanner attached'."""
    d = tmp_path_factory.mktemp("sane-empty")
    (d / "dll.conf").write_text("# no backends\n")
    return d


@pytest.fixture(autouse=True)
def _sane_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scanner tests only: private SANE config and a private digitizer config dir (profiles).
    Other tests in this folder (importer) are left alone and never skipped for lack of SANE."""
    if not request.node.path.name.startswith("test_scan"):
        return
    cfg = request.getfixturevalue("sane_config_dir")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(cfg))
    tmp_path = request.getfixturevalue("tmp_path")
    monkeypatch.setenv("DIGITIZER_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def sane_backend(sane_config_dir: Path):
    from digitizer.acquire.sane_backend import SaneBackend

    return SaneBackend(sane_config_dir)


@pytest.fixture
def sane_device(sane_backend):
    """An open ``test:0`` (closed after the test)."""
    dev = sane_backend.open("test:0")
    yield dev
    dev.close()
