"""A subgraph's SDL read into a small model: types, fields and what federation directives say about them.

Federation directives are recognised by what they are, whatever they are called locally (`@key`,
`@federation__key`, or an import renamed `@primaryKey`). Federation internals (`_entities`,
`_service`, `_Any`, `FieldSet`, `link__*`) are dropped here so nothing later sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graphql import (
    BooleanValueNode,
    ConstDirectiveNode,
    ConstValueNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
    print_ast,
)

from .links import (
    FEDERATION_IDENTITY,
    FEDERATION_TYPES,
    REQUIRED_ARGUMENTS,
    LinkError,
    Links,
    directive_arguments,
    federation_directives,
    parse_links,
)
from .results import CompositionError, SubgraphSource
from .typeref import TypeRef

__all__ = ["Applied", "Argument", "EnumValue", "Field", "Key", "Kind", "Subgraph", "TypeDef", "read_subgraph"]

Kind = Literal["object", "interface", "union", "enum", "input", "scalar"]

BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
BUILTIN_DIRECTIVES = frozenset({"deprecated", "specifiedBy", "include", "skip", "oneOf"})
# Federation directives this composer does not merge yet: rejected rather than silently dropped.
UNSUPPORTED_DIRECTIVES = frozenset({"policy", "context", "fromContext"})
# Federation directives that reach the supergraph through their own spec (`@link`ed there), merged by
# the argument strategies of `merge_strategies.py`; where each may be applied.
SPEC_DIRECTIVE_LOCATIONS: dict[str, frozenset[str]] = {
    "authenticated": frozenset({"FIELD_DEFINITION", "OBJECT", "INTERFACE", "SCALAR", "ENUM"}),
    "requiresScopes": frozenset({"FIELD_DEFINITION", "OBJECT", "INTERFACE", "SCALAR", "ENUM"}),
    "cost": frozenset(
        {"ARGUMENT_DEFINITION", "ENUM", "FIELD_DEFINITION", "INPUT_FIELD_DEFINITION", "OBJECT", "SCALAR"}
    ),
    "listSize": frozenset({"FIELD_DEFINITION"}),
}
_TYPE_LOCATIONS = {
    "object": "OBJECT",
    "interface": "INTERFACE",
    "union": "UNION",
    "enum": "ENUM",
    "input": "INPUT_OBJECT",
    "scalar": "SCALAR",
}
INTERNAL_TYPES = frozenset({"_Any", "_Entity", "_Service", "_FieldSet", "link__Import", "link__Purpose"})
INTERNAL_ROOT_FIELDS = frozenset({"_entities", "_service"})
DEFAULT_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}


@dataclass(frozen=True)
class Applied:
    """A directive application that reaches the supergraph (`@tag`, `@deprecated`, composed ones)."""

    name: str
    args: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return f"@{self.name}"
        return f"@{self.name}(" + ", ".join(f"{k}: {v}" for k, v in self.args) + ")"


@dataclass(frozen=True)
class Key:
    """A `@key`; `resolvable_given` when the subgraph wrote `resolvable:` (Apollo prints it back then)."""

    fields: str
    resolvable: bool = True
    extension: bool = False
    resolvable_given: bool = False


@dataclass
class Argument:
    name: str
    type: TypeRef
    default: str | None = None
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class Field:
    """An object/interface field or an input field (`default` only for input fields)."""

    name: str
    parent: str
    type: TypeRef
    args: dict[str, Argument] = field(default_factory=dict)
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    default: str | None = None
    block: int = 0
    external: bool = False
    shareable: bool = False
    requires: str | None = None
    provides: str | None = None
    override_from: str | None = None
    override_label: str | None = None

    @property
    def coordinate(self) -> str:
        return f"{self.parent}.{self.name}"


@dataclass
class EnumValue:
    name: str
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)


@dataclass
class TypeDef:
    """A named type with its definition and extensions folded together."""

    name: str
    kind: Kind
    description: str | None = None
    directives: list[Applied] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    shareable_blocks: set[int] = field(default_factory=set)
    external_type: bool = False
    interface_object: bool = False
    extends: bool = False
    has_definition: bool = False
    fields: dict[str, Field] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, EnumValue] = field(default_factory=dict)

    @property
    def effective_kind(self) -> Kind:
        """An `@interfaceObject` stands for an interface."""
        return "interface" if self.interface_object else self.kind


@dataclass
class Subgraph:
    name: str
    url: str
    links: Links
    version: tuple[int, int] = (2, 0)
    types: dict[str, TypeDef] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    composed_directives: list[str] = field(default_factory=list)
    directive_definitions: dict[str, DirectiveDefinitionNode] = field(default_factory=dict)

    def implementations(self, interface: str) -> list[TypeDef]:
        return [t for t in self.types.values() if interface in t.interfaces and t.kind == "object"]


@dataclass
class _Reader:
    """Builds a `Subgraph` from a parsed document, collecting errors as it goes."""

    subgraph: Subgraph
    errors: list[CompositionError] = field(default_factory=list)
    block_counter: int = 0

    def error(self, code: str, message: str, coordinate: str | None = None) -> None:
        name = self.subgraph.name
        self.errors.append(CompositionError(code, f"[{name}] {message}", (name,), coordinate))

    def federation_name(self, directive: ConstDirectiveNode) -> str | None:
        """The federation directive behind `directive` (e.g. `key`), or None for anything else.

        Arguments are checked against the linked federation version (`label` of `@override` needs v2.7).
        """
        resolved = self.subgraph.links.resolve_directive(directive.name.value)
        if resolved is None or resolved[0].identity != FEDERATION_IDENTITY:
            return None
        name, version = resolved[1], resolved[0].version
        if name not in federation_directives(version):
            return None
        allowed = directive_arguments(name, version)
        for argument in directive.arguments or ():
            if allowed is not None and argument.name.value not in allowed:
                self.error(
                    "INVALID_GRAPHQL",
                    f'Unknown argument "{argument.name.value}" on directive "@{directive.name.value}" '
                    f"(federation v{version[0]}.{version[1]}). Remove it, or link a federation version that has it.",
                )
        given = {a.name.value for a in directive.arguments or ()}
        for required in REQUIRED_ARGUMENTS.get(name, ()):
            if required not in given:
                self.error(
                    "INVALID_GRAPHQL",
                    f'Directive "@{directive.name.value}" argument "{required}" is required, but it was not '
                    "provided. Add it.",
                )
        return name

    def duplicate_field(self, coordinate: str) -> None:
        # Apollo accepts repeated enum values and arguments, so only fields are checked.
        message = f'Field "{coordinate}" can only be defined once. Remove the repetition.'
        self.error("INVALID_GRAPHQL", message, coordinate)

    def fields_not_a_string(self, code: str, where: str, coordinate: str) -> None:
        self.error(
            code,
            f'{where}: invalid value for argument "fields": must be a string. Write the field set in quotes, '
            'e.g. fields: "id".',
            coordinate,
        )

    def kept(self, directive: ConstDirectiveNode, coordinate: str) -> Applied | None:
        """A non-federation directive application; merging keeps the built-in and composed ones."""
        name = directive.name.value
        args = tuple((a.name.value, print_ast(a.value)) for a in directive.arguments or ())
        linked = self.subgraph.links.resolve_directive(name)
        if (
            name in BUILTIN_DIRECTIVES
            or name in self.subgraph.directive_definitions
            or (linked is not None and linked[0].identity != FEDERATION_IDENTITY)
        ):
            return Applied(name, args)
        self.error(
            "INVALID_GRAPHQL",
            f'Unknown directive "@{name}" on "{coordinate}". Define it in this subgraph or import it with @link.',
            coordinate,
        )
        return None

    def common(
        self, directive: ConstDirectiveNode, fed: str, coordinate: str, into: list[Applied], location: str
    ) -> bool:
        """Handle directives that mean the same on every element; True when handled."""
        if fed in ("tag", "inaccessible"):
            into.append(Applied(fed, tuple((a.name.value, print_ast(a.value)) for a in directive.arguments or ())))
            return True
        if fed in SPEC_DIRECTIVE_LOCATIONS:
            self.spec_directive(directive, fed, coordinate, into, location)
            return True
        if fed in UNSUPPORTED_DIRECTIVES:
            self.error(
                "UNSUPPORTED_FEATURE",
                f'Directive "@{directive.name.value}" on "{coordinate}" is not supported by this composer yet: '
                "remove it or compose with Apollo's composition.",
                coordinate,
            )
            return True
        return False

    def spec_directive(
        self, directive: ConstDirectiveNode, fed: str, coordinate: str, into: list[Applied], location: str
    ) -> None:
        """`@authenticated`, `@requiresScopes`, `@cost`, `@listSize`: kept under their spec's own name."""
        if directive.name.value != fed:
            self.error(
                "UNSUPPORTED_FEATURE",
                f'Directive "@{directive.name.value}" on "{coordinate}" is @{fed} under another name, which this '
                f'composer does not support yet: import it as "@{fed}".',
                coordinate,
            )
        elif location not in SPEC_DIRECTIVE_LOCATIONS[fed]:
            self.error(
                "INVALID_GRAPHQL",
                f'Directive "@{fed}" may not be used on {location} ("{coordinate}"). Remove it there.',
                coordinate,
            )
        else:
            into.append(Applied(fed, tuple((a.name.value, print_ast(a.value)) for a in directive.arguments or ())))

    def read(self, document: DocumentNode) -> None:
        for definition in document.definitions:
            if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode):
                self.read_schema(definition)
            elif isinstance(definition, DirectiveDefinitionNode):
                self.read_directive_definition(definition)
        for definition in document.definitions:
            if isinstance(definition, TypeDefinitionNode | TypeExtensionNode):
                self.read_type(definition)
        self.rename_roots()

    def read_schema(self, node: SchemaDefinitionNode | SchemaExtensionNode) -> None:
        for op in node.operation_types or ():
            self.subgraph.roots[op.operation.value] = op.type.name.value
        for directive in node.directives or ():
            if self.federation_name(directive) == "composeDirective":
                arg = _arg(directive, "name")
                if isinstance(arg, StringValueNode):
                    self.subgraph.composed_directives.append(arg.value)

    def read_directive_definition(self, node: DirectiveDefinitionNode) -> None:
        name = node.name.value
        resolved = self.subgraph.links.resolve_directive(name)
        if name in BUILTIN_DIRECTIVES or name == "link" or (resolved and resolved[0].identity == FEDERATION_IDENTITY):
            return
        self.subgraph.directive_definitions[name] = node

    def is_internal_type(self, name: str) -> bool:
        if name in INTERNAL_TYPES or name.startswith(("link__", "federation__")):
            return True
        federation = self.subgraph.links.federation
        return federation is not None and federation.imports.get(name) in FEDERATION_TYPES

    def read_type(self, node: TypeDefinitionNode | TypeExtensionNode) -> None:
        name = node.name.value
        if self.is_internal_type(name):
            return
        kind = _kind(node)
        existing = self.subgraph.types.get(name)
        if existing is None:
            existing = self.subgraph.types[name] = TypeDef(name, kind)
        elif existing.kind != kind:
            self.error("INVALID_GRAPHQL", f'Type "{name}" is defined twice with different kinds.', name)
            return
        t = existing
        is_extension = isinstance(node, TypeExtensionNode)
        self.block_counter += 1
        block = 0 if not is_extension else self.block_counter
        if isinstance(node, TypeDefinitionNode):
            if t.has_definition:
                message = f'There can be only one type named "{name}". Remove the repetition (or use `extend type`).'
                self.error("INVALID_GRAPHQL", message, name)
            t.has_definition = True
            if node.description is not None:
                t.description = node.description.value
        for directive in node.directives or ():
            self.read_type_directive(t, directive, is_extension, block)
        for iface in getattr(node, "interfaces", None) or ():
            t.interfaces.append(iface.name.value)
        for member in getattr(node, "types", None) or ():
            t.members.append(member.name.value)
        for value in getattr(node, "values", None) or ():
            ev = EnumValue(value.name.value, value.description.value if value.description else None)
            for directive in value.directives or ():
                self.read_element_directive(ev.directives, directive, f"{name}.{ev.name}", "ENUM_VALUE")
            t.values[ev.name] = ev
        for fnode in getattr(node, "fields", None) or ():
            if name == self.subgraph.roots.get("query", "Query") and fnode.name.value in INTERNAL_ROOT_FIELDS:
                continue
            f = self.read_field(name, fnode, block)
            if f.name in t.fields:
                self.duplicate_field(f.coordinate)
            t.fields[f.name] = f

    def read_type_directive(self, t: TypeDef, directive: ConstDirectiveNode, is_extension: bool, block: int) -> None:
        fed = self.federation_name(directive)
        if fed is None:
            applied = self.kept(directive, t.name)
            if applied is not None:
                t.directives.append(applied)
            return
        if self.common(directive, fed, t.name, t.directives, _TYPE_LOCATIONS[t.kind]):
            return
        if fed == "key":
            fields = _arg(directive, "fields")
            resolvable = _arg(directive, "resolvable")
            if not isinstance(fields, StringValueNode):
                if fields is not None:  # a missing argument is reported with the directive's arguments
                    self.fields_not_a_string("KEY_INVALID_FIELDS_TYPE", f'On type "{t.name}", for @key', t.name)
                return
            t.keys.append(
                Key(
                    fields.value,
                    not (isinstance(resolvable, BooleanValueNode) and not resolvable.value),
                    is_extension,
                    isinstance(resolvable, BooleanValueNode),
                )
            )
        elif fed == "shareable":
            t.shareable_blocks.add(block)
        elif fed == "external":
            t.external_type = True
        elif fed == "interfaceObject":
            t.interface_object = True
        elif fed == "extends":
            t.extends = True

    def read_element_directive(
        self, into: list[Applied], directive: ConstDirectiveNode, coordinate: str, location: str
    ) -> None:
        fed = self.federation_name(directive)
        if fed is None:
            applied = self.kept(directive, coordinate)
            if applied is not None:
                into.append(applied)
        elif not self.common(directive, fed, coordinate, into, location):
            self.error(
                "INVALID_GRAPHQL",
                f'Directive "@{directive.name.value}" cannot be applied to "{coordinate}".',
                coordinate,
            )

    def read_field(self, parent: str, node: FieldDefinitionNode | InputValueDefinitionNode, block: int) -> Field:
        coordinate = f"{parent}.{node.name.value}"
        f = Field(
            node.name.value,
            parent,
            TypeRef.from_ast(node.type),
            description=node.description.value if node.description else None,
            block=block,
        )
        location = "INPUT_FIELD_DEFINITION" if isinstance(node, InputValueDefinitionNode) else "FIELD_DEFINITION"
        if isinstance(node, InputValueDefinitionNode):
            f.default = print_ast(node.default_value) if node.default_value is not None else None
        else:
            for arg in node.arguments or ():
                a = Argument(
                    arg.name.value,
                    TypeRef.from_ast(arg.type),
                    print_ast(arg.default_value) if arg.default_value is not None else None,
                    arg.description.value if arg.description else None,
                )
                for directive in arg.directives or ():
                    self.read_element_directive(
                        a.directives, directive, f"{coordinate}({a.name}:)", "ARGUMENT_DEFINITION"
                    )
                f.args[a.name] = a
        for directive in node.directives or ():
            fed = self.federation_name(directive)
            if fed is None:
                applied = self.kept(directive, coordinate)
                if applied is not None:
                    f.directives.append(applied)
            elif self.common(directive, fed, coordinate, f.directives, location):
                continue
            elif fed == "external":
                f.external = True
            elif fed == "shareable":
                f.shareable = True
            elif fed in ("requires", "provides"):
                value = _arg(directive, "fields")
                if isinstance(value, StringValueNode):
                    setattr(f, fed, value.value)
                elif value is not None:
                    code = f"{fed.upper()}_INVALID_FIELDS_TYPE"
                    self.fields_not_a_string(code, f'On field "{coordinate}", for @{fed}', coordinate)
            elif fed == "override":
                source, label = _arg(directive, "from"), _arg(directive, "label")
                f.override_from = source.value if isinstance(source, StringValueNode) else None
                f.override_label = label.value if isinstance(label, StringValueNode) else None
            else:
                self.error(
                    "INVALID_GRAPHQL", f'Directive "@{directive.name.value}" cannot be applied to field "{coordinate}".'
                )
        return f

    def rename_roots(self) -> None:
        """Root types go into the supergraph under their default names (`Query`, ...)."""
        for operation, name in list(self.subgraph.roots.items()):
            default = DEFAULT_ROOTS[operation]
            if name != default and default in self.subgraph.types:
                self.error(
                    f"ROOT_{operation.upper()}_USED",
                    f'The schema has a type named "{default}" but it is not set as the {operation} root type '
                    f'("{name}" is instead): this is not supported by federation. If a root type does not use its '
                    f'default name, there should be no other type with that default name. Rename "{default}", or '
                    "make it the root type.",
                    default,
                )
                continue
            t = self.subgraph.types.pop(name, None)
            if t is not None:
                t.name = default
                for f in t.fields.values():
                    f.parent = default
                self.subgraph.types[default] = t
        # Every subgraph has a query root (federation adds `_service` to it), even when it adds no field.
        self.subgraph.types.setdefault("Query", TypeDef("Query", "object", has_definition=True))
        self.subgraph.roots = {op: n for op, n in DEFAULT_ROOTS.items() if n in self.subgraph.types}


def _arg(directive: ConstDirectiveNode, name: str) -> ConstValueNode | None:
    return next((a.value for a in directive.arguments or () if a.name.value == name), None)


def _kind(node: TypeDefinitionNode | TypeExtensionNode) -> Kind:
    if isinstance(node, ObjectTypeDefinitionNode | ObjectTypeExtensionNode):
        return "object"
    if isinstance(node, InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode):
        return "interface"
    if isinstance(node, UnionTypeDefinitionNode | UnionTypeExtensionNode):
        return "union"
    if isinstance(node, EnumTypeDefinitionNode | EnumTypeExtensionNode):
        return "enum"
    if isinstance(node, InputObjectTypeDefinitionNode | InputObjectTypeExtensionNode):
        return "input"
    assert isinstance(node, ScalarTypeDefinitionNode | ScalarTypeExtensionNode)
    return "scalar"


def read_subgraph(source: SubgraphSource) -> tuple[Subgraph | None, list[CompositionError]]:
    """Parse one subgraph's SDL; returns the model (None if unusable) and the errors found."""

    def fail(code: str, message: str) -> tuple[None, list[CompositionError]]:
        return None, [CompositionError(code, f"[{source.name}] {message}", (source.name,))]

    try:
        document = parse(source.sdl)
    except GraphQLSyntaxError as e:
        return fail("INVALID_GRAPHQL", f"Syntax error in the SDL: {e.message} (line {_line(e)})")
    try:
        links = parse_links(document)
    except LinkError as e:
        return fail(e.code, str(e))
    federation = links.federation
    if federation is None:
        return fail(
            "UNSUPPORTED_FEDERATION_VERSION",
            "The subgraph does not @link the federation spec (Federation 1 SDL). Add `extend schema @link(url: "
            '"https://specs.apollo.dev/federation/v2.11", import: ["@key", ...])` to compose it.',
        )
    reader = _Reader(Subgraph(source.name, source.url, links, federation.version))
    reader.read(document)
    return reader.subgraph, reader.errors


def _line(error: GraphQLSyntaxError) -> int:
    locations = error.locations or []
    return locations[0].line if locations else 0
