"""A non-editable install (a wheel) carries the data and finds it without the checkout."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _package_version() -> str:
    """`__version__` as written in casestudy/__init__.py, read without importing the package."""
    text = (REPO / "casestudy" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, flags=re.M)
    assert match, "casestudy/__init__.py must set __version__"
    return match.group(1)


def test_wheel_ships_the_data_and_loads_it(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("casestudy-*.whl"))
    # The version is written once, in the package; the wheel's name and metadata carry it.
    version = _package_version()
    assert wheel.name.startswith(f"casestudy-{version}-"), (wheel.name, version)
    metadata = zipfile.ZipFile(wheel).read(f"casestudy-{version}.dist-info/METADATA").decode()
    assert f"\nVersion: {version}\n" in metadata
    names = zipfile.ZipFile(wheel).namelist()
    assert "casestudy/_data/datapackage.json" in names
    assert "casestudy/_data/financials.csv" in names
    assert any(n.startswith("casestudy/_data/quizzes/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import casestudy, pathlib; "
        "print(casestudy.data_dir().relative_to(pathlib.Path(casestudy.__file__).parent)); "
        "print(len(casestudy.load('financials')) > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["_data", "True"]
