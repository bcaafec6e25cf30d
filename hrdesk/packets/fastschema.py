"""A fast checker for the subset of JSON Schema (2020-12) that the payload schema uses.

jsonschema needs about 5 s for a 1,000-person payload; MKK imports 40,000 people at once. This
compiles a schema into nested Python closures once, which check a payload some 50 times faster.
It knows only the keywords below and refuses a schema that uses any other, so the schema file
cannot silently say more than is checked; tests compare its verdicts with jsonschema's.

Keywords: $ref (to #/$defs/...), type, enum, const, pattern, minLength, maxLength, minimum,
maximum, required, properties, additionalProperties, maxProperties, items, prefixItems,
minItems, maxItems, oneOf. Annotations ($schema, $id, $defs, title, description) are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hrdesk.i18n import _

# A check returns None when the value is valid, else (path, message); the path is built only on
# the way out of a failure, so valid documents cost no allocations for it.
Failure = tuple[tuple[Any, ...], str]
Check = Callable[[Any], Failure | None]

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description"})
KNOWN = (
    frozenset(
        {
            "$ref",
            "type",
            "enum",
            "const",
            "pattern",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "required",
            "properties",
            "additionalProperties",
            "maxProperties",
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "oneOf",
        }
    )
    | ANNOTATIONS
)


# JSON types that match exactly one Python type (a JSON parser gives no subclasses).
_PLAIN_TYPES = {"string": str, "boolean": bool, "object": dict, "array": list}


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true and 1 differ, 1 and 1.0 do not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


_SCALAR_KEYWORDS = frozenset({"type", "minLength", "maxLength", "pattern", "minimum", "maximum"})


class SchemaCompiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: None
        if schema is False:
            return lambda value: ((), _("no value is allowed here"))
        unknown = set(schema) - KNOWN
        if unknown:
            raise ValueError(f"keywords this checker does not know: {sorted(unknown)}")
        scalar = self._scalar(schema)
        if scalar is not None:
            return scalar
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self._ref(schema["$ref"]))
        if "type" in schema:
            checks.append(self._type(schema["type"]))
        if "enum" in schema:
            checks.append(self._enum(schema["enum"]))
        if "const" in schema:
            checks.append(self._const(schema["const"]))
        checks += self._string(schema)
        checks += self._number(schema)
        checks += self._object(schema)
        checks += self._array(schema)
        if "oneOf" in schema:
            checks.append(self._one_of(schema["oneOf"]))
        if not checks:
            return lambda value: None
        if len(checks) == 1:
            return checks[0]

        def all_of(value: Any) -> Failure | None:
            for check in checks:
                failure = check(value)
                if failure is not None:
                    return failure
            return None

        return all_of

    # --- keywords ---------------------------------------------------------------------------

    @staticmethod
    def _scalar(schema: dict[str, Any]) -> Check | None:
        """One closure for the commonest case, a text or a whole number (perhaps null) with
        bounds: most values of a payload are such, and one call beats four."""
        if not set(schema) - ANNOTATIONS <= _SCALAR_KEYWORDS or "type" not in schema:
            return None
        wanted = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
        nullable = "null" in wanted
        kinds = [w for w in wanted if w != "null"]
        if kinds not in (["string"], ["integer"]):
            return None
        text = kinds == ["string"]
        low = schema.get("minLength" if text else "minimum", float("-inf"))
        high = schema.get("maxLength" if text else "maximum", float("inf"))
        if text and ("minimum" in schema or "maximum" in schema):
            return None
        if not text and ("minLength" in schema or "maxLength" in schema or "pattern" in schema):
            return None
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        names = ", ".join(wanted)

        def check(value: Any) -> Failure | None:
            if value is None and nullable:
                return None
            kind = type(value)
            if text:
                if kind is not str:
                    return (), _("{value} is not of type {type}").format(
                        value=_short(value), type=names
                    )
                if not low <= len(value) <= high:
                    return (), _("{value} is too short or too long").format(value=_short(value))
                if search is not None and search(value) is None:
                    return (), _("{value} does not have the expected form").format(
                        value=_short(value)
                    )
                return None
            if kind is not int and not (kind is float and value.is_integer()):
                return (), _("{value} is not of type {type}").format(
                    value=_short(value), type=names
                )
            if not low <= value <= high:
                return (), _("{value} is out of range").format(value=_short(value))
            return None

        return check

    def _ref(self, ref: str) -> Check:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local $defs references are supported: {ref!r}")
        name = ref[len("#/$defs/") :]
        if name in self.refs:
            return self.refs[name]
        # A definition that refers to itself finds this late-bound stand-in while compiling.
        holder: list[Check] = []
        self.refs[name] = lambda value: holder[0](value)
        compiled = self.compile(self.root["$defs"][name])
        holder.append(compiled)
        self.refs[name] = compiled
        return compiled

    @staticmethod
    def _type(names: str | list[str]) -> Check:
        wanted = [names] if isinstance(names, str) else list(names)
        plain = tuple(_PLAIN_TYPES[n] for n in wanted if n in _PLAIN_TYPES)
        nullable = "null" in wanted
        numeric = "number" in wanted
        integer = "integer" in wanted and not numeric
        unknown = set(wanted) - set(_PLAIN_TYPES) - {"null", "number", "integer"}
        if unknown:
            raise ValueError(f"unknown JSON types {sorted(unknown)}")

        def check(value: Any) -> Failure | None:
            kind = type(value)
            if kind in plain or value is None and nullable:
                return None
            if kind is int and (integer or numeric):
                return None
            if kind is float and (numeric or integer and value.is_integer()):
                return None
            return (), _("{value} is not of type {type}").format(
                value=_short(value), type=", ".join(wanted)
            )

        return check

    @staticmethod
    def _enum(options: list[Any]) -> Check:
        if all(o is None or isinstance(o, str) for o in options):
            texts = frozenset(o for o in options if o is not None)
            nullable = None in options

            def simple(value: Any) -> Failure | None:
                if value is None and nullable or type(value) is str and value in texts:
                    return None
                return (), _("{value} is not one of {options}").format(
                    value=_short(value), options=_short(options)
                )

            return simple

        def check(value: Any) -> Failure | None:
            if any(_equal(value, option) for option in options):
                return None
            return (), _("{value} is not one of {options}").format(
                value=_short(value), options=_short(options)
            )

        return check

    @staticmethod
    def _const(expected: Any) -> Check:
        def check(value: Any) -> Failure | None:
            if _equal(value, expected):
                return None
            return (), _("{value} is not {expected}").format(
                value=_short(value), expected=_short(expected)
            )

        return check

    @staticmethod
    def _string(schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        low, high = schema.get("minLength"), schema.get("maxLength")
        if low is not None or high is not None:
            lo, hi = low or 0, high if high is not None else float("inf")

            def length(value: Any) -> Failure | None:
                if isinstance(value, str) and not lo <= len(value) <= hi:
                    return (), _("{value} is too short or too long").format(value=_short(value))
                return None

            checks.append(length)
        if "pattern" in schema:
            search = re.compile(schema["pattern"]).search

            def pattern(value: Any) -> Failure | None:
                if isinstance(value, str) and search(value) is None:
                    return (), _("{value} does not have the expected form").format(
                        value=_short(value)
                    )
                return None

            checks.append(pattern)
        return checks

    @staticmethod
    def _number(schema: dict[str, Any]) -> list[Check]:
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is None and high is None:
            return []
        lo = low if low is not None else float("-inf")
        hi = high if high is not None else float("inf")

        def bounds(value: Any) -> Failure | None:
            if isinstance(value, int | float) and not isinstance(value, bool):
                if not lo <= value <= hi:
                    return (), _("{value} is out of range").format(value=_short(value))
            return None

        return [bounds]

    def _object(self, schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        required = tuple(schema.get("required", ()))
        properties = {k: self.compile(v) for k, v in schema.get("properties", {}).items()}
        additional = schema.get("additionalProperties", True)
        extra = None if additional is True else self.compile(additional)
        most = schema.get("maxProperties")
        if not (required or properties or extra or most is not None):
            return checks

        def check(value: Any) -> Failure | None:
            if not isinstance(value, dict):
                return None
            if most is not None and len(value) > most:
                return (), _("the object has more than {count} fields").format(count=most)
            for name in required:
                if name not in value:
                    return (), _("the field {name} is missing").format(name=repr(name))
            for name, item in value.items():
                sub = properties.get(name)
                if sub is None:
                    if extra is None:
                        continue
                    if additional is False:
                        return (), _("the field {name} is not allowed").format(name=_short(name))
                    sub = extra
                failure = sub(item)
                if failure is not None:
                    return (name, *failure[0]), failure[1]
            return None

        checks.append(check)
        return checks

    def _array(self, schema: dict[str, Any]) -> list[Check]:
        prefix = [self.compile(s) for s in schema.get("prefixItems", ())]
        rest = self.compile(schema["items"]) if "items" in schema else None
        low, high = schema.get("minItems"), schema.get("maxItems")
        if not (prefix or rest or low is not None or high is not None):
            return []
        lo, hi = low or 0, high if high is not None else float("inf")

        def check(value: Any) -> Failure | None:
            if not isinstance(value, list):
                return None
            if not lo <= len(value) <= hi:
                return (), _("the list has {count} items, which is too few or too many").format(
                    count=len(value)
                )
            for i, item in enumerate(value):
                sub = prefix[i] if i < len(prefix) else rest
                if sub is None:
                    continue
                failure = sub(item)
                if failure is not None:
                    return (i, *failure[0]), failure[1]
            return None

        return [check]

    def _one_of(self, options: list[Any]) -> Check:
        compiled = [self.compile(o) for o in options]

        def check(value: Any) -> Failure | None:
            failures = [c(value) for c in compiled]
            passed = sum(f is None for f in failures)
            if passed == 1:
                return None
            if passed == 0:
                # The most telling failure is the deepest one.
                return max((f for f in failures if f is not None), key=lambda f: len(f[0]))
            return (), _("the value matches more than one of the allowed forms")

        return check


def compile_schema(schema: dict[str, Any]) -> Check:
    """A check for the whole schema; ValueError when it uses a keyword this module lacks."""
    return SchemaCompiler(schema).compile(schema)


def where(path: tuple[Any, ...]) -> str:
    """A JSON path like staff[3].pin for messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "/"
