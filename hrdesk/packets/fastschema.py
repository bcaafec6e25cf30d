"""A fast checker for the subset of JSON Schema (2020-12) that the packet schemas use.

jsonschema needs about 5 s for a 1,000-person payload; MKK imports 40,000 people at once. A
schema is compiled once, twice over: into Python source (VerdictWriter: one function per $defs
entry, small definitions inlined), which says whether a document is valid over 100 times faster
than jsonschema; and into nested closures (SchemaCompiler), which run only for a document that
is not, to name the first failure and its place. (fastjsonschema works the same way but lacks
2020-12's prefixItems.) It knows only the keywords below and refuses a schema that uses any
other, so the schema file cannot silently say more than is checked; tests compare its verdicts
with jsonschema's.

Keywords: $ref (to #/$defs/...), type, enum, const, pattern, minLength, maxLength, minimum,
maximum, required, properties, additionalProperties, maxProperties, propertyNames, items,
prefixItems, minItems, maxItems, oneOf. Annotations ($schema, $id, $defs, title, description)
are ignored.
"""

from __future__ import annotations

import math
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
            "propertyNames",
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
        names = self.compile(schema["propertyNames"]) if "propertyNames" in schema else None
        if not (required or properties or extra or most is not None or names):
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
            if names is not None:
                for name in value:
                    failure = names(name)
                    if failure is not None:
                        return (), failure[1]
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


def where(path: tuple[Any, ...]) -> str:
    """A JSON path like staff[3].pin for messages."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "/"


# --- the verdict as generated code ----------------------------------------------------------

_STRUCTURE = frozenset(
    {"properties", "additionalProperties", "required", "propertyNames", "items", "prefixItems"}
) | {"oneOf"}
_TYPE_TESTS = {
    "null": "{x} is None",
    "boolean": "type({x}) is bool",
    "object": "type({x}) is dict",
    "array": "type({x}) is list",
    "string": "type({x}) is str",
    "number": "(type({x}) is int or type({x}) is float)",
    "integer": "(type({x}) is int or type({x}) is float and {x}.is_integer())",
}


def _all(parts: list[str]) -> str:
    parts = [p for p in parts if p != "True"]
    if len(parts) == 1:
        return parts[0]
    return " and ".join(f"({p})" for p in parts) if parts else "True"


def _any(parts: list[str]) -> str:
    if "True" in parts:
        return "True"
    if len(parts) == 1:
        return parts[0]
    return " or ".join(f"({p})" for p in parts) if parts else "False"


def _bounds(x: str, low: Any, high: Any) -> str:
    for bound in (low, high):
        # Written into the source as literals: a number Python writes back as itself.
        if bound is not None and (type(bound) not in (int, float) or not math.isfinite(bound)):
            raise ValueError(f"a bound this checker cannot write: {bound!r}")
    if low is None:
        return "True" if high is None else f"{x} <= {high!r}"
    if high is None:
        return f"{low!r} <= {x}"
    return f"{x} == {low!r}" if low == high else f"{low!r} <= {x} <= {high!r}"


class VerdictWriter:
    """Writes a schema as Python source whose functions return whether a value is valid: one
    function per $defs entry with structure, the small definitions (a date, a rating) inlined
    as expressions where they are used. A call per value was most of the closures' time.

    It only judges; the closures above explain a failure, in the order they always did."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"_equal": _equal}
        self.functions: dict[str, str] = {}  # $defs name -> its function
        self.inlining: set[str] = set()
        self.count = 0

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, value: Any) -> str:
        name = self.fresh("_k")
        self.names[name] = value
        return name

    def function(self, schema: Any, definition: str = "") -> str:
        name = self.fresh("_f")
        if definition:
            self.functions[definition] = name  # before the body: a definition may refer to itself
        body = self.block(schema, "v", "        ")
        self.lines += [
            f"def {name}(v):",
            "    try:",
            *body,
            "    except KeyError:  # a required field is missing",
        ]
        self.lines += ["        return False", "    return True", ""]
        return name

    def expression(self, schema: Any, x: str) -> str | None:
        """True when the value in the variable x is valid; None when it takes statements."""
        if schema is True or schema is False:
            return str(schema)
        unknown = set(schema) - KNOWN
        if unknown:
            raise ValueError(f"keywords this checker does not know: {sorted(unknown)}")
        if _STRUCTURE & set(schema):
            return None
        parts = [self.typed(schema, x)]
        if "$ref" in schema:
            parts.insert(0, self.ref(schema["$ref"], x))
        if "enum" in schema:
            parts.append(self.enum(schema["enum"], x))
        if "const" in schema:
            expected = schema["const"]
            # A value that is not a string never equals one, so == alone is JSON's equality.
            parts.append(
                f"{x} == {expected!r}"
                if isinstance(expected, str)
                else f"_equal({x}, {self.constant(expected)})"
            )
        return _all(parts)

    def block(self, schema: Any, x: str, indent: str) -> list[str]:
        """Statements that return False when the value in the variable x is invalid."""
        simple = self.expression(schema, x)
        if simple is not None:
            return (
                []
                if simple == "True"
                else [f"{indent}if not ({simple}):", f"{indent}    return False"]
            )
        head = self.expression({k: v for k, v in schema.items() if k not in _STRUCTURE}, x)
        lines = [] if head == "True" else [f"{indent}if not ({head}):", f"{indent}    return False"]
        lines += self.object(schema, x, indent)
        lines += self.array(schema, x, indent)
        if "oneOf" in schema:
            lines += self.one_of(schema["oneOf"], x, indent)
        return lines

    def ref(self, ref: str, x: str) -> str:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"only local $defs references are supported: {ref!r}")
        name = ref[len("#/$defs/") :]
        target = self.root["$defs"][name]
        if name not in self.inlining:
            self.inlining.add(name)
            try:
                inline = self.expression(target, x)
            finally:
                self.inlining.discard(name)
            if inline is not None:
                return inline
        if name not in self.functions:
            self.function(target, name)
        return f"{self.functions[name]}({x})"

    def typed(self, schema: dict[str, Any], x: str) -> str:
        """The type and the keywords that apply to one type only (length, bounds, sizes)."""
        text: list[str] = []
        if "minLength" in schema or "maxLength" in schema:
            text.append(
                _bounds(f"len({x})", schema.get("minLength") or None, schema.get("maxLength"))
            )
        if "pattern" in schema:
            search = self.constant(re.compile(schema["pattern"]).search)
            text.append(f"{search}({x}) is not None")
        number = [_bounds(x, schema.get("minimum"), schema.get("maximum"))]
        fields = [_bounds(f"len({x})", None, schema.get("maxProperties"))]
        items = [_bounds(f"len({x})", schema.get("minItems") or None, schema.get("maxItems"))]
        if "type" not in schema:
            kinds = [
                (f"not isinstance({x}, str)", _all(text)),
                (f"type({x}) is bool or not isinstance({x}, int | float)", _all(number)),
                (f"not isinstance({x}, dict)", _all(fields)),
                (f"not isinstance({x}, list)", _all(items)),
            ]
            return _all([f"{other} or {test}" for other, test in kinds if test != "True"])
        wanted = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
        unknown = set(wanted) - set(_TYPE_TESTS)
        if unknown:
            raise ValueError(f"unknown JSON types {sorted(unknown)}")
        checks = {"string": text, "number": number, "integer": number}
        checks |= {"object": fields, "array": items}
        return _any(
            [
                _all([_TYPE_TESTS[kind].format(x=x), *checks.get(kind, [])])
                for kind in sorted(wanted, key=lambda k: k != "null")  # `is None` costs least
                if not (kind == "integer" and "number" in wanted)
            ]
        )

    def enum(self, options: list[Any], x: str) -> str:
        if all(o is None or isinstance(o, str) for o in options):
            texts = self.constant(frozenset(o for o in options if o is not None))
            test = f"type({x}) is str and {x} in {texts}"
            return f"{x} is None or {test}" if None in options else test
        return f"any(_equal({x}, o) for o in {self.constant(list(options))})"

    def object(self, schema: dict[str, Any], x: str, indent: str) -> list[str]:
        required = list(schema.get("required", ()))
        properties = schema.get("properties", {})
        additional = schema.get("additionalProperties", True)
        guarded = schema.get("type") not in ("object", ["object"])
        inner = indent + "    " if guarded else indent
        body: list[str] = []
        exact = additional is False and set(required) == set(properties)
        if exact:
            # The commonest record: these fields, all of them, no others. Its size is compared
            # here; each field is then read, and one that is missing raises KeyError, which the
            # function turns into False. Cheaper than comparing the names as sets.
            body += [f"{inner}if len({x}) != {len(properties)}:", f"{inner}    return False"]
        elif required:
            body += [
                f"{inner}if not {x}.keys() >= {self.constant(frozenset(required))}:",
                f"{inner}    return False",
            ]
        if additional is not True and not exact:
            allowed = self.constant(frozenset(properties))
            if additional is False:
                body += [f"{inner}if not {x}.keys() <= {allowed}:", f"{inner}    return False"]
            else:
                name, item = self.fresh("v"), self.fresh("v")
                body += [
                    f"{inner}for {name} in {x}.keys() - {allowed}:",
                    f"{inner}    {item} = {x}[{name}]",
                    *self.block(additional, item, inner + "    "),
                ]
        for name, sub in properties.items():
            item = self.fresh("v")
            if name in required:
                checks = self.block(sub, item, inner)
                if checks or exact:
                    body += [f"{inner}{item} = {x}[{name!r}]", *checks]
            else:
                checks = self.block(sub, item, inner + "    ")
                if checks:
                    body += [f"{inner}if {name!r} in {x}:", f"{inner}    {item} = {x}[{name!r}]"]
                    body += checks
        if "propertyNames" in schema:
            name = self.fresh("v")
            checks = self.block(schema["propertyNames"], name, inner + "    ")
            if checks:
                body += [f"{inner}for {name} in {x}:", *checks]
        if body and guarded:
            return [f"{indent}if isinstance({x}, dict):", *body]
        return body

    def array(self, schema: dict[str, Any], x: str, indent: str) -> list[str]:
        prefix = schema.get("prefixItems", [])
        guarded = schema.get("type") not in ("array", ["array"])
        inner = indent + "    " if guarded else indent
        body: list[str] = []
        # The statements before these checked minItems and maxItems.
        least = schema.get("minItems", 0)
        if prefix and least == schema.get("maxItems") == len(prefix) and "items" not in schema:
            items = [self.fresh("v") for _ in prefix]
            body.append(f"{inner}{', '.join(items)}, = {x}")
            for item, sub in zip(items, prefix, strict=True):
                body += self.block(sub, item, inner)
            prefix = []
        for n, sub in enumerate(prefix):
            item = self.fresh("v")
            if n < least:
                body += [f"{inner}{item} = {x}[{n}]", *self.block(sub, item, inner)]
                continue
            checks = self.block(sub, item, inner + "    ")
            if checks:
                body += [f"{inner}if len({x}) > {n}:", f"{inner}    {item} = {x}[{n}]", *checks]
        if "items" in schema:
            rest = f"{x}[{len(prefix)}:]" if prefix else x
            item = self.fresh("v")
            simple = self.expression(schema["items"], item)
            call = re.fullmatch(rf"(_f\d+)\({item}\)", simple or "")
            if call:  # one function per item: map() loops in C
                body += [f"{inner}if not all(map({call[1]}, {rest})):", f"{inner}    return False"]
            else:
                checks = self.block(schema["items"], item, inner + "    ")
                if checks:
                    body += [f"{inner}for {item} in {rest}:", *checks]
        if body and guarded:
            return [f"{indent}if isinstance({x}, list):", *body]
        return body

    def one_of(self, options: list[Any], x: str, indent: str) -> list[str]:
        passed = self.fresh("n")
        lines = [f"{indent}{passed} = 0"]
        for option in options:
            test = self.expression(option, x) or f"{self.function(option)}({x})"
            lines += [f"{indent}if {test}:", f"{indent}    {passed} += 1"]
        return [*lines, f"{indent}if {passed} != 1:", f"{indent}    return False"]

    def source(self) -> tuple[str, str]:
        """The module's source and the name of the function for the whole schema."""
        name = self.function(self.root)
        return "\n".join(self.lines), name


def verdict(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether a value is valid, as generated code; ValueError for an unknown keyword."""
    writer = VerdictWriter(schema)
    source, name = writer.source()
    namespace = dict(writer.names)
    exec(compile(source, "<fastschema>", "exec"), namespace)  # noqa: S102 - our own source
    return namespace[name]  # type: ignore[no-any-return]


def compile_schema(schema: dict[str, Any]) -> Check:
    """A check for the whole schema; ValueError when it uses a keyword this module lacks. The
    generated code decides; only for an invalid value do the closures look for the failure."""
    explain = SchemaCompiler(schema).compile(schema)
    valid = verdict(schema)

    def check(value: Any) -> Failure | None:
        return None if valid(value) else explain(value)

    return check
