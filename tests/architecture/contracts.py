"""An import-linter contract type the built-in ones cannot express: some modules may import a package but not
certain names from it (domain code may render a template with Flask, but never touch the HTTP request).

Configured in pyproject.toml as type `forbidden_names`:
    source_modules   modules (and their descendants) to check
    forbidden_names  "package.name" entries, e.g. "flask.request"; a bare `import package` of such a package is
                     refused too, since it reaches every name
"""

from __future__ import annotations

import re

import grimp
from importlinter import Contract, ContractCheck, fields, output

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?([^)#]*)")
_IMPORT = re.compile(r"^\s*import\s+([\w., ]+)")


def imported_names(line: str) -> tuple[str, set[str]] | None:
    """(module, names) of a `from module import a, b as c` line; (module, {"*"}) for `import module`."""
    match = _FROM.match(line)
    if match:
        names = {part.strip().split(" as ")[0].strip() for part in match.group(2).split(",")}
        return match.group(1), {name for name in names if name}
    match = _IMPORT.match(line)
    if match:
        modules = [part.strip().split(" as ")[0].strip() for part in match.group(1).split(",")]
        return modules[0], {"*"}
    return None


class ForbiddenNamesContract(Contract):
    type_name = "forbidden_names"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_names = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        forbidden: dict[str, set[str]] = {}
        for entry in self.forbidden_names:  # type: ignore[attr-defined]
            package, _, name = str(entry).rpartition(".")
            forbidden.setdefault(package, set()).add(name)
        sources: set[str] = set()
        for module in self.source_modules:  # type: ignore[attr-defined]
            sources |= {str(module)} | graph.find_descendants(str(module))
        violations: list[str] = []
        for importer in sorted(sources):
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                root = imported.split(".")[0]
                if root not in {package.split(".")[0] for package in forbidden}:
                    continue
                for detail in graph.get_import_details(importer=importer, imported=imported):
                    parsed = imported_names(detail["line_contents"])
                    if parsed is None:
                        continue
                    module, names = parsed
                    banned = forbidden.get(module, set())
                    hit = names & banned if "*" not in names else (banned or set())
                    if "*" in names and module in forbidden:
                        hit = {"*"}
                    for name in sorted(hit):
                        violations.append(f"{importer}:{detail['line_number']} imports {module}.{name}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            output.print_error(violation)
            output.new_line()
