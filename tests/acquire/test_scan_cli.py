"""``digitizer scan`` end to end through the CLI dispatcher (real SANE test device)."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from digitizer.cli import main


def test_list_shows_devices_and_their_options(capsys):
    assert main(["scan", "--list"]) == 0
    out = capsys.readouterr().out
    assert "test:0\tNoname frontend-tester (virtual device) [sane]" in out
    assert "sources: flatbed, adf" in out and "max area: 200x200 mm" in out


def test_list_without_scanner_exits_51(empty_sane_config_dir, monkeypatch, capsys):
    monkeypatch.setenv("SANE_CONFIG_DIR", str(empty_sane_config_dir))
    assert main(["scan", "--list"]) == 51
    assert "no scanner found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [
        ("SANE_STATUS_JAMMED", 53, "paper jam"),
        ("SANE_STATUS_COVER_OPEN", 54, "cover of scanner test:0 is open"),
        ("SANE_STATUS_NO_DOCS", 55, "feeder of test:0 is empty"),
        ("SANE_STATUS_IO_ERROR", 56, "I/O error"),
        ("SANE_STATUS_DEVICE_BUSY", 52, "busy"),
    ],
)
def test_device_faults_have_exit_codes_and_messages(tmp_path, capsys, status, code, words):
    out = tmp_path / "x.pdf"
    rc = main(
        [
            "scan",
            "--device",
            "test:0",
            "--batch",
            "-q",
            "--device-option",
            f"read-return-value={status}",
            "-o",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert rc == code, err
    assert words in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--device", "test:9"], 51, "not found"),
        (["--resolution", "150"], 2, "below 200 dpi"),
        (["--source", "adf-duplex", "--batch"], 2, "no adf-duplex source"),
        (["--device-option", "colour"], 2, "NAME=VALUE"),
        (["--profile", "không có"], 2, "no scan profile"),
    ],
)
def test_usage_and_device_errors(tmp_path, capsys, args, code, words):
    rc = main(["scan", *args, "-o", str(tmp_path / "x.pdf")])
    assert rc == code
    assert words in capsys.readouterr().err


def test_missing_output_folder_fails_before_scanning(tmp_path, capsys):
    rc = main(["scan", "-o", str(tmp_path / "nope" / "x.pdf")])
    assert rc == 8 and "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_flatbed_scan_to_searchable_pdf_with_saved_profile(tmp_path, capsys):
    name = "Kết quả xám 200 dpi (thử)"
    assert (
        main(
            [
                "scan",
                "--save-profile",
                name,
                "--mode",
                "gray",
                "--resolution",
                "200",
                "--device",
                "test:0",
                "--device-option",
                "test-picture=Grid",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["scan", "--list-profiles"]) == 0
    assert name in capsys.readouterr().out
    out = tmp_path / "ket-qua.pdf"
    assert main(["scan", "--profile", name, "--sidecar", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "page 1 scanned" in err and f"wrote {out}: 1 page(s)" in err
    assert "200 dpi gray (single page)" in err
    assert len(PdfReader(out).pages) == 1
    side = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert side["pages"][0]["dpi"] == 200 and side["pages"][0]["source"] == "scan:test:0#1"


def test_print_separator_sheet(tmp_path, capsys):
    from pdf2image import convert_from_path

    from digitizer.acquire.separators import SeparatorDetector

    sheet = tmp_path / "sep.pdf"
    assert main(["scan", "--print-separator", str(sheet)]) == 0
    (img,) = convert_from_path(sheet, dpi=150)
    assert SeparatorDetector().is_separator(img)


def test_list_without_libsane_exits_6(tmp_path, monkeypatch, capsys):
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "_sane.py").write_text("raise ImportError('libsane.so.1: not found')\n")
    monkeypatch.setenv("PYTHONPATH", str(shadow))
    assert main(["scan", "--list"]) == 6
    assert "python-sane is not usable" in capsys.readouterr().err


@pytest.mark.slow
def test_feeder_batch_from_the_cli(tmp_path, capsys):
    out = tmp_path / "ho-so.pdf"
    rc = main(
        [
            "scan",
            "--batch",
            "--max-pages",
            "2",
            "--resolution",
            "200",
            "--mode",
            "gray",
            "--device-option",
            "test-picture=Grid",
            "-o",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "from test:0 at 200 dpi gray (page limit reached)" in err
    assert len(PdfReader(out).pages) == 2
