"""`make github`: the built site committed to the gh-pages branch, pushed only if it changed.

ghp-import commits output/ on every run, whether or not a file changed: publishing a site
that had not changed pushed an empty commit, which GitHub Pages builds and deploys again,
and which piled up in the branch's history a commit per run. Here the commit is pushed only
where its files differ from those the remote's branch holds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from ghp_import import GhpError, ghp_import

MESSAGE = "Publish the archive"


def _git(*args: str) -> str | None:
    """A git command's output, or None where it fails (an unknown commit, no such remote)."""
    result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def remote_tip(remote: str, branch: str) -> str | None:
    """The commit the remote's branch is at, or None (no such branch, or no answer)."""
    listed = _git("ls-remote", remote, f"refs/heads/{branch}")
    return listed.split()[0] if listed else None


def tree(commit: str) -> str | None:
    """The commit's tree (its files), or None where the commit is not known here."""
    return _git("rev-parse", "--verify", "--quiet", f"{commit}^{{tree}}")


def publish(output: str, remote: str, branch: str) -> bool:
    """Commit `output` to `branch` (with .nojekyll) and push it to `remote` with --force, as
    ghp-import does, unless the remote already holds these very files; whether it pushed."""
    ghp_import(output, nojekyll=True, mesg=MESSAGE, remote=remote, branch=branch, force=True)
    tip = remote_tip(remote, branch)
    if tip is not None and tree(tip) == tree(f"refs/heads/{branch}"):
        # the branch goes back to what the remote has: no empty commit left to push later
        subprocess.run(["git", "update-ref", f"refs/heads/{branch}", tip], check=True)
        return False
    subprocess.run(["git", "push", "--force", remote, f"refs/heads/{branch}"], check=True)
    return True


def main(argv: list[str] | None = None) -> int:
    """`python -m newsarchive.gh_pages OUTPUT --remote R --branch B`: publish, saying whether
    anything was pushed; 1 where git or ghp-import fails."""
    parser = argparse.ArgumentParser(prog="python -m newsarchive.gh_pages")
    parser.add_argument("output")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="gh-pages")
    args = parser.parse_args(argv)
    try:
        pushed = publish(args.output, args.remote, args.branch)
    except (GhpError, subprocess.CalledProcessError) as err:
        reason = err.message if isinstance(err, GhpError) else err  # (GhpError has no str)
        print(f"error: cannot publish {args.output} to {args.remote}: {reason}", file=sys.stderr)
        return 1
    if not pushed:
        print(f"{args.remote} {args.branch} already holds this site: nothing to push")
    return 0


if __name__ == "__main__":
    sys.exit(main())
