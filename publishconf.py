"""Production settings (`make publish`, `make github`, the Pages workflow).

The site's real address: NEWSARCHIVE_SITEURL if set (the Pages workflow sets it), else
https://NEWSARCHIVE_CNAME for a custom domain, else the address GitHub Pages gives this
repository's `origin` remote (https://user.github.io/repo). Feeds, the sitemap, canonical
links and the 404 page use it; links between pages stay relative, as in a local build: the
address written into each of the ~65 links per article (tags, lists, entity pages) cost ~1.9
KB per article at 20,000, and put a 50,000-article archive at 1,107 MB, over GitHub Pages' 1
GB (see docs/performance.md, "Where the bytes went").
"""

import os
import sys
from pathlib import Path

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from newsarchive.site_address import site_url  # noqa: E402
from pelicanconf import *  # noqa: E402,F403

SITEURL = site_url(Path(__file__).resolve().parent)
RELATIVE_URLS = True
SITE_ADDRESS = SITEURL
FEED_DOMAIN = SITEURL
# A draft is previewed in a local build only: written under drafts/ here, it would be on the
# public site, at an address anyone could guess from its title.
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
# Written into output/CNAME for a custom domain (GitHub Pages reads it).
CNAME = os.environ.get("NEWSARCHIVE_CNAME", "").strip()
