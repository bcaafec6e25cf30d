"""Build the one-folder desktop program: dist/hrdesk/ (see packaging/README.md).

    python packaging/build.py            # compile the catalogs, run PyInstaller, check the folder
    python packaging/build.py --no-clean # reuse PyInstaller's cache in build/ (faster rebuilds)

Run it with the Python of the environment hrdesk is installed in, plus PyInstaller
(`pip install -e .[package]`). A developer tool: its output is for the developer, in English.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "hrdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP = DIST / "hrdesk"
INTERNAL = APP / "_internal"
LANGUAGES = ("ky", "ru", "en")
DOMAIN = "hrdesk"

# What the built folder must hold, relative to _internal/ (sys._MEIPASS).
REQUIRED = (
    "resources/reference.json",
    "resources/catalogue/default.json",
    "resources/fonts/DejaVuSans.ttf",
    "resources/fonts/LICENSE-DejaVu.txt",
    "resources/schemas/payload.schema.json",
    "resources/icon.svg",
    *(f"translations/{lang}/LC_MESSAGES/{DOMAIN}.{ext}" for lang in LANGUAGES
      for ext in ("po", "mo")),
)


def compile_catalogs() -> list[Path]:
    """Every translations/<lang>/LC_MESSAGES/hrdesk.po into its .mo (fuzzy entries left out,
    as hrdesk.i18n does at run time). Stops on a catalog babel cannot read."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for language in LANGUAGES:
        po = ROOT / "translations" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        with po.open("rb") as f:
            catalog = read_po(f, locale=language, abort_invalid=True)
        problems = [(message.id, errors) for message, errors in catalog.check() if errors]
        if problems:
            raise SystemExit(f"{po}: {len(problems)} broken entries, first: {problems[0]}")
        # Through a temporary file: a program running from this tree may be reading the .mo.
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        tmp.replace(mo)
        written.append(mo)
        print(f"compiled {mo.relative_to(ROOT)} ({len(catalog)} messages)")
    return written


ICON = ROOT / "packaging" / "generated" / "hrdesk.ico"  # not under build/: --clean empties it


def make_windows_icon() -> Path:
    """packaging/generated/hrdesk.ico from resources/icon.svg, one 256-pixel image that Windows
    scales for Explorer and the taskbar; the running program draws the SVG itself."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon, QImageWriter

    app = QGuiApplication.instance() or QGuiApplication(["build", "-platform", "offscreen"])
    icon = QIcon(str(ROOT / "resources" / "icon.svg"))
    ICON.parent.mkdir(exist_ok=True)
    target = ICON
    writer = QImageWriter(str(target), b"ico")
    image = icon.pixmap(QSize(256, 256)).toImage()
    if not writer.write(image):
        raise SystemExit(f"cannot write {target}: {writer.errorString()}")
    del app
    print(f"made {target.relative_to(ROOT)}")
    return target


def run_pyinstaller(clean: bool) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm",
               "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        command.insert(3, "--clean")
    subprocess.run(command, check=True, cwd=ROOT)


def settle_catalog_times() -> None:
    """A .mo older than its .po is compiled again at start-up (into memory when the program
    folder is read-only, each time). The copy into dist/ may not keep the times: make each
    .mo at least as new as its .po."""
    for language in LANGUAGES:
        folder = INTERNAL / "translations" / language / "LC_MESSAGES"
        po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
        newest = max(po.stat().st_mtime, mo.stat().st_mtime, time.time())
        os.utime(po, (newest - 1, newest - 1))
        os.utime(mo, (newest, newest))


def check_folder() -> None:
    missing = [name for name in REQUIRED if not (INTERNAL / name).is_file()]
    executables = [APP / "hrdesk.exe", APP / "hrdesk-cli.exe"] if sys.platform == "win32" \
        else [APP / "hrdesk"]
    missing += [str(path) for path in executables if not path.is_file()]
    # The window's icon is an SVG: Qt's SVG image plugin must have come along.
    # (PySide6/Qt/plugins/ on Linux, PySide6/plugins/ on Windows)
    if not any((INTERNAL / "PySide6").glob("**/imageformats/*qsvg*")):
        missing.append("PySide6/…/imageformats/qsvg")
    if missing:
        raise SystemExit("the built folder lacks: " + ", ".join(missing))


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build dist/hrdesk/ with PyInstaller.")
    parser.add_argument("--no-clean", action="store_true",
                        help="keep PyInstaller's cache from an earlier build")
    options = parser.parse_args(argv)
    compile_catalogs()
    make_windows_icon()
    run_pyinstaller(clean=not options.no_clean)
    settle_catalog_times()
    check_folder()
    files = sum(1 for p in APP.rglob("*") if p.is_file())
    print(f"built {APP}: {folder_size(APP) / 1e6:.0f} MB in {files} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
