"""`make test` needs Debian's Chromium for the browser tests: installed when
apt-get can run, else a stop at once with the one command to run. `make run`
needs nothing but Python."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")

pytestmark = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def fake_path(tmp_path, *, apt_get: bool, uid: int) -> str:
    """A PATH with a shell and `id`, without Chromium; apt-get only if asked."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "bash").symlink_to(shutil.which("bash"))
    (bin_dir / "id").write_text(f"#!{shutil.which('bash')}\necho {uid}\n")
    (bin_dir / "id").chmod(0o755)
    if apt_get:
        # An apt-get that "succeeds" but installs nothing.
        (bin_dir / "apt-get").write_text(f"#!{shutil.which('bash')}\nexit 0\n")
        (bin_dir / "apt-get").chmod(0o755)
    return str(bin_dir)


def make_chromium(path: str):
    return subprocess.run(
        [MAKE, "-s", "--no-print-directory", "chromium", "CHROMIUM_AT=/nonexistent/chromium"],
        cwd=REPO,
        env={"PATH": path, "HOME": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_chromium_nor_root_make_test_stops_with_the_command_to_run(tmp_path):
    result = make_chromium(fake_path(tmp_path, apt_get=True, uid=1000))

    assert result.returncode != 0
    assert "Run: sudo apt-get install -y chromium" in result.stderr


def test_without_apt_get_it_says_how_to_point_at_a_chromium(tmp_path):
    result = make_chromium(fake_path(tmp_path, apt_get=False, uid=1000))

    assert result.returncode != 0
    assert "SHIRAKA_CHROMIUM" in result.stderr


def test_as_root_with_apt_get_it_installs_debians_package(tmp_path):
    result = make_chromium(fake_path(tmp_path, apt_get=True, uid=0))

    # The fake apt-get installs nothing: the attempt is made, then the failure said.
    assert "installing Debian's package" in result.stdout
    assert result.returncode != 0
    assert "apt-get could not install chromium" in result.stderr


def test_the_test_target_checks_chromium_and_the_run_target_does_not():
    dry_test = subprocess.run([MAKE, "-n", "test"], cwd=REPO, capture_output=True, text=True, timeout=60).stdout
    dry_run = subprocess.run([MAKE, "-n", "run"], cwd=REPO, capture_output=True, text=True, timeout=60).stdout

    assert "ENSURE_CHROMIUM" in dry_test
    assert "CHROMIUM" not in dry_run and "chromium" not in dry_run
