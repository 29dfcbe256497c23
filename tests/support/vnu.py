"""Run the Nu HTML Checker (vnu.jar from npm vnu-jar, installed by tools/setup-test-tools.sh) once over many files.

The JVM start is the slow part, so every file goes into one `java -jar vnu.jar` run.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))


class CheckerMissing(RuntimeError):
    """Java or vnu.jar is missing; the message is the one-line instruction."""


def java() -> str:
    """Return the java executable (raise CheckerMissing with the instruction when there is none)."""
    found = shutil.which("java")
    if not found:
        raise CheckerMissing("Java is missing: run `bash tools/setup-test-tools.sh` as root "
                             "(apt-get install -y default-jre-headless)")
    return found


def vnu_errors(files: list[Path], jar: Path = VNU_JAR) -> list[str]:
    """Return 'file:line:column: message' for every error the checker reports about `files`."""
    if not files:
        return []
    command = java()
    if not jar.is_file():
        raise CheckerMissing(f"{jar} is missing: run `bash tools/setup-test-tools.sh` (npm vnu-jar into .tools/)")
    result = subprocess.run([command, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=900)
    output = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(output or '{"messages": []}')["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"vnu.jar exited {result.returncode} without JSON ({error}): {output[:2000]}") from None
    problems = []
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            where = message.get("url", "").removeprefix("file:")
            line = message.get("lastLine", message.get("firstLine", "?"))
            column = message.get("firstColumn", message.get("lastColumn", "?"))
            extract = (message.get("extract") or "").strip().replace("\n", " ")
            problems.append(f"{where}:{line}:{column}: {message.get('message')}"
                            + (f" — {extract[:120]}" if extract else ""))
        elif message.get("type") == "non-document-error":
            problems.append(f"{message.get('url', '')}: checker: {message.get('message')}")
    return problems
