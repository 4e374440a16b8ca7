"""Named scan profiles: TOML in the config dir, versioned, atomic, Vietnamese names."""

from __future__ import annotations

import tomllib

import pytest

from digitizer.acquire.profiles import (
    BUILTIN_PROFILES,
    ScanProfile,
    delete_profile,
    get_profile,
    load_profiles,
    profiles_path,
    save_profile,
)
from digitizer.acquire.scanner import ScanSettings
from digitizer.errors import InputError, UsageError

NAME = "Kết quả A4 màu 300 dpi"


def test_builtin_profiles_exist_with_safe_defaults(tmp_path):
    profiles = load_profiles(tmp_path / "none.toml")
    assert NAME in profiles
    p = profiles[NAME]
    assert (p.settings.mode, p.settings.resolution, p.settings.page_size) == ("color", 300, "A4")
    assert all(b.settings.resolution >= 200 for b in BUILTIN_PROFILES)


def test_default_path_is_in_the_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITIZER_CONFIG_DIR", str(tmp_path / "cfg"))
    assert profiles_path() == tmp_path / "cfg" / "scan_profiles.toml"


def test_save_load_roundtrip_and_other_profiles_kept(tmp_path):
    path = tmp_path / "p.toml"
    a = ScanProfile(
        "Giấy phép xây dựng – khay nạp",
        ScanSettings(
            source="adf",
            batch=True,
            mode="gray",
            resolution=400,
            page_size="210x297",
            max_pages=50,
            device_options=(("test-picture", "Grid"),),
        ),
        device="test:1",
        separator="barcode+blank",
    )
    b = ScanProfile("Xám 200", ScanSettings(mode="gray", resolution=200))
    save_profile(a, path)
    save_profile(b, path)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    assert set(raw["profiles"]) == {a.name, b.name}
    loaded = load_profiles(path)
    assert loaded[a.name] == a
    assert loaded[b.name] == b
    assert NAME in loaded  # built-ins still there
    assert delete_profile(a.name, path) is True
    assert delete_profile(a.name, path) is False
    assert a.name not in load_profiles(path) and b.name in load_profiles(path)
    assert not list(tmp_path.glob(".*.part"))  # atomic write leaves no temp file


def test_saved_profile_overrides_builtin(tmp_path):
    path = tmp_path / "p.toml"
    save_profile(ScanProfile(NAME, ScanSettings(resolution=600)), path)
    assert get_profile(NAME, path).settings.resolution == 600


def test_unknown_profile_lists_known_ones(tmp_path):
    with pytest.raises(UsageError, match="no scan profile named 'x'.*Kết quả"):
        get_profile("x", tmp_path / "p.toml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("version = 1\n[profiles\n", "not valid TOML"),
        ("version = 9\n", "newer than this program"),
        ('version = 1\n[profiles."a"]\nresolution = 100\n', "below 200 dpi"),
        ('version = 1\n[profiles."a"]\ncolour = "red"\n', "unknown setting"),
        ('version = 1\n[profiles."a"]\nseparator = "staple"\n', "unknown separator"),
    ],
)
def test_bad_profile_files_are_input_errors_naming_the_file(tmp_path, text, words):
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=words) as ei:
        load_profiles(path)
    assert ei.value.path == str(path)
    assert ei.value.exit_code == 3


def test_profile_needs_a_name():
    with pytest.raises(UsageError):
        ScanProfile("  ")
