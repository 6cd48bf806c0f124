"""`@inaccessible` must leave a valid API schema: nothing visible may point at or need a hidden element."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeAlias

from ..results import CompositionError
from ..subgraph import Applied

if TYPE_CHECKING:
    from ..merged import Merged
    from ..model import MergedType

# (code, message with a "@@WHERE" slot for the defining subgraphs, type name, coordinate) -> error
ErrorFactory: TypeAlias = Callable[[str, str, str, str], CompositionError]


def _hidden(directives: list[Applied]) -> bool:
    return any(d.name == "inaccessible" for d in directives)


def _subgraphs_with(merged: Merged, type_name: str) -> tuple[str, ...]:
    return tuple(s.name for s in merged.subgraphs if type_name in s.types)


def check_inaccessible(merged: Merged) -> Iterator[CompositionError]:
    hidden_types = {t.name for t in merged.types.values() if t.is_inaccessible()}

    def error(code: str, message: str, type_name: str, coordinate: str) -> CompositionError:
        subgraphs = _subgraphs_with(merged, type_name)
        indexes = [i for i, s in enumerate(merged.subgraphs) if s.name in subgraphs]
        where = f" (defined in {merged.names(indexes)})" if indexes else ""
        return CompositionError(code, message.replace("@@WHERE", where), subgraphs, coordinate)

    if "Query" in hidden_types:
        yield error(
            "QUERY_ROOT_TYPE_INACCESSIBLE",
            'Type "Query" is @inaccessible but is the root query type, which must be in the API schema@@WHERE. '
            'Remove @inaccessible from "Query".',
            "Query",
            "Query",
        )
    for t in merged.types.values():
        if t.name in hidden_types:
            continue
        yield from _children(t, hidden_types, error)
        for f in t.fields.values():
            if _hidden(f.directives):
                for iface in t.interfaces:
                    implemented = merged.types.get(iface)
                    if iface in hidden_types or implemented is None or f.name not in implemented.fields:
                        continue
                    if not _hidden(implemented.fields[f.name].directives):
                        yield error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Field "{f.coordinate}" is @inaccessible but implements the interface field '
                            f'"{iface}.{f.name}", which is in the API schema@@WHERE. Mark "{iface}.{f.name}" '
                            f'@inaccessible too, or make "{f.coordinate}" accessible.',
                            t.name,
                            f.coordinate,
                        )
                continue
            assert f.type is not None
            if f.type.base in hidden_types:
                yield error(
                    "REFERENCED_INACCESSIBLE",
                    f'Type "{f.type.base}" is @inaccessible but is referenced by "{f.coordinate}", which is in the '
                    f'API schema@@WHERE. Mark "{f.coordinate}" @inaccessible too, or make "{f.type.base}" accessible.',
                    t.name,
                    f.coordinate,
                )
            for a in f.args.values():
                coordinate = f"{f.coordinate}({a.name}:)"
                if not _hidden(a.directives) and a.type.base in hidden_types:
                    yield error(
                        "REFERENCED_INACCESSIBLE",
                        f'Type "{a.type.base}" is @inaccessible but is referenced by "{coordinate}", which is in '
                        f'the API schema@@WHERE. Mark the argument @inaccessible too, or make "{a.type.base}" '
                        "accessible.",
                        t.name,
                        coordinate,
                    )
                if _hidden(a.directives) and a.type.is_non_null and a.default is None:
                    yield error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{coordinate}" is @inaccessible but is a required argument of its field@@WHERE. '
                        "Give it a default value or make it nullable, or remove @inaccessible.",
                        t.name,
                        coordinate,
                    )


def _children(t: MergedType, hidden_types: set[str], error: ErrorFactory) -> Iterator[CompositionError]:
    if t.kind in ("object", "interface", "input"):
        visible = sum(not _hidden(f.directives) for f in t.fields.values())
        what = "fields"
    elif t.kind == "union":
        visible = sum(m not in hidden_types for m in t.members)
        what = "members"
    elif t.kind == "enum":
        visible = sum(not _hidden(v.directives) for v in t.values.values())
        what = "values"
    else:
        return
    if not visible:
        yield error(
            "ONLY_INACCESSIBLE_CHILDREN",
            f'Type "{t.name}" is in the API schema but all of its {what} are @inaccessible@@WHERE. '
            f'Make one of them accessible, or mark "{t.name}" @inaccessible too.',
            t.name,
            t.name,
        )
    if t.kind == "input":
        for f in t.fields.values():
            assert f.type is not None
            if _hidden(f.directives) and f.type.is_non_null and f.default is None:
                yield error(
                    "REQUIRED_INACCESSIBLE",
                    f'Input field "{f.coordinate}" is @inaccessible but is a required input field of its type@@WHERE. '
                    "Give it a default value or make it nullable, or remove @inaccessible.",
                    t.name,
                    f.coordinate,
                )
