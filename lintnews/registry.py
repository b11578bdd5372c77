"""Every known rule, and which of them a run selects.

Rules come from three places: the built-in families, the TOML packs (shipped,
configured, or from the ``lintnews.packs`` entry point group) and Python
plugins (the ``lintnews.rules`` entry point group). Nothing from the repository
being checked is ever imported: config can only name TOML packs.

Selectors work like ruff's: ``ALL``, a code (``LN103``), a prefix (``LN1``,
``AP``), a rule name (``missing-space-after-punctuation``) or a pack name
(``boilerplate``). When select and ignore both match a rule, the more specific
selector wins; on a tie, ignore wins.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import entry_points
from pathlib import Path

from lintnews.errors import ConfigError
from lintnews.packs import Pack, load_pack, shipped_pack_paths
from lintnews.rule import Rule

_EXACT = 1000  # a full code or name beats any prefix


class Registry:
    def __init__(self, rules: Iterable[type[Rule]] = (), packs: Iterable[Pack] = ()) -> None:
        self._by_code: dict[str, type[Rule]] = {}
        self._by_name: dict[str, type[Rule]] = {}
        self.packs: dict[str, Pack] = {}
        for rule in rules:
            self.add(rule)
        for pack in packs:
            self.add_pack(pack)

    def add(self, rule: type[Rule]) -> None:
        if not rule.code or not rule.name:
            raise ConfigError(f"rule {rule.__name__} from {rule.origin} has no code or name")
        for key, table, what in ((rule.code, self._by_code, "code"), (rule.name, self._by_name, "name")):
            other = table.get(key)
            if other is not None and other is not rule:
                raise ConfigError(
                    f"rule {what} {key} is defined twice: by {other.origin} and by {rule.origin}"
                )
            table[key] = rule

    def add_pack(self, pack: Pack) -> None:
        if pack.name in self.packs and self.packs[pack.name].path != pack.path:
            raise ConfigError(
                f"{pack.path}: pack name '{pack.name}' is already used by {self.packs[pack.name].path}"
            )
        self.packs[pack.name] = pack
        for rule in pack.rules:
            self.add(rule)

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, key: str) -> type[Rule] | None:
        """A rule by code (case-insensitive) or by name."""
        return self._by_code.get(key.upper()) or self._by_name.get(key)

    @property
    def rules(self) -> list[type[Rule]]:
        return list(iter(self))

    # -- selectors ---------------------------------------------------------

    def specificity(self, selector: str, rule: type[Rule]) -> int:
        """How specifically ``selector`` names ``rule``; -1 if it does not."""
        if selector == "ALL":
            return 0
        if selector == rule.name or selector.upper() == rule.code:
            return _EXACT
        if selector == rule.origin and selector in self.packs:
            return 1
        sel = selector.upper()
        if sel and rule.code.startswith(sel) and selector.isalnum():
            return len(sel)
        return -1

    def matches(self, selector: str, code: str) -> bool:
        rule = self._by_code.get(code)
        return rule is not None and self.specificity(selector, rule) >= 0

    def validate(self, selectors: Iterable[str], where: str) -> None:
        for sel in selectors:
            if not any(self.specificity(sel, r) >= 0 for r in self._by_code.values()):
                raise ConfigError(f"{where}: unknown rule selector '{sel}'")

    def select(
        self,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> list[type[Rule]]:
        """The enabled rules: ``select`` (default: the default rules) plus
        ``extend_select``, minus ``ignore``, most specific selector winning."""
        chosen: list[type[Rule]] = []
        for rule in self:
            if select is None:
                on = 0 if rule.default else -1
            else:
                on = max((self.specificity(s, rule) for s in select), default=-1)
            on = max([on, *(self.specificity(s, rule) for s in extend_select)])
            off = max((self.specificity(s, rule) for s in ignore), default=-1)
            if on >= 0 and on > off:
                chosen.append(rule)
        return chosen


def builtin_rules() -> list[type[Rule]]:
    from lintnews.builtin import BUILTIN_RULES

    return list(BUILTIN_RULES)


def plugin_rules() -> list[type[Rule]]:
    """Rules from installed packages (entry point group ``lintnews.rules``).

    An entry point names a Rule subclass, or an iterable of them.
    """
    found: list[type[Rule]] = []
    for ep in entry_points(group="lintnews.rules"):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not take the run down silently
            raise ConfigError(f"plugin '{ep.name}' ({ep.value}) failed to load: {exc}") from None
        items = [obj] if isinstance(obj, type) else list(obj)
        for item in items:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise ConfigError(f"plugin '{ep.name}' ({ep.value}) is not a lintnews Rule")
            if item.origin == "builtin":
                item.origin = ep.dist.name if ep.dist else ep.name  # type: ignore[misc]
            found.append(item)
    return found


def plugin_pack_paths() -> list[Path]:
    """Packs from installed packages (entry point group ``lintnews.packs``):
    the entry point names a path, a list of paths, or a function returning them."""
    paths: list[Path] = []
    for ep in entry_points(group="lintnews.packs"):
        try:
            obj = ep.load()
            if callable(obj):
                obj = obj()
        except Exception as exc:
            raise ConfigError(f"pack plugin '{ep.name}' ({ep.value}) failed to load: {exc}") from None
        items = [obj] if isinstance(obj, (str, Path)) else list(obj)
        paths.extend(Path(p) for p in items)
    return paths


_cache: dict[tuple[tuple[str, int], ...], Registry] = {}


def _mtime_ns(path: Path) -> int:
    # -1 for anything unreadable (a loop, a broken link): load_pack says what.
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def load_registry(extra_packs: Sequence[Path] = ()) -> Registry:
    """Built-ins, plugins, shipped packs, plugin packs and ``extra_packs`` (from config)."""
    # A pack edited between two runs in one process (tests, an editor plugin)
    # must not be served stale.
    key = tuple((os.path.realpath(p), _mtime_ns(p)) for p in extra_packs)
    if key in _cache:
        return _cache[key]
    registry = Registry(builtin_rules() + plugin_rules())
    for path in shipped_pack_paths():
        registry.add_pack(load_pack(path, probe=False))
    for path in [*plugin_pack_paths(), *extra_packs]:
        registry.add_pack(load_pack(path))
    _cache[key] = registry
    return registry
