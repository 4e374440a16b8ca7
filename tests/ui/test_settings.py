from __future__ import annotations

import tomllib

from digitizer.ui.settings import (
    SETTINGS_VERSION,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)


def test_defaults_when_missing(env_dirs):
    s = load_settings()
    assert s == Settings()
    assert s.language == "vi"


def test_round_trip_in_platform_config_dir(env_dirs):
    cfg, _ = env_dirs
    s = Settings(
        language="en", ocr_jobs=2, tsa_url="http://127.0.0.1:9/tsa", trust_roots=("a.pem",)
    )
    path = save_settings(s)
    assert path == cfg / "settings.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["ui"]["version"] == SETTINGS_VERSION
    assert load_settings() == s


def test_archive_targets_are_written_for_the_archive_package(env_dirs):
    """The folder target the clerk picks is what digitizer.archive.config reads; no secrets stored."""
    from digitizer.archive.config import load_settings as load_archive

    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    # a hand-written extra target and another table survive a save from the GUI
    settings_path().write_text(
        '[archive.targets.backup]\nkind = "folder"\npath = "/mnt/backup"\n[scan.profiles.x]\ndpi = 300\n',
        encoding="utf-8",
    )
    save_settings(
        Settings(archive_folder="/srv/luu-tru", s3_endpoint="http://127.0.0.1:9", s3_bucket="b")
    )
    arch = load_archive(settings_path())
    assert arch.get("local").path == "/srv/luu-tru"
    assert arch.get("s3").bucket == "b" and arch.get("s3").access_key_env == "ARCHIVE_S3_ACCESS_KEY"
    assert arch.get("backup").path == "/mnt/backup"
    assert arch.default_targets[:2] == ("local", "s3")
    text = settings_path().read_text(encoding="utf-8")
    assert "[scan.profiles.x]" in text and "secret_key =" not in text
    assert load_settings().archive_folder == "/srv/luu-tru"


def test_upgrade_from_v1_keeps_backup(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    old = 'version = 1\nlanguage = "en"\narchive_dir = "/srv/archive"\n'
    settings_path().write_text(old, encoding="utf-8")
    s = load_settings()
    assert s.language == "en" and s.archive_folder == "/srv/archive"
    assert (cfg / "settings.toml.v1.bak").read_text(encoding="utf-8") == old
    raw = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    assert raw["ui"]["version"] == SETTINGS_VERSION
    assert raw["archive"]["targets"]["local"] == {"kind": "folder", "path": "/srv/archive"}


def test_upgrade_from_v2_drops_stored_secrets(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    settings_path().write_text(
        'version = 2\n[settings]\nocr_jobs = 2\narchive_kind = "s3"\ns3_endpoint = "http://x"\n'
        's3_bucket = "b"\ns3_secret_key = "hunter2"\n',
        encoding="utf-8",
    )
    s = load_settings()
    assert s.ocr_jobs == 2 and s.s3_bucket == "b"
    assert "hunter2" not in settings_path().read_text(encoding="utf-8")
    assert "hunter2" in (cfg / "settings.toml.v2.bak").read_text(encoding="utf-8")


def test_broken_file_falls_back_to_defaults_and_is_kept(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    settings_path().write_text("this is = = not toml", encoding="utf-8")
    assert load_settings() == Settings()
    assert (cfg / "settings.toml.broken").exists()


def test_wrong_types_are_ignored(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    settings_path().write_text(
        f'[ui]\nversion = {SETTINGS_VERSION}\nocr_jobs = "many"\nlanguage = "en"\nunknown = 1\n',
        encoding="utf-8",
    )
    s = load_settings()
    assert s.ocr_jobs == 0 and s.language == "en"


def test_first_run_has_the_archive_on_this_computer(env_dirs):
    """Factory settings write a folder target under the data dir (issue 12: the first run had
    no archive at all, so the first signed documents were never archived)."""
    from digitizer.archive.config import load_settings as load_archive
    from digitizer.ui.settings import builtin_archive_dir

    _cfg, data = env_dirs
    save_settings(Settings())
    arch = load_archive(settings_path())
    assert arch.default_targets == ("builtin",)
    assert arch.get("builtin").path == str(builtin_archive_dir()) == str(data / "archive")
    off = save_settings(Settings(builtin_archive=False, archive_folder="/srv/x"))
    assert load_archive(off).default_targets == ("local",)
    assert load_settings().builtin_archive is False


def test_upgrade_from_v3_turns_on_this_computers_archive_only_without_one(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    softhsm = "/usr/lib/softhsm/libsofthsm2.so"
    settings_path().write_text(
        f'[ui]\nversion = 3\npkcs11_module = "{softhsm}"\n[archive]\ndefault_targets = []\n',
        encoding="utf-8",
    )
    s = load_settings()
    assert s.builtin_archive is True and s.pkcs11_module == ""  # the test library is dropped
    assert (cfg / "settings.toml.v3.bak").exists()
    raw = tomllib.loads(settings_path().read_text(encoding="utf-8"))
    assert raw["ui"]["version"] == SETTINGS_VERSION == 4
    assert "builtin" in raw["archive"]["targets"]

    settings_path().write_text(
        f'[ui]\nversion = 3\ncert_source = "pkcs11"\npkcs11_module = "{softhsm}"\n'
        '[archive]\ndefault_targets = ["local"]\n'
        '[archive.targets.local]\nkind = "folder"\npath = "/srv/share"\n',
        encoding="utf-8",
    )
    s = load_settings()
    assert s.builtin_archive is False and s.archive_folder == "/srv/share"
    assert s.pkcs11_module == softhsm  # chosen on purpose by a token user: kept
