"""Own the site's version file: `version.json` at the top of a built site names the commit and time it was built.

CI writes it into the output that passed the publishing gate, just before uploading it; editors open
<site>/version.json to see whether their change is live, and CI reads the live one to know what was deployed
last (tools/changed_kind.py). Pages never name the commit or time, so builds stay byte-identical.

    python tools/stamp_version.py --out output [--commit SHA] [--built 2026-11-23T03:17:00Z] [--run-url URL]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

NAME = "version.json"
COMMIT = re.compile(r"[0-9a-f]{40}")


def version_document(commit: str, built: dt.datetime, run_url: str = "") -> str:
    """Return the version file's text: the commit, the time (UTC, to the second) and the CI run, if known."""
    if not COMMIT.fullmatch(commit):
        raise ValueError(f"'{commit}' is not a full commit id (40 hexadecimal digits)")
    document = {"commit": commit, "built": built.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if run_url:
        document["run"] = run_url
    return json.dumps(document, indent=2) + "\n"


def head_commit(repo: Path) -> str:
    """Return the commit checked out in `repo`."""
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def main(argv: list[str]) -> int:
    """Write OUT/version.json; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, required=True, help="the built site's folder")
    parser.add_argument("--commit", default=None, help="the commit built (default: the one checked out here)")
    parser.add_argument("--built", default=None, help="the time of the build, ISO 8601 (default: now)")
    parser.add_argument("--run-url", default="", help="the CI run that built and checked the site")
    args = parser.parse_args(argv)
    if not args.out.is_dir():
        print(f"stamp_version.py: {args.out} is no built site (no such folder)", file=sys.stderr)
        return 1
    try:
        built = dt.datetime.fromisoformat(args.built.replace("Z", "+00:00")) if args.built \
            else dt.datetime.now(dt.timezone.utc)
        if built.tzinfo is None:
            raise ValueError(f"'{args.built}' names no time zone (end it with Z for UTC)")
        text = version_document(args.commit or head_commit(Path.cwd()), built, args.run_url)
    except (ValueError, subprocess.CalledProcessError) as error:
        print(f"stamp_version.py: {error}", file=sys.stderr)
        return 1
    (args.out / NAME).write_text(text, encoding="utf-8")
    print(f"Wrote {args.out / NAME}: " + " ".join(text.split()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
