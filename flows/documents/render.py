"""Rendering the templates (docxtpl, autoescape on), PDF copies through LibreOffice, and the
check that templates and code agree on every field."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from pydantic import BaseModel

from flows.documents.contexts import CONTEXTS
from flows.settings import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "templates"


class _Compiled(jinja2.Environment):
    """Jinja that compiles each part of a template once: docxtpl hands over the same body,
    header and footer XML for every document of a kind, and compiling it is a third of the
    time a document takes (``tanu bench documents``)."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        found = self._compiled.get(source)
        if found is None:
            found = self._compiled[source] = super().from_string(source)
        return found


def render(kind: str, context: BaseModel, out: Path, templates: Path = TEMPLATES) -> Path:
    """Render one document. Autoescape keeps ``R & Python <Advanced>`` or ``{{ }}`` in a value
    literal: values are data, never markup and never template code."""
    template = DocxTemplate(str(templates / f"{kind}.docx"))
    template.render(context.model_dump(), _JINJA, autoescape=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    template.save(str(out))
    return out


_JINJA = _Compiled()  # the compiled parts of the templates, shared by the documents rendered


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(documents: Sequence[Path], out_dir: Path, timeout: float = 300) -> list[Path]:
    """PDF copies of all the documents in one LibreOffice call; [] when LibreOffice is missing
    (the caller says so once and keeps the DOCX)."""
    program = soffice()
    if program is None or not documents:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tanu-lo-") as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, documents),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    return [out_dir / f"{d.stem}.pdf" for d in documents if (out_dir / f"{d.stem}.pdf").exists()]


# ------------------------------------------------------------------ the template check
@dataclass(frozen=True)
class TemplateReport:
    kind: str
    used: frozenset[str]  # placeholders the template uses, as dotted paths
    unknown: frozenset[str]  # used but not provided by the code
    unused: frozenset[str]  # provided but never used

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.unused


def provided(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field path a context model provides (``cases``, ``cases.learner`` …)."""
    out: set[str] = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        out.add(path)
        inner = getattr(info.annotation, "__args__", None)
        item = inner[0] if inner else info.annotation
        if isinstance(item, type) and issubclass(item, BaseModel):
            out |= provided(item, f"{path}.")
    return out


def used_paths(source: str) -> set[str]:
    """The dotted paths a Jinja template reads, loop variables resolved to what they iterate."""
    tree = jinja2.Environment().parse(source)
    found: set[str] = set()

    def path(node: nodes.Node, scope: dict[str, str]) -> str | None:
        if isinstance(node, nodes.Name):
            if node.name == "loop":
                return None
            return scope.get(node.name, node.name)
        if isinstance(node, nodes.Getattr):
            base = path(node.node, scope)
            return None if base is None else f"{base}.{node.attr}"
        return None

    def walk(node: nodes.Node, scope: dict[str, str]) -> None:
        if isinstance(node, nodes.For):
            iterable = path(node.iter, scope)
            if iterable:
                found.add(iterable)
            inner = dict(scope)
            if isinstance(node.target, nodes.Name) and iterable:
                inner[node.target.name] = iterable
            for child in [*node.body, *node.else_]:
                walk(child, inner)
            return
        if isinstance(node, nodes.Getattr | nodes.Name):
            p = path(node, scope)
            if p:
                found.add(p)
                return
        for child in node.iter_child_nodes():
            walk(child, scope)

    walk(tree, {})
    return found


def _template_names(path: Path) -> set[str]:
    """Dotted paths used in the body, plus top-level names used anywhere (headers too)."""
    template = DocxTemplate(str(path))
    template.init_docx()
    body = used_paths(template.patch_xml(template.get_xml()))
    return body | set(template.get_undeclared_template_variables())


def check_templates(templates: Path = TEMPLATES) -> list[TemplateReport]:
    reports = []
    for kind, model in CONTEXTS.items():
        path = templates / f"{kind}.docx"
        used = _template_names(path) if path.exists() else set()
        given = provided(model)
        # a list that is iterated counts as used through its items
        unused = {
            p for p in given if p not in used and not any(u.startswith(p + ".") for u in used)
        }
        reports.append(
            TemplateReport(kind, frozenset(used), frozenset(used - given), frozenset(unused))
        )
    return reports


def context_json(context: BaseModel) -> dict[str, Any]:
    return context.model_dump()
