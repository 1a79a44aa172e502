"""Hostile input, crashes and re-runs, measured: prints the figures of README's robustness note.

1. Hostile corpus (benchmarks/hostile.py, generated): imported, built into a site with the real
   Pelican, every output HTML file and feed parsed and checked for executable content from
   articles; then every article page loaded in headless Chromium, watching for alert(),
   console markers, the marker global and blocked inline script.
2. Fuzzing (Hypothesis): random bytes, random HTML, random JSON records and sidecars through
   extract_file and run_import: no exception but ExtractionError, no partial file.
3. Kill and resume: `newsarchive import` on a generated corpus, SIGKILLed at random times and run
   again until done; content/ and raw/ compared byte for byte with an uninterrupted run, every
   file checked whole, no temporary file left; then a re-import must change nothing.

    python benchmarks/robustness.py [--cases 10000] [--pages 2000] [--kills 20] [--only NAME]

Every figure but the counts of what was tried should be zero.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

from lxml import html as lxml_html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import hostile  # noqa: E402

from newsarchive.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, EXTERNAL_REL  # noqa: E402
from newsarchive.store import fingerprint, read_article, temp_files  # noqa: E402

BIN = Path(sys.executable).parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]  # fmt: skip

# --- 1. the hostile corpus, built -------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster",
                   "background", "xlink:href", "{http://www.w3.org/1999/xlink}href", "codebase",
                   "cite", "longdesc", "ping", "manifest", "dynsrc", "lowsrc"}  # fmt: skip
_NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
          "math", "template", "isindex", "portal", "noscript", "xmp", "textarea", "select",
          "marquee", "audio", "video", "source", "param"}  # fmt: skip
_OUR_FORMS = {"search-form"}


def _our_form(form) -> bool:
    """The site's own forms: the search page's (by its class) and the site header's search
    box (by its place, body > header: an article's HTML is inside <main>, never there)."""
    if form is None:
        return False
    header = form.getparent()
    page = header.getparent() if header is not None else None
    in_header = header is not None and header.tag == "header" and page is not None and page.tag == "body"  # fmt: skip
    return form.get("class") in _OUR_FORMS or in_header


def _scheme(value: str) -> str:
    cleaned = "".join(c for c in value if c > " " and c != "\x7f").lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _dangerous(tag: str, element, value: str) -> bool:
    """A script-capable URL; the theme's empty icon (`data:,`) is the one data: URL allowed."""
    if _scheme(value) not in ("javascript", "vbscript", "data"):
        return False
    return not (tag == "link" and element.get("rel") == "icon" and value == "data:,")


def html_problems(text: str, where: str, whole_page: bool = True) -> list[str]:
    """Executable or foreign content in one HTML document or fragment, one line each."""
    problems = []
    try:
        tree = (lxml_html.document_fromstring if whole_page else lxml_html.fragment_fromstring)(
            text, **({} if whole_page else {"create_parent": "div"})
        )
    except (ValueError, lxml_html.etree.ParserError):
        return []
    body = tree.find_class("body") if whole_page else [tree]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag == "script":
            src = element.get("src", "")
            ours = src.endswith("theme/js/search.js") and not src.startswith(("http", "//"))
            if element.text and element.text.strip() or not ours:
                problems.append(f"{where}: <script> {src or 'inline'}")
        elif tag == "noscript" and whole_page and element.getparent().get("id") == "search":
            pass  # the search page's own note for readers without JavaScript
        elif tag in _NEVER and not (tag == "select" and whole_page):
            problems.append(f"{where}: <{tag}>")
        elif tag == "meta" and element.get("http-equiv"):
            if element.get("http-equiv").lower() != "content-security-policy" or not whole_page:
                problems.append(f"{where}: <meta http-equiv={element.get('http-equiv')}>")
        elif tag in ("form", "input", "button", "label", "select") and whole_page:
            form = element if tag == "form" else next(element.iterancestors("form"), None)
            ours = _our_form(form)
            if not ours and element.get("id") != "search-more":
                problems.append(f"{where}: <{tag}> outside the site's own forms")
        elif tag in ("form", "input", "button"):
            problems.append(f"{where}: <{tag}>")
        elif tag == "link" and element.get("rel") not in (
            "stylesheet", "icon", "alternate", "canonical"
        ):  # fmt: skip
            problems.append(f"{where}: <link rel={element.get('rel')}>")
        for name, value in element.attrib.items():
            lower = name.lower()
            if lower.startswith("on"):
                problems.append(f"{where}: {tag} {name}= handler")
            elif lower in _URL_ATTRIBUTES and _dangerous(tag, element, value):
                problems.append(f"{where}: {tag} {name}={value[:40]!r}")
    for part in body:
        for element in part.iterdescendants():
            if not isinstance(element.tag, str):
                continue
            allowed = ALLOWED_ATTRIBUTES.get(element.tag, set()) | (
                {"rel", "class"} if element.tag == "a" else set()
            )
            if element.tag not in ALLOWED_TAGS or set(element.attrib) - allowed:
                problems.append(
                    f"{where}: <{element.tag} {' '.join(element.attrib)}> in an article"
                )
            if element.get("style") is not None:
                problems.append(f"{where}: style attribute in an article")
            if element.tag in ("svg", "img") and element.get("src", "").startswith(("http", "//")):
                problems.append(f"{where}: image hot-linked from {element.get('src')[:40]}")
            external = element.get("href", "").startswith(("http", "//"))
            if element.tag == "a" and external and element.get("rel") != EXTERNAL_REL:
                problems.append(f"{where}: external link without rel")
    if whole_page and "Content-Security-Policy" not in text:
        problems.append(f"{where}: no Content-Security-Policy")
    return problems


def site_problems(output: Path) -> tuple[int, list[str]]:
    """(files checked, problems) over every HTML page and every feed of a built site."""
    checked, problems = 0, []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.startswith(("pagefind/", "theme/")):
            continue
        checked += 1
        problems += html_problems(path.read_text(encoding="utf-8"), relative)
    for path in sorted(output.rglob("*.xml")):
        checked += 1
        relative = path.relative_to(output).as_posix()
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError as err:
            problems.append(f"{relative}: unparseable feed ({err})")
            continue
        for element in root.iter():
            if element.tag.endswith(("summary", "content", "description")) and element.text:
                problems += html_problems(element.text, relative, whole_page=False)
    return checked, problems


def import_and_build(corpus: Path, root: Path, tag: bool = False) -> tuple[Path, dict, str]:
    """`newsarchive import` then the real Pelican build; (output, report, import stderr)."""
    shutil.copytree(REPO / "content" / "pages", root / "content" / "pages", dirs_exist_ok=True)
    args = [str(BIN / "newsarchive"), "import", str(corpus), "--root", str(root), "--jobs", "2"]
    result = subprocess.run(args + ([] if tag else ["--no-tag"]), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"import failed: {result.stderr[-2000:]}")
    report = json.loads((root / "reports" / "import-report.json").read_text(encoding="utf-8"))
    output = root / "output"
    # every article in every feed, so the feeds are checked for all of them
    settings = root.parent / f"{root.name}_pelicanconf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nfrom pelicanconf import *  # noqa\n"
        "FEED_MAX_ITEMS = 100_000\n",
        encoding="utf-8",
    )
    build = subprocess.run(
        [str(BIN / "pelican"), str(root / "content"), "-o", str(output), "-s", str(settings)],
        capture_output=True, text=True, cwd=root,
    )  # fmt: skip
    if build.returncode != 0:
        raise RuntimeError(f"pelican failed: {build.stdout[-2000:]}{build.stderr[-2000:]}")
    return output, report, result.stderr


def article_pages(output: Path) -> list[str]:
    """Site-relative URLs of every article page (the pages Pagefind indexes)."""
    return sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("index.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    )


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def script_runs(base: str, urls: list[str], browser=None) -> dict:
    """Load each page in headless Chromium (a Playwright browser, or one launched here);
    count what shows that a script ran, or was blocked by the CSP."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                return script_runs(base, urls, launched)
            finally:
                launched.close()
    seen = {"pages": 0, "executions": 0, "csp_blocked": 0, "errors": 0, "where": []}
    marker = hostile.MARKER
    context = browser.new_context()
    page = context.new_page()
    current = {"url": ""}

    def ran(what: str) -> None:
        seen["executions"] += 1
        seen["where"].append(f"{current['url']}: {what}")

    def on_console(msg) -> None:
        if marker in msg.text:
            ran(f"console {msg.text[:60]}")
        elif "Content Security Policy" in msg.text:
            seen["csp_blocked"] += 1
            seen["where"].append(f"{current['url']}: CSP blocked {msg.text[:80]}")
        elif msg.type == "error":
            seen["errors"] += 1

    page.on("dialog", lambda dialog: (ran(f"dialog {dialog.message}"), dialog.dismiss()))
    page.on("console", on_console)
    page.on("pageerror", lambda error: ran(f"page error {str(error)[:60]}"))
    for url in urls:
        current["url"] = url
        page.goto(f"{base}/{url}", wait_until="load")
        page.wait_for_timeout(30)
        if page.evaluate(f"() => typeof window.{marker} !== 'undefined'"):
            ran("marker global set")
        seen["pages"] += 1
    context.close()
    return seen


def hostile_benchmark(workdir: Path, tag: bool = False, browser: bool = True) -> dict:
    corpus = workdir / "corpus"
    files = hostile.write_corpus(corpus)
    pages = [p for p in files if not p.name.endswith(".meta.yml")]
    output, report, stderr = import_and_build(corpus, workdir / "archive", tag=tag)
    checked, problems = site_problems(output)
    failed = [r for r in report["inputs"] if r["status"] == "failed"]
    records = (corpus / "records" / "hostile.jsonl").read_text(encoding="utf-8").splitlines()
    bad_lines = [r["input"] for r in failed if not r["reason"] or "\n" in r["reason"]] + [
        line for line in stderr.splitlines() if line.startswith("Traceback")
    ]
    figures = {
        "hostile_inputs": len(pages) - 1 + len(records),
        "imported": report["counts"]["imported"],
        "failed_with_reason": len(failed),
        "unexpected_failures": sum(r["reason"].startswith("unexpected ") for r in failed),
        "bad_failure_lines": len(bad_lines),
        "output_files_checked": checked,
        "leaks": len(problems),
        "leak_lines": problems[:20],
    }
    if browser and CHROMIUM.exists():
        control = workdir / "control"
        control.mkdir()
        (control / "index.html").write_text(hostile.control_page(), encoding="utf-8")
        httpd, base = serve(workdir)
        try:
            runs = script_runs(f"{base}/archive/output", article_pages(output))
            control_runs = script_runs(base, ["control/index.html"])
        finally:
            httpd.shutdown()
        figures.update(
            browser_pages=runs["pages"],
            browser_script_executions=runs["executions"],
            browser_csp_blocked=runs["csp_blocked"],
            browser_where=runs["where"][:20],
            control_executions=control_runs["executions"],
        )
    return figures


# --- 2. fuzzing ---------------------------------------------------------------------------------


def fuzz_benchmark(cases: int, workdir: Path) -> dict:
    sys.path.insert(0, str(REPO / "tests"))
    from fuzz_importer import run_fuzz

    return run_fuzz(cases, workdir)


# --- 3. kill and resume -------------------------------------------------------------------------


def plain_corpus(folder: Path, pages: int, seed: int = 20) -> None:
    """Ordinary article pages, with shared titles (slug suffixes) and exact and near copies,
    so the order of storing matters the way it does in real archives."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    bodies: list[list[str]] = []
    for n in range(pages):
        if n % 50 == 7 and bodies:
            body = list(rng.choice(bodies))  # an exact copy of an earlier page
        elif n % 50 == 19 and bodies:
            body = [*rng.choice(bodies)[:-1], hostile.words(rng, 40)]  # a near copy
        else:
            body = hostile.paragraphs(rng, rng.randint(3, 8))
        bodies.append(body)
        title = f"Council report {n % 97}" if n % 5 == 0 else f"Story {n} {hostile.words(rng, 4)}"
        url = f"https://plain.example/{n}" if n % 4 else ""
        html = hostile.page(title, body, url=url)
        (folder / f"page-{n:05d}.html").write_text(html, encoding="utf-8")


def _whole_raw(path: Path) -> bool:
    return hashlib.sha256(path.read_bytes()).hexdigest() == path.name.split(".")[0]


def tree_bytes(root: Path) -> dict[str, bytes]:
    files = {}
    for name in ("content", "raw"):
        for path in sorted((root / name).rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def corrupt_files(root: Path) -> list[str]:
    """Article files that are not whole (their fingerprint fails) and raw files whose bytes
    do not match their SHA-256 name."""
    bad = []
    for path in (root / "content" / "articles").rglob("*.md"):
        try:
            fields, body = read_article(path)
        except (UnicodeDecodeError, OSError) as err:
            bad.append(f"{path}: {err}")
            continue
        if not fields.get("Id") or fingerprint(fields, body) != fields.get("Written"):
            bad.append(f"{path}: incomplete")
    for path in (root / "raw").rglob("*"):
        if path.is_file() and not path.name.startswith(".") and not _whole_raw(path):
            bad.append(f"{path}: raw bytes do not match their name")
    return bad


def _articles(root: Path) -> int:
    folder = root / "content" / "articles"
    if not folder.is_dir():
        return 0
    return sum(
        1 for year in os.scandir(folder) if year.is_dir()
        for entry in os.scandir(year.path) if entry.name.endswith(".md")
    )  # fmt: skip


def _import_command(corpus: Path, root: Path) -> list[str]:
    return [str(BIN / "newsarchive"), "import", str(corpus), "--root", str(root), "--no-tag",
            "--jobs", "2"]  # fmt: skip


def kill_benchmark(pages: int, kills: int, workdir: Path, seed: int = 8) -> dict:
    rng = random.Random(seed)
    corpus = workdir / "plain"
    plain_corpus(corpus, pages)
    clean = workdir / "clean"
    started = time.time()
    subprocess.run(_import_command(corpus, clean), check=True, capture_output=True)
    clean_seconds = time.time() - started
    expected = tree_bytes(clean)

    killed = workdir / "killed"
    total = sum(1 for name in expected if name.endswith(".md"))
    # Most kills land while articles are being written: at a random article count (then a
    # random few milliseconds more); the rest at a random moment of start-up and extraction.
    done_kills, corrupt, leftovers, runs = 0, [], 0, 0
    for left in range(kills, 0, -1):
        current = _articles(killed)
        step = max(1, (total - current) // (left + 1))
        target = current + rng.randint(1, 2 * step)
        process = subprocess.Popen(
            _import_command(corpus, killed), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        runs += 1
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0.1, 3.0))
        else:
            while process.poll() is None and _articles(killed) < target:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.05))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            done_kills += 1
        corrupt += corrupt_files(killed)
        leftovers += len(temp_files(killed / "content")) + len(temp_files(killed / "raw"))
    final = subprocess.run(_import_command(corpus, killed), capture_output=True)
    runs += 1
    got = tree_bytes(killed)
    mismatches = sorted(
        name for name in expected.keys() | got.keys() if expected.get(name) != got.get(name)
    )
    # a second import of the same inputs changes nothing
    subprocess.run(_import_command(corpus, clean), check=True, capture_output=True)
    reimport_changes = sum(1 for k, v in tree_bytes(clean).items() if expected.get(k) != v)
    return {
        "pages": pages,
        "clean_run_seconds": round(clean_seconds, 1),
        "kills": done_kills,
        "runs": runs,
        "final_exit_code": final.returncode,
        "corrupt_files_after_kills": len(corrupt),
        "temp_files_left_by_kills": leftovers,
        "temp_files_at_end": len(temp_files(killed / "content")) + len(temp_files(killed / "raw")),
        "files": len(expected),
        "mismatches_with_clean_run": len(mismatches),
        "mismatch_names": mismatches[:10],
        "reimport_changes": reimport_changes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="fuzz cases")
    parser.add_argument("--pages", type=int, default=2_000, help="pages in the kill corpus")
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs during the import")
    parser.add_argument("--tag", action="store_true", help="tag the hostile corpus (slower)")
    parser.add_argument("--only", choices=("hostile", "fuzz", "kill"), action="append")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    parts = args.only or ["hostile", "fuzz", "kill"]
    figures = {}
    with tempfile.TemporaryDirectory(prefix="robustness-") as tmp:
        work = Path(tmp)
        if "hostile" in parts:
            (work / "h").mkdir()
            figures["hostile"] = hostile_benchmark(work / "h", tag=args.tag)
            print(json.dumps({"hostile": figures["hostile"]}, indent=2), flush=True)
        if "fuzz" in parts:
            (work / "f").mkdir()
            figures["fuzz"] = fuzz_benchmark(args.cases, work / "f")
            print(json.dumps({"fuzz": figures["fuzz"]}, indent=2), flush=True)
        if "kill" in parts:
            (work / "k").mkdir()
            figures["kill"] = kill_benchmark(args.pages, args.kills, work / "k")
            print(json.dumps({"kill": figures["kill"]}, indent=2), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
