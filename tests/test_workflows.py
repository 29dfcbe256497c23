"""The GitHub Actions workflow cannot run here, so it is linted offline and its key promises checked."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_site_workflow_publishes_main_with_an_explicit_today_and_rebuilds_daily():
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["schedule"][0]["cron"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    build_step = next(step for step in deploy["steps"] if step.get("name") == "Build with an explicit today")
    assert '--today "$(date -u +%F)"' in build_step["run"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])
    assert "make test" in workflow["jobs"]["test"]["steps"][-2]["run"]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make build" in readme
    assert "make test" in (ROOT / ".ci/run").read_text()


def test_pre_commit_runs_the_content_check():
    config = ROOT / ".pre-commit-config.yaml"
    tool = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run([str(tool), "validate-config", str(config)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = yaml.safe_load(config.read_text())["repos"][0]["hooks"][0]
    assert (hook["entry"], hook["pass_filenames"]) == ("make check", False)
