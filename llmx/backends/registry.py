"""Backends by name, from the ``llmx.backends`` entry-point group (as simonw/llm and
langextract find their plugins). llmx declares its own two in ``pyproject.toml``; a package
that declares another one in the same group is found the same way::

    [project.entry-points."llmx.backends"]
    mybackend = "mypackage.backend:MyBackend"

An entry point names a ``Backend`` subclass, built with its ``from_options``; it is
imported only when that backend is asked for, so the CLI starts fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from llmx.backends.base import Backend
from llmx.errors import ConfigError

GROUP = "llmx.backends"


@dataclass(frozen=True)
class BackendInfo:
    """What ``llmx backends list`` shows about one backend (importing it to ask)."""

    name: str
    target: str  # "module:attribute" of the entry point
    description: str
    offline: bool
    concurrent: bool
    distribution: str | None
    error: str | None = None  # why a plugin could not be loaded; it is listed, not fatal
    processes: bool = False  # runs in worker processes (--workers)


def _entry_points() -> dict[str, EntryPoint]:
    found = {ep.name: ep for ep in entry_points(group=GROUP)}
    if not found:
        raise ConfigError(
            "no extraction backends are registered: install llmx (pip install -e .) so its "
            f"{GROUP!r} entry points exist"
        )
    return found


def backend_names() -> list[str]:
    return sorted(_entry_points())


def get_backend(name: str, **options: Any) -> Backend:
    """Build the backend registered as ``name`` with ``options``."""
    return _backend_class(_known(name)).from_options(**options)


def get_backend_for(name: str, given: Mapping[str, Any]) -> Backend:
    """For callers holding every option they know of (the CLI): options left unset (None)
    and options this backend does not take are dropped, so ``--model`` from the
    environment does not trouble the offline backend."""
    cls = _backend_class(_known(name))
    return cls.from_options(
        **{k: v for k, v in given.items() if v is not None and k in cls.option_names}
    )


def _known(name: str) -> EntryPoint:
    eps = _entry_points()
    if name not in eps:
        raise ConfigError(f"unknown backend {name!r}; choose one of: {', '.join(sorted(eps))}")
    return eps[name]


def _backend_class(ep: EntryPoint) -> type[Backend]:
    target = ep.load()
    if not (isinstance(target, type) and issubclass(target, Backend)):
        raise ConfigError(f"backend {ep.name!r} ({ep.value}) is not an llmx Backend class")
    return target


def backend_infos() -> list[BackendInfo]:
    """Every registered backend, with the capabilities its class declares. A plugin that
    does not load is listed with its error, so one broken package hides nothing else."""
    infos = []
    for name, ep in sorted(_entry_points().items()):
        dist = ep.dist.name if ep.dist is not None else None
        try:
            cls = _backend_class(ep)
        except Exception as exc:  # a third party's import error, or not a Backend
            infos.append(BackendInfo(name, ep.value, "", False, False, dist, error=str(exc)))
            continue
        infos.append(
            BackendInfo(
                name, ep.value, cls.description, cls.offline, cls.concurrent, dist,
                processes=cls.processes,
            )  # fmt: skip
        )
    return infos
