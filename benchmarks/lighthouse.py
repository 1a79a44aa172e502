"""Lighthouse scores (performance, accessibility, best practices, SEO) for the built site.

Serves output/ on 127.0.0.1 and runs Google's Lighthouse (npm package, installed on first
use into .cache/lighthouse with the machine's npm) in Debian's chromium against four kinds of
page: the home page, an article, a person page and the search page. Prints a table; the
issue's target is >= 95 in every category.

    python benchmarks/lighthouse.py [--output DIR] [--keep-json DIR]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
CACHE = ROOT / ".cache" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --no-first-run --disable-quic --disable-sync")  # fmt: skip
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_binary() -> Path:
    """Lighthouse's CLI, installed with npm into .cache/ the first time."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--prefix",
                str(CACHE),
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def pages(output: Path) -> dict[str, str]:
    """One page of each kind, as paths under the site root."""
    article = next(
        p for p in sorted(output.glob("20*/*/index.html")) if not p.parent.name.isdigit()
    )
    person = next(p for p in sorted((output / "people").glob("*/index.html")))
    return {
        "home": "",
        "article": article.parent.relative_to(output).as_posix() + "/",
        "person": person.parent.relative_to(output).as_posix() + "/",
        "search": "search/?q=water",
    }


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(output: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(output))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def score(binary: Path, url: str, report: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(
        [str(binary), url, "--quiet", f"--chrome-flags={FLAGS}", "--output=json",
         f"--output-path={report}", f"--only-categories={','.join(CATEGORIES)}"],
        check=True, env=env, timeout=300,
    )  # fmt: skip
    data = json.loads(report.read_text())
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "output", help="the built site")
    parser.add_argument("--keep-json", type=Path, help="keep Lighthouse's JSON reports here")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists() or shutil.which("npm") is None:
        print("skipped: needs Debian's chromium and npm (apt-get install chromium npm)")
        return 0
    if not (args.output / "index.html").exists():
        print(f"skipped: {args.output} has no built site (run make site first)")
        return 0
    binary = lighthouse_binary()
    httpd, base = serve(args.output)
    reports = args.keep_json or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    print(f"{'page':10} " + " ".join(f"{c:>15}" for c in CATEGORIES))
    worst = 100
    try:
        for name, path in pages(args.output).items():
            result = score(binary, base + path, reports / f"{name}.json")
            worst = min(worst, *result.values())
            print(f"{name:10} " + " ".join(f"{result[c]:>15}" for c in CATEGORIES))
    finally:
        httpd.shutdown()
    print(f"lowest score: {worst} (target: 95 or more in every category)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
