"""Own deciding, in CI, whether the commits since the last deployed one changed content only or code too.

Content is what editors change: anything under `content/` and the data files `data/*.yaml`. Everything else
counts as code here: the generator, templates, catalogs, static files, the map outlines (data/geo/),
requirements, tests, tools, the Makefile, the workflow, the docs. A content-only change is published after the
publishing gate alone (tools/gate.py); a change of code also needs the whole test suite (`make test`).

The comparison is with the commit the live site was built from (its version.json, written by
tools/stamp_version.py), not with the previous push: code pushed in a run that was never deployed must not
ride along untested with a later content push. When that commit is unknown (no version file, not valid,
not in this clone's history), everything runs.

    python tools/changed_kind.py --live-version FILE   # CI: prints kind=… and since=… for $GITHUB_OUTPUT
    python tools/changed_kind.py PATH...               # classify these paths (prints content or code)
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CONTENT = "content"
CODE = "code"
SHOWN = 8
"""How many of the code paths the explanation names."""
COMMIT = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Verdict:
    """What runs before a deployment, and why."""

    kind: str
    """CONTENT (the gate alone) or CODE (the whole test suite too)."""
    since: str
    """The deployed commit compared with ('' when unknown)."""
    reason: str
    """One sentence for the job summary."""


def is_content(path: str) -> bool:
    """Tell whether a changed path (relative to the repository, with /) is editors' content."""
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[0] == "content":
        return True
    return len(parts) == 2 and parts[0] == "data" and PurePosixPath(path).suffix in (".yaml", ".yml")


def kind_of(paths: list[str]) -> str:
    """Return CONTENT when every path is content (or there are none), else CODE."""
    return CONTENT if all(is_content(path) for path in paths) else CODE


def deployed_commit(text: str | None) -> str | None:
    """Return the commit named by a live site's version.json text, or None when it names none."""
    try:
        commit = json.loads(text or "").get("commit")
    except (ValueError, AttributeError):
        return None
    return commit if isinstance(commit, str) and COMMIT.fullmatch(commit) else None


def changed_paths(since: str, repo: Path, head: str = "HEAD") -> list[str] | None:
    """Return the paths that differ between two commits (None when `since` is not in this clone's history)."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=120)

    if git("cat-file", "-e", f"{since}^{{commit}}").returncode != 0:
        return None
    result = git("diff", "--name-only", "--no-renames", "-z", since, head)
    if result.returncode != 0:
        return None
    return [path for path in result.stdout.split("\0") if path]


def decide(paths: list[str] | None, since: str | None, everything: bool = False) -> Verdict:
    """Return the verdict for the paths changed since the deployed commit (None: unknown)."""
    if everything:
        return Verdict(CODE, since or "", "The whole test suite was asked for: it runs before the gate.")
    if since is None:
        return Verdict(CODE, "", "The live site names no commit it was built from (first deployment, or its "
                                 "version.json unreadable): the whole test suite runs before the gate.")
    short = since[:7]
    if paths is None:
        return Verdict(CODE, since, f"The deployed commit {short} is not in this repository's history: "
                                    "the whole test suite runs before the gate.")
    code = [path for path in paths if not is_content(path)]
    if not code:
        what = (f"{len(paths)} file{'s' if len(paths) != 1 else ''} of content changed" if paths
                else "Nothing changed")
        return Verdict(CONTENT, since, f"{what} since the deployed commit {short}: the publishing gate alone "
                                       "decides.")
    named = ", ".join(f"`{path}`" for path in code[:SHOWN]) + (f" and {len(code) - SHOWN} more"
                                                               if len(code) > SHOWN else "")
    return Verdict(CODE, since, f"Code changed since the deployed commit {short} ({named}): the whole test "
                                "suite runs before the gate.")


def main(argv: list[str]) -> int:
    """Classify paths given, or the changes since the commit of a live version file; print the result."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("paths", nargs="*", help="changed paths to classify (instead of --live-version)")
    parser.add_argument("--live-version", type=Path, help="the live site's version.json as fetched (may be missing)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the git checkout (default: here)")
    parser.add_argument("--everything", default="false", help="'true' runs everything (a manual run's choice)")
    args = parser.parse_args(argv)
    if args.paths and args.live_version is None:
        print(kind_of(args.paths))
        return 0
    text = None
    if args.live_version is not None and args.live_version.is_file():
        text = args.live_version.read_text(encoding="utf-8", errors="replace")
    since = deployed_commit(text)
    paths = changed_paths(since, args.repo) if since else None
    verdict = decide(paths, since, everything=args.everything == "true")
    print(f"kind={verdict.kind}\nsince={verdict.since}")
    print(verdict.reason, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
