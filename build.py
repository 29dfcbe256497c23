#!/usr/bin/env python3
"""Command line of the MedTech Cluster Alliance D-A-CH site generator.

    python build.py build [--source DIR] [--out DIR] [--today YYYY-MM-DD] [--base-url URL]
    python build.py check [--source DIR] [--format text|github]
"""
import sys

from sitegen.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
