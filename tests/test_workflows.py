"""The GitHub Actions workflow cannot run here, so it is linted offline and its promises are checked on its structure."""
from __future__ import annotations

import itertools
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / ".github/workflows/site.yml"
GATE = 'python tools/gate.py --source . --out output --today "$(date -u +%F)" --base-url "$BASE_URL/" --format github'


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The site workflow, parsed."""
    return yaml.safe_load(SITE.read_text())


def joined(command: str) -> str:
    """Return a shell command with its continued lines (ending in a backslash) joined."""
    return re.sub(r"\s*\\\n\s*", " ", command)


def runs(job: dict) -> str:
    """Return every shell command of a job, one after the other, continued lines joined."""
    return "\n".join(joined(step.get("run", "")) for step in job["steps"])


def uses(job: dict) -> list[str]:
    """Return the actions a job uses, without their versions, in order."""
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def step_index(job: dict, predicate) -> int:
    """Return the position of the first step for which `predicate(step)` holds."""
    return next(index for index, step in enumerate(job["steps"]) if predicate(step))


def test_actionlint_finds_nothing():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), "-no-color", *map(str, WORKFLOWS)], capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_it_runs_on_pushes_pull_requests_daily_and_by_hand(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])
    assert triggers["workflow_dispatch"]["inputs"]["everything"]["type"] == "boolean"
    assert workflow["permissions"] == {"contents": "read"}


def test_main_is_published_through_the_gate_over_the_very_output_that_passed_it(workflow):
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "github.event_name != 'pull_request'"
    gate = step_index(publish, lambda step: step.get("run") == GATE)
    assert publish["steps"][gate]["env"]["USE_PLAYWRIGHT_CHROMIUM"] == "1"
    assert publish["steps"][gate]["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    stamp = step_index(publish, lambda step: "tools/stamp_version.py --out output" in step.get("run", ""))
    upload = step_index(publish, lambda step: step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert gate < stamp < upload and upload == len(publish["steps"]) - 1
    assert publish["steps"][upload]["with"]["path"] == "output"
    assert publish["steps"][upload]["if"] == "github.ref == 'refs/heads/main'"
    assert "build.py build" not in runs(publish)  # built once, by the gate
    assert step_index(publish, lambda step: step.get("uses", "").startswith("actions/configure-pages@")) < gate
    assert "actions/setup-java" in uses(publish)  # the Nu HTML Checker
    assert "python -m playwright install --with-deps chromium" in runs(publish)
    deploy = workflow["jobs"]["deploy"]
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploying_needs_the_tests_unless_only_content_changed_since_the_deployed_commit(workflow):
    jobs = workflow["jobs"]
    assert set(jobs["deploy"]["needs"]) == {"changes", "test", "publish"}
    condition = " ".join(jobs["deploy"]["if"].split())
    assert condition == (
        "!cancelled() && github.ref == 'refs/heads/main' && github.event_name != 'pull_request' "
        "&& needs.changes.result == 'success' && needs.publish.result == 'success' "
        "&& (needs.test.result == 'success' "
        "|| (needs.test.result == 'skipped' && needs.changes.outputs.kind == 'content'))")
    assert jobs["test"]["needs"] == "changes" and jobs["test"]["if"] == "needs.changes.outputs.kind == 'code'"
    test_step = next(step for step in jobs["test"]["steps"] if step.get("name") == "Test")
    assert (test_step["run"], test_step["env"]) == ("make test", {"USE_PLAYWRIGHT_CHROMIUM": "1"})
    changes = jobs["changes"]
    assert changes["outputs"]["kind"] == "${{ steps.kind.outputs.kind }}"
    assert changes["steps"][0]["with"]["fetch-depth"] == 0  # git diff with the deployed commit
    kind = next(step for step in changes["steps"] if step.get("id") == "kind")
    assert kind["env"]["VERSION_URL"] == "${{ steps.pages.outputs.base_url }}/version.json"
    assert kind["env"]["EVERYTHING"] == "${{ inputs.everything }}"
    script = joined(kind["run"])
    assert 'curl -fsSL' in script and '"$VERSION_URL?run=$GITHUB_RUN_ID"' in script
    assert ('python3 tools/changed_kind.py --live-version "$RUNNER_TEMP/live-version.json" --everything '
            '"$EVERYTHING" >> "$GITHUB_OUTPUT"') in script


def test_a_running_deployment_is_never_cancelled_by_a_newer_run(workflow):
    assert "concurrency" not in workflow  # a run-wide group would cancel a deployment with the rest of its run
    jobs = workflow["jobs"]
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    for name in ("check", "test", "publish"):
        group = jobs[name]["concurrency"]
        assert group["cancel-in-progress"] is True and group["group"] != "pages", name
    assert len({job["concurrency"]["group"] for job in jobs.values() if "concurrency" in job}) == 4


def test_check_compares_events_with_the_published_history(workflow):
    for name in ("check", "changes", "publish"):
        checkout = workflow["jobs"][name]["steps"][0]
        assert (checkout["uses"].split("@")[0], checkout["with"]["fetch-depth"]) == ("actions/checkout", 0), name
    publish = workflow["jobs"]["publish"]
    gate = next(step for step in publish["steps"] if step.get("run") == GATE)
    assert publish["needs"] == "changes"  # the deployed commit, which subscribers' calendars know, else the push's
    assert gate["env"]["GITHUB_EVENT_BEFORE"] == "${{ needs.changes.outputs.since || github.event.before }}"


def test_a_pull_request_gets_annotations_one_list_of_problems_and_the_pages_it_changes(workflow):
    check = workflow["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert runs(check).count("build.py check") == 1  # the annotations' summary is the one list
    assert "python build.py check --format github" in runs(check)
    diff = next(step for step in check["steps"] if "tools/page_diff.py" in step.get("run", ""))
    assert diff["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    script = joined(diff["run"])
    assert 'python build.py build --no-search --today "$today" --out "$RUNNER_TEMP/head"' in script
    assert 'git worktree add --detach "$RUNNER_TEMP/base-source" "$BASE_SHA"' in script
    assert ('(cd "$RUNNER_TEMP/base-source" && python build.py build --no-search --today "$today" '
            '--out "$RUNNER_TEMP/base")') in script  # the base with its own code, the same today
    assert 'python tools/page_diff.py "$RUNNER_TEMP/base" "$RUNNER_TEMP/head"' in script
    assert '>> "$GITHUB_STEP_SUMMARY"' in script


def test_the_daily_run_reports_outside_links_without_blocking_and_keeps_its_schedule(workflow):
    links = workflow["jobs"]["outside-links"]
    assert links["if"] == "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    assert links["continue-on-error"] is True and "needs" not in links
    assert ('python tools/outside_links.py "$RUNNER_TEMP/site" --timeout 15 --workers 8 >> "$GITHUB_STEP_SUMMARY"'
            in runs(links))
    assert not any("links" in str(job.get("needs", "")) for job in workflow["jobs"].values())
    keepalive = workflow["jobs"]["keepalive"]
    assert keepalive["if"] == "github.event_name == 'schedule'" and keepalive["continue-on-error"] is True
    assert keepalive["permissions"] == {"actions": "write"}
    assert runs(keepalive) == f'gh api --method PUT "repos/$GITHUB_REPOSITORY/actions/workflows/{SITE.name}/enable"'
    readme = (ROOT / "README.md").read_text()
    assert "KEEPALIVE_TOKEN" in readme and "60 days" in readme


def _invocations(text: str, script: str) -> list[list[str]]:
    """Return the arguments of every call of `script` in the workflow's shell commands (up to a redirection,
    a pipe, a parenthesis or the command's end)."""
    calls = []
    for job in yaml.safe_load(text)["jobs"].values():
        for step in job["steps"]:
            for line in joined(step.get("run", "")).splitlines():
                for match in re.finditer(rf"python3? (?:\S*/)?{re.escape(script)} (.*)", line):
                    words = shlex.shlex(match.group(1), posix=True, punctuation_chars=True)
                    words.whitespace_split = True
                    calls.append(list(itertools.takewhile(lambda word: not set(word) <= set("();<>|&"), words)))
    return calls


@pytest.mark.parametrize("script", ["tools/gate.py", "tools/changed_kind.py", "tools/stamp_version.py",
                                    "tools/page_diff.py", "tools/outside_links.py", "build.py"])
def test_every_option_the_workflow_passes_exists(script):
    calls = _invocations(SITE.read_text(), script)
    assert calls, f"the workflow never runs {script}"
    assert (ROOT / script).is_file(), f"the workflow runs {script}, which does not exist"
    for arguments in calls:
        command = arguments[:1] if script == "build.py" else []
        shown = subprocess.run([sys.executable, str(ROOT / script), *command, "--help"], capture_output=True,
                               text=True, timeout=120, cwd=ROOT)
        assert shown.returncode == 0, shown.stderr
        for option in (argument.split("=")[0] for argument in arguments if argument.startswith("--")):
            assert re.search(rf"(^|[\s\[,]){re.escape(option)}\b", shown.stdout), f"{script} has no {option}"


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


def test_generated_schema_files_are_not_tracked_so_they_never_block_a_commit():
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    for path in ("schema/partners.schema.json", "tests/sites/example/schema/partners.schema.json"):
        ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", path])
        assert ignored.returncode == 0, f"{path} is not ignored"
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--", "schema", "tests/sites/*/schema"],
                             capture_output=True, text=True).stdout
    assert tracked == ""
