"""The top-level names stay what they say, whatever was imported before them.

A lazy name such as ``casestudy.exercises`` must not share its name with a subpackage: Python
sets ``casestudy.<sub>`` to the module as soon as that subpackage is imported, and a student's
``casestudy.exercises()`` would then fail with "'module' object is not callable".
"""

import importlib
import pkgutil
import subprocess
import sys

import casestudy


def test_no_lazy_name_is_also_a_subpackage():
    subpackages = {m.name for m in pkgutil.iter_modules(casestudy.__path__)}
    clashes = sorted(set(casestudy._LAZY) & subpackages)
    assert not clashes, f"lazy names shadowed by subpackages of the same name: {clashes}"


def test_lazy_names_are_callables_after_every_module_is_imported():
    code = (
        "import importlib, pkgutil, casestudy\n"
        "for m in pkgutil.walk_packages(casestudy.__path__, 'casestudy.'):\n"
        "    if m.name.endswith('__main__'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in casestudy._LAZY if not callable(getattr(casestudy, n))\n"
        "       and not isinstance(getattr(casestudy, n), type)]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_exercises_is_a_table_after_check_exercise_was_touched():
    importlib.reload(casestudy)
    casestudy.check_exercise  # noqa: B018 - loads casestudy.exercise first
    table = casestudy.exercises()
    assert {"id", "notebook", "kind"} <= set(table.columns)
