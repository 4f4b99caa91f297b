"""The floors of the architecture hold: import-linter checks the contracts in pyproject.toml."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    uitkomst = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if uitkomst.returncode != 0:
        pytest.fail(f"A floor is broken:\n{uitkomst.stdout}\n{uitkomst.stderr}")
    assert "0 broken" in uitkomst.stdout


def test_a_broken_floor_is_reported(tmp_path):
    # The contracts must be able to fail: a module of the ground floor that imports an app.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    modules = set(config["root_packages"])
    for contract in config["contracts"]:
        for sleutel in ("source_modules", "forbidden_modules", "layers"):
            modules.update(contract.get(sleutel, []))
    for module in modules:
        pakket = tmp_path / module.replace(".", "/")
        pakket.mkdir(parents=True, exist_ok=True)
        (pakket / "__init__.py").write_text("")
    (tmp_path / "werkplaats/kern/fout.py").write_text("import werkteams\n")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    lint_imports = Path(sys.executable).with_name("lint-imports")
    uitkomst = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert uitkomst.returncode != 0
    assert "werkplaats.kern.fout -> werkteams" in uitkomst.stdout
