"""Production settings (`make publish`, `make github`, the Pages workflow).

Absolute URLs under the site's real address: NEWSARCHIVE_SITEURL if set (the Pages workflow
sets it), else https://NEWSARCHIVE_CNAME for a custom domain, else the address GitHub Pages
gives this repository's `origin` remote (https://user.github.io/repo).
"""

import os
import sys
from pathlib import Path

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from newsarchive.site_address import site_url  # noqa: E402
from pelicanconf import *  # noqa: E402,F403

SITEURL = site_url(Path(__file__).resolve().parent)
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
# Written into output/CNAME for a custom domain (GitHub Pages reads it).
CNAME = os.environ.get("NEWSARCHIVE_CNAME", "").strip()
