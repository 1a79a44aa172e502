"""Where the published site lives: from NEWSARCHIVE_SITEURL, else from the git remote.

A GitHub repository `user/repo` publishes to https://user.github.io/repo, and `user/user.github.io`
to https://user.github.io; a custom domain (NEWSARCHIVE_CNAME) replaces both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_GITHUB = re.compile(r"github\.com[:/](?P<user>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?$")


def github_pages_url(remote: str) -> str | None:
    """The Pages address of a GitHub remote URL (https or ssh form), or None."""
    match = _GITHUB.search(remote.strip())
    if not match:
        return None
    user, repo = match.group("user"), match.group("repo")
    if repo.lower() == f"{user.lower()}.github.io":
        return f"https://{user.lower()}.github.io"
    return f"https://{user.lower()}.github.io/{repo}"


def git_remote(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def site_url(root: Path) -> str:
    """The published site's address, without a trailing slash ('' if it cannot be known)."""
    if os.environ.get("NEWSARCHIVE_SITEURL"):
        return os.environ["NEWSARCHIVE_SITEURL"].rstrip("/")
    if os.environ.get("NEWSARCHIVE_CNAME"):
        return f"https://{os.environ['NEWSARCHIVE_CNAME'].strip().rstrip('/')}"
    return github_pages_url(git_remote(root)) or ""


def given_address_problem() -> str:
    """Why the address set by hand cannot be the site's ('' if it can, or none is set).
    Written into every feed, canonical link and the 404 page, "user.github.io/repo" (no
    scheme) was a path under each page: feeds of relative links, an unstyled 404 page."""
    if address := os.environ.get("NEWSARCHIVE_SITEURL", ""):
        return _siteurl_problem(address)
    domain = os.environ.get("NEWSARCHIVE_CNAME", "").strip().rstrip("/")
    if domain and not _DOMAIN.fullmatch(domain):
        return (
            f"NEWSARCHIVE_CNAME is not a domain name: {domain!r} (write the name alone, as "
            "archive.example.org)"
        )
    return ""


def _siteurl_problem(address: str) -> str:
    parts = urlsplit(address)
    if not parts.scheme:
        how = f"write it whole: https://{address.lstrip('/')}"
    elif parts.scheme not in ("http", "https") or not parts.netloc:
        how = "an http:// or https:// address"
    elif parts.query or parts.fragment or re.search(r"\s", address):
        how = "no spaces, query or fragment"
    else:
        return ""
    return f"NEWSARCHIVE_SITEURL is not a web address: {address!r} ({how})"


def main() -> int:
    """`python -m newsarchive.site_address`: the published site's address, or one line saying
    how to give it, status 2. `make publish` stops there: built without its address, a site
    has no sitemap or canonical links, and its 404 page's links break where it is served."""
    problem = given_address_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    address = site_url(Path.cwd())
    if not address:
        print(
            "error: the published site's address is unknown: set NEWSARCHIVE_SITEURL (or "
            "NEWSARCHIVE_CNAME for a custom domain), or make the GitHub repository the "
            "'origin' remote",
            file=sys.stderr,
        )
        return 2
    print(address)
    return 0


if __name__ == "__main__":
    sys.exit(main())
