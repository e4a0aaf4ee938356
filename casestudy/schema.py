"""Read ``datapackage.json`` and check it: every mistake in the schema becomes one readable
problem line naming the file, the resource and the field, never a traceback.

The subset understood is described in ``docs/data-schema-contract.md``. A resource whose schema
has a problem is left out of :attr:`Package.resources` and its problems are kept under its name
in :attr:`Package.problems`, so the other tables can still be checked and loaded.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

SCHEMA_FILE = "datapackage.json"
TYPES = ("string", "integer", "number", "boolean", "date")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum")
FORMATS = ("default", "partial")
# problems that concern the whole package rather than one resource
PACKAGE = ""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    partial: bool = False
    description: str = ""


@dataclass(frozen=True)
class Resource:
    name: str
    path: Path
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    # groups of columns of which each row fills exactly one (e.g. an episode or an event)
    exactly_one_of: tuple[tuple[str, ...], ...] = ()

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


@dataclass
class Package:
    """The resources whose schema is sound, and every schema problem by resource name."""

    path: Path
    resources: dict[str, Resource] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, problems: list[str]) -> None:
        if problems:
            self.problems.setdefault(name, []).extend(problems)

    def all_problems(self) -> list[str]:
        return [p for found in self.problems.values() for p in found]


class SchemaProblems(list):
    """Problem lines collected while reading one part of the schema."""

    def need(self, ok: bool, message: str) -> bool:
        if not ok:
            self.append(message)
        return ok


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _names(value: Any) -> tuple[str, ...] | None:
    """A field list as Frictionless allows it (a name or a list of names), or None."""
    if isinstance(value, str) and value:
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    return None


def read_json(path: Path) -> tuple[Any, list[str]]:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig")), []
    except FileNotFoundError:
        return None, [f"{path}: file not found"]
    except OSError as exc:
        return None, [f"{path}: cannot be read ({exc.strerror or exc})"]
    except UnicodeDecodeError as exc:
        return None, [f"{path}: byte {exc.start}: not UTF-8 text"]
    except json.JSONDecodeError as exc:
        return None, [f"{path}: line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"]
    except RecursionError:
        return None, [f"{path}: nested too deeply to be a data package"]


def _name(spec: Any, what: str, where: str, found: SchemaProblems) -> str | None:
    """The name of a field or resource entry; None (with the problem) when there is none."""
    if not found.need(isinstance(spec, dict), f"{where}: a {what} must be an object"):
        return None
    name = spec.get("name")
    if not found.need(isinstance(name, str) and name.strip() != "", f"{where}: needs a 'name'"):
        return None
    return name


# --- one field ---------------------------------------------------------------------------------


def _enum(value: Any, where: str, found: SchemaProblems) -> tuple[str, ...] | None:
    ok = isinstance(value, list) and value and all(isinstance(v, str | int | float) for v in value)
    if not found.need(bool(ok), f"{where}: 'enum' must be a list of allowed values, got {value!r}"):
        return None
    values = tuple(str(v) for v in value)
    found.need(len(set(values)) == len(values), f"{where}: 'enum' lists a value twice")
    return values


def _pattern(value: Any, where: str, found: SchemaProblems) -> str | None:
    if not found.need(isinstance(value, str), f"{where}: 'pattern' must be text, got {value!r}"):
        return None
    try:
        re.compile(value)
    except re.error as exc:
        found.append(f"{where}: 'pattern' {value!r} is not a valid regular expression ({exc})")
        return None
    return value


def _constraints(cons: Any, ftype: str, where: str, found: SchemaProblems) -> dict[str, Any]:
    if not found.need(isinstance(cons, dict), f"{where}: 'constraints' must be an object"):
        return {}
    unknown = sorted(set(cons) - set(CONSTRAINTS))
    found.need(
        not unknown,
        f"{where}: constraint(s) {', '.join(unknown)} not understood; "
        f"understood: {', '.join(CONSTRAINTS)}",
    )
    out: dict[str, Any] = {}
    for flag in ("required", "unique"):
        value = cons.get(flag, False)
        if found.need(isinstance(value, bool), f"{where}: '{flag}' must be true or false"):
            out[flag] = value
    if "enum" in cons:
        out["enum"] = _enum(cons["enum"], where, found)
    if "pattern" in cons:
        out["pattern"] = _pattern(cons["pattern"], where, found)
    for bound in ("minimum", "maximum"):
        if bound in cons:
            value = cons[bound]
            numeric = ftype in ("integer", "number")
            found.need(numeric, f"{where}: '{bound}' applies to integer and number fields only")
            if found.need(_is_number(value), f"{where}: '{bound}' must be a number"):
                out[bound] = value
    return out


def _field(spec: Any, where: str, found: SchemaProblems) -> Field | None:
    name = _name(spec, "field", where, found)
    if name is None:
        return None
    where = f"{where} '{name}'"
    ftype = spec.get("type", "string")
    type_ok = found.need(
        ftype in TYPES, f"{where}: type {ftype!r} is not one of {', '.join(TYPES)}"
    )
    fmt = spec.get("format", "default")
    found.need(fmt in FORMATS, f"{where}: format {fmt!r} is not one of {', '.join(FORMATS)}")
    description = spec.get("description", "")
    found.need(isinstance(description, str), f"{where}: 'description' must be text")
    before = len(found)
    cons = _constraints(spec.get("constraints", {}), ftype, where, found)
    if not type_ok or len(found) > before:
        return None
    return Field(
        name=name,
        type=ftype,
        required=cons.get("required", False),
        enum=cons.get("enum"),
        pattern=cons.get("pattern"),
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
        unique=cons.get("unique", False),
        partial=fmt == "partial",
        description=description if isinstance(description, str) else "",
    )


# --- one resource ------------------------------------------------------------------------------


def _path(value: Any, root: Path, where: str, found: SchemaProblems) -> Path | None:
    if not found.need(isinstance(value, str) and value != "", f"{where}: needs a 'path'"):
        return None
    posix = PurePosixPath(value)
    inside = not posix.is_absolute() and ".." not in posix.parts and "\\" not in value
    plain = "://" not in value
    if not found.need(
        inside and plain,
        f"{where}: path {value!r} must be a relative path inside the data folder "
        "(like 'events.csv' or 'tables/events.csv')",
    ):
        return None
    return root / posix


def _fields(schema: dict, where: str, found: SchemaProblems):
    """The sound fields, and the names of all fields (a key may name a field whose own
    definition has a problem: that problem is reported once, under the field)."""
    specs = schema.get("fields")
    if not found.need(isinstance(specs, list) and specs, f"{where}: 'fields' must be a list"):
        return (), []
    fields = [_field(spec, f"{where}, field #{j + 1}", found) for j, spec in enumerate(specs)]
    names = [s.get("name") for s in specs if isinstance(s, dict) and isinstance(s.get("name"), str)]
    twice = sorted({n for n in names if names.count(n) > 1})
    found.need(not twice, f"{where}: field(s) {', '.join(twice)} listed twice")
    return tuple(f for f in fields if f is not None), names


def _key(value: Any, names: list[str], what: str, where: str, found: SchemaProblems):
    key = _names(value)
    if not found.need(key is not None, f"{where}: {what} must be a field name or a list of them"):
        return None
    unknown = [k for k in key if k not in names]
    if not found.need(not unknown, f"{where}: {what} names unknown field(s) {', '.join(unknown)}"):
        return None
    return key


def _foreign_key(fk: Any, names: list[str], where: str, found: SchemaProblems):
    if not found.need(isinstance(fk, dict), f"{where}: a foreign key must be an object"):
        return None
    fields = _key(fk.get("fields"), names, "'fields'", where, found)
    ref = fk.get("reference")
    if not found.need(isinstance(ref, dict), f"{where}: needs a 'reference' object"):
        return None
    target, target_fields = ref.get("resource"), _names(ref.get("fields"))
    found.need(isinstance(target, str) and target != "", f"{where}: reference needs 'resource'")
    found.need(target_fields is not None, f"{where}: reference needs 'fields'")
    if fields is None or target_fields is None or not isinstance(target, str) or not target:
        return None
    same = len(fields) == len(target_fields)
    if not found.need(same, f"{where}: 'fields' and reference 'fields' differ in length"):
        return None
    return fields, target, target_fields


def _keys(schema: dict, names: list[str], where: str, found: SchemaProblems):
    primary: tuple[str, ...] = ()
    if "primaryKey" in schema:
        primary = _key(schema["primaryKey"], names, "'primaryKey'", where, found) or ()
    fks = schema.get("foreignKeys", [])
    found.need(isinstance(fks, list), f"{where}: 'foreignKeys' must be a list")
    foreign = [
        _foreign_key(fk, names, f"{where}, foreign key #{k + 1}", found)
        for k, fk in enumerate(fks if isinstance(fks, list) else [])
    ]
    groups = schema.get("exactlyOneOf", [])
    found.need(isinstance(groups, list), f"{where}: 'exactlyOneOf' must be a list of lists")
    one_of = [
        _key(g, names, "'exactlyOneOf'", where, found)
        for g in (groups if isinstance(groups, list) else [])
    ]
    return primary, tuple(f for f in foreign if f), tuple(g for g in one_of if g)


def _resource(raw: Any, root: Path, where: str, found: SchemaProblems) -> Resource | None:
    name = _name(raw, "resource", where, found)
    if name is None:
        return None
    where = f"{where} '{name}'"
    path = _path(raw.get("path"), root, where, found)
    schema = raw.get("schema")
    if not found.need(isinstance(schema, dict), f"{where}: needs a 'schema' object"):
        return None
    fields, names = _fields(schema, where, found)
    primary, foreign, one_of = _keys(schema, names, where, found)
    texts = {k: raw.get(k, name if k == "title" else "") for k in ("title", "description")}
    for key, value in texts.items():
        found.need(isinstance(value, str), f"{where}: '{key}' must be text")
    if found or path is None:
        return None
    return Resource(
        name=name,
        path=path,
        title=texts["title"],
        description=texts["description"],
        fields=fields,
        primary_key=primary,
        foreign_keys=foreign,
        exactly_one_of=one_of,
    )


# --- the package -------------------------------------------------------------------------------


def _target_problems(package: Package, res: Resource) -> SchemaProblems:
    found = SchemaProblems()
    for fields, target, target_fields in res.foreign_keys:
        where = f"{package.path}: resource '{res.name}', foreign key ({', '.join(fields)})"
        if target in package.problems:
            found.append(f"{where}: table '{target}' has schema problems (listed with that table)")
            continue
        if not found.need(target in package.resources, f"{where}: unknown table '{target}'"):
            continue
        missing = [f for f in target_fields if f not in package.resources[target].field_names]
        found.need(not missing, f"{where}: '{target}' has no field(s) {', '.join(missing)}")
    return found


def _targets(package: Package) -> None:
    """Foreign keys must point at a sound resource of the package and at fields it has; a
    resource that points at a broken one is set aside too (until nothing changes)."""
    changed = True
    while changed:
        changed = False
        for res in list(package.resources.values()):
            found = _target_problems(package, res)
            if found:
                package.add(res.name, found)
                del package.resources[res.name]
                changed = True


def read_package(root: Path) -> Package:
    """Every resource of ``root/datapackage.json`` with a sound schema, and every problem."""
    schema_path = root / SCHEMA_FILE
    package = Package(schema_path)
    raw, problems = read_json(schema_path)
    package.add(PACKAGE, problems)
    if problems:
        return package
    resources = raw.get("resources") if isinstance(raw, dict) else None
    if not isinstance(resources, list):
        package.add(PACKAGE, [f"{schema_path}: needs a 'resources' list"])
        return package
    for i, spec in enumerate(resources):
        found = SchemaProblems()
        res = _resource(spec, root, f"{schema_path}: resource #{i + 1}", found)
        name = spec.get("name") if isinstance(spec, dict) else None
        key = name if isinstance(name, str) and name else f"#{i + 1}"
        if res is not None and res.name in package.resources:
            found.append(f"{schema_path}: resource #{i + 1}: the name '{res.name}' is used twice")
            res = None
        package.add(key, found)
        if res is not None:
            package.resources[res.name] = res
    _targets(package)
    return package
