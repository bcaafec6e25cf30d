"""Try the built folder: the commands an office uses, and the desktop program for a while.

    python packaging/smoke.py [dist/hrdesk]

Runs in a temporary data folder (HRDESK_DATA_DIR), so the user's own data is not touched:
demo-db, plan draft, report plan (PDF in Kyrgyz, checked for embedded fonts and Kyrgyz letters
when pdffonts/pdftotext are installed), then `hrdesk --demo` offscreen for 15 s, which must
still be running then, with nothing logged at ERROR. A developer tool, in English.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
GUI_SECONDS = 15
YEAR = str(dt.date.today().year + 1)  # the demo office's assessment cycle (hrdesk.demo)


def _run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=300)
    print("$", " ".join(command[1:]), "->", result.returncode)
    if result.returncode != 0 or "Traceback" in result.stderr:
        raise SystemExit(f"failed: {command}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _check_pdf(pdf: Path) -> None:
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        header, _rule, *rows = fonts.splitlines()
        emb = header.index(" emb ") + 1  # the columns are fixed-width
        if not rows or any(row[emb:emb + 3] != "yes" for row in rows):
            raise SystemExit(f"{pdf}: fonts not embedded:\n{fonts}")
        print("  fonts embedded:", ", ".join(row.split()[0] for row in rows))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              encoding="utf-8").stdout
        if not any(letter in text for letter in "ңөүҢӨҮ"):
            raise SystemExit(f"{pdf}: no Kyrgyz letters in the text")
        print("  Kyrgyz text:", text.split("\n")[1][:60])


def _check_gui(program: Path, env: dict[str, str], data: Path) -> None:
    gui_env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([str(program), "--demo"], env=gui_env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        process.wait(GUI_SECONDS)
        output = process.stdout.read().decode(errors="replace") if process.stdout else ""
        raise SystemExit(f"the desktop program stopped ({process.returncode}):\n{output}")
    except subprocess.TimeoutExpired:
        process.terminate()
        process.wait(30)
    log = (data / "logs" / "hrdesk.log").read_text(encoding="utf-8")
    if " ERROR " in log or "Traceback" in log:
        raise SystemExit(f"the desktop program logged an error:\n{log}")
    print(f"$ --demo (offscreen) still running after {GUI_SECONDS} s, no error logged")


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "dist" / "hrdesk"
    gui = folder / ("hrdesk.exe" if WINDOWS else "hrdesk")
    cli = folder / ("hrdesk-cli.exe" if WINDOWS else "hrdesk")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "HRDESK_DATA_DIR": str(work / "data")}
        database = work / "demo.sqlite3"
        pdf = work / "plan.pdf"
        _run([str(cli), "demo-db", str(database), "--staff", "50"], env)
        _run([str(cli), "plan", "draft", "--db", str(database), "--year", YEAR], env)
        _run([str(cli), "--lang", "ky", "report", "plan", "--db", str(database),
              "--year", YEAR, "--out", str(pdf)], env)
        _check_pdf(pdf)
        _run([str(cli), "report", "plan", "--db", str(database), "--year", YEAR,
              "--out", str(work / "plan.xlsx")], env)
        _check_gui(gui, env, work / "data")
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
