"""The installed product, not the checkout: a built wheel in a fresh venv, and
the pre-commit hook as a user installs it. Slow (pip installs), but this is
how users meet lintnews."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def test_wheel_bundles_packs_and_installs_into_fresh_venv(tmp_path: Path):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)])
    [wheel] = dist.glob("lintnews-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    run([str(bin_dir / "pip"), "install", "--quiet", str(wheel)])
    # Run from an unrelated folder so the checkout's rules/ cannot be found.
    out = run([str(bin_dir / "lintnews"), "rules", "--format", "json"], cwd=tmp_path).stdout
    import json

    rules = {r["code"]: r for r in json.loads(out)}
    assert rules["LN404"]["origin"] == "boilerplate"
    site = run(
        [
            str(bin_dir / "python"),
            "-c",
            "import lintnews.packs as p; print(p.shipped_pack_paths()[0].parent)",
        ],
        cwd=tmp_path,
    ).stdout.strip()
    assert site.endswith("site-packages/lintnews/rules")
    # The lexicon's data ships in the wheel too: a fused name splits.
    fused = subprocess.run(
        [str(bin_dir / "lintnews"), "fix", "-"],
        input="Benjamin Netanyahu spoke. Later Netanyahuadmitted it.\n",
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert fused.stdout == "Benjamin Netanyahu spoke. Later Netanyahu admitted it.\n", fused.stderr


def test_pre_commit_try_repo(tmp_path: Path):
    repo = tmp_path / "desk"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pc-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    run(["git", "init", "-q"], cwd=repo, env=env)
    draft = repo / "draft.md"
    draft.write_text("# Talks\n\nThe talks ended.Then came rain.\n")
    run(["git", "add", "draft.md"], cwd=repo, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "lintnews", "--all-files"]
    bad = run(pre_commit, cwd=repo, env=env, check=False)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "LN103" in bad.stdout
    draft.write_text("# Talks\n\nThe talks ended. Then came rain.\n")
    run(["git", "add", "draft.md"], cwd=repo, env=env)
    good = run(pre_commit, cwd=repo, env=env, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
