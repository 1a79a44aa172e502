"""Production settings: absolute URLs under the site's real address, feeds on.

SITEURL comes from the environment (NEWSARCHIVE_SITEURL), e.g. https://user.github.io/repo
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("NEWSARCHIVE_SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
