from __future__ import annotations

import tomllib

from digitizer.ui.settings import SETTINGS_VERSION, Settings, load_settings, save_settings, settings_path


def test_defaults_when_missing(env_dirs):
    s = load_settings()
    assert s == Settings()
    assert s.language == "vi"


def test_round_trip_in_platform_config_dir(env_dirs):
    cfg, _ = env_dirs
    s = Settings(language="en", ocr_jobs=2, tsa_url="http://127.0.0.1:9/tsa", trust_roots=("a.pem",))
    path = save_settings(s)
    assert path == cfg / "settings.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == SETTINGS_VERSION
    assert load_settings() == s


def test_upgrade_from_v1_keeps_backup(env_dirs):
    cfg, _ = env_dirs
    cfg.mkdir(parents=True)
    old = 'version = 1\nlanguage = "en"\narchive_dir = "/srv/archive"\n'
    settings_path().write_text(old, encoding="utf-8")
    s = load_settings()
    assert s.language == "en" and s.archive_folder == "/srv/archive"
    assert (cfg / "settings.toml.v1.bak").read_text(encoding="utf-8") == old
    assert tomllib.loads(settings_path().read_text(encoding="utf-8"))["version"] == SETTINGS_VERSION


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
        f'version = {SETTINGS_VERSION}\n[settings]\nocr_jobs = "many"\nlanguage = "en"\nunknown = 1\n',
        encoding="utf-8",
    )
    s = load_settings()
    assert s.ocr_jobs == 0 and s.language == "en"
