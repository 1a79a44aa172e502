"""Links between archived articles stay in the archive (plugins/archive_links): real builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import article_html, build_site, new_archive, our_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.page_address import address_key, page_host

LINKING = """Title: Talks resume in Lindhaven
Date: 2021-03-02 09:00
Original_Url: https://wire.example/2021/03/talks-resume
Source: Lindhaven Wire

The talks resumed after [last month's walkout](http://www.Wire.example/2021/02/walkout/#reaction),
a year after [the first round](https://wire.example/2020/first-round?page=2), and the
[harbour strike](https://m.wire.example/2019/harbour-strike?utm_source=feed) of 2019.
The [walkout's report](https://wire.example/2021/02/walkout "Delegates walk out") is brief.
A [broken link](http:///no-host) is no archived address.
"""

WALKOUT = """Title: Delegates walk out
Date: 2021-02-10 18:00
Original_Url: https://wire.example/2021/02/walkout

The delegates left the hall.
"""

STRIKE = """Title: Harbour strike ends
Date: 2019-06-01 08:00
Original_Url: https://harbour.example/strike-ends
Copies: https://wire.example/2019/harbour-strike; http://[wire.example/typo; http:///no-host

The strike ended.
"""


def write(root: Path, name: str, text: str) -> None:
    year = text.split("Date: ")[1][:4]
    folder = root / "content" / "articles" / year
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


def body_links(output: Path) -> list[str]:
    """The links of the linking article's text, as its page writes them."""
    page = article_html(output, "Talks resume in Lindhaven")
    body = page.split('<div class="body">')[1].split("</div>")[0]
    return [tag.split(">")[0] + ">" for tag in body.split("<a ")[1:]]


def test_a_link_to_an_archived_articles_address_leads_to_its_page_here(tmp_path):
    root = new_archive(tmp_path / "site")
    for name, text in (("talks", LINKING), ("walkout", WALKOUT), ("strike", STRIKE)):
        write(root, name, text)
    links = body_links(build_site(root))
    assert links == [
        # another scheme, "www.", the host's capitals and a trailing slash aside; the
        # fragment kept
        'href="../../2021/delegates-walk-out/#reaction">',
        # not an archived address (its query makes it another page)
        'href="https://wire.example/2020/first-round?page=2" rel="noopener noreferrer nofollow">',
        # the address of a copy of an archived article, as a newsletter's mobile link gives it
        'href="../../2019/harbour-strike-ends/">',
        # a link with a title (a scraped page's <a title>, as its Markdown keeps it) too
        'href="../../2021/delegates-walk-out/" title="Delegates walk out">',
        # (nor are addresses typed wrong in Copies, which stop no build)
        'href="http:///no-host" rel="noopener noreferrer nofollow">',
    ]
    source = (root / "content" / "articles" / "2021" / "talks.md").read_text(encoding="utf-8")
    assert source == LINKING  # (the Markdown keeps the original addresses)


def with_whole_feeds(root: Path) -> Path:
    """Settings whose feeds carry each article's whole text, as a site may choose."""
    return our_settings(root / "settings.py", "FEED_SUMMARY_ONLY = RSS_FEED_SUMMARY_ONLY = False\n")


def test_a_rebuild_links_articles_that_came_and_unlinks_those_that_went(tmp_path):
    root = new_archive(tmp_path / "site")
    settings = with_whole_feeds(root)
    write(root, "talks", LINKING)
    assert all("rel=" in link for link in body_links(build_site(root, settings)))
    write(root, "walkout", WALKOUT)  # (the linked article arrives later)
    rebuilt = build_site(root, settings)
    clean = new_archive(tmp_path / "clean")
    shutil.copytree(root / "content" / "articles", clean / "content" / "articles")
    clean_output = build_site(clean, with_whole_feeds(clean))
    assert body_links(rebuilt) == body_links(clean_output)
    assert body_links(rebuilt)[0] == 'href="../../2021/delegates-walk-out/#reaction">'
    # (the source's feed holds the linking article alone: nothing else of it changed)
    for feed in ("feeds/all.atom.xml", "sources/lindhaven-wire/atom.xml"):
        assert (rebuilt / feed).read_text() == (clean_output / feed).read_text(), feed
    (root / "content" / "articles" / "2021" / "walkout.md").unlink()
    assert body_links(build_site(root, settings))[0].startswith('href="http://www.Wire.example/')


_PART = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["http", "https", "HTTPS"]), _PART, _PART, _PART)
def test_a_links_host_read_at_a_glance_is_the_one_its_address_key_starts_with(scheme, host, path, query):  # fmt: skip
    """The plugin looks at a link's host alone (page_host) before reading its address whole
    (address_key): it must never pass over a link whose key is an archived one's."""
    url = f"{scheme}://{host}/{path}?{query}"
    if key := address_key(url):
        assert re.split(r"[/?]", key, maxsplit=1)[0] == page_host(url)
