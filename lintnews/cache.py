"""A content-hash cache of check results: ``.lintnews_cache/`` in the config root.

A second run over an unchanged tree reads each file, hashes it and loads the
stored diagnostics instead of linting it again.

What a result depends on, and so what the key holds:

* the namespace (one folder per fingerprint): the lintnews version and a
  signature of its installed files (size and mtime of every module and data
  file, so an edited rule in a development checkout is never served stale),
  a stable fingerprint of the whole ``Config``, the bytes of every loaded pack
  file, and the selected rules with their origin (plugin name and version);
* per document: the path as reported (it picks Markdown or plain text and
  per-file-ignores), the markup and the SHA-256 of the text;
* for cross-file rules, the fingerprint of the prepared run state. Their
  diagnostics are stored apart from the rest of the document's, so a run
  whose state changed (a file added) re-runs only the cross-file rules.

Layout: ``.lintnews_cache/v1/<namespace>/<2 hex>/<key>.json``, one small JSON
file per entry, written to a temp file and moved into place, so parallel runs
never see half an entry; anything unreadable or malformed is a miss. JSON, not
pickle: the cache folder lives in the tree being checked, and loading it must
never run code. A ``.gitignore`` containing ``*`` keeps it out of version
control, and only the 8 most recently used namespaces are kept.

``q1/<quick key>.alias`` maps a fingerprint of what the rules are loaded from
(version, config, pack bytes) to the namespace, so that a run the cache
answers entirely never loads the rules (see :func:`quick_key`).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

# Light imports only: a run that the cache answers entirely loads no rules,
# no regex engine and no lexicon (see QuickKey).
from lintnews import __version__
from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.safeio import MAX_PACK_BYTES, MB, Unreadable, parse_json, read_capped

if TYPE_CHECKING:
    from lintnews.engine import Linter

CACHE_DIR_NAME = ".lintnews_cache"
#: Bumped whenever the entry format or the key changes.
FORMAT = 1
#: How many namespaces (config/version fingerprints) to keep.
KEEP_NAMESPACES = 8
#: Larger entries are misses: one document with 250,000 findings stores
#: about 50 MB. (A cap only so that a planted file cannot eat the memory.)
MAX_ENTRY_BYTES = 256 * MB
#: Alias files (and plugin entry_points.txt) are a few hundred bytes.
MAX_ALIAS_BYTES = 1 * MB
_SEQUENCE = [0]
_PACKAGE_DIR = Path(__file__).resolve().parent


# -- stable fingerprints -------------------------------------------------------


def canonical(obj: Any) -> Any:
    """A JSON-able form of ``obj`` that is the same in every process.

    Sets and dicts are sorted (a pickle of a set of strings is not stable
    across processes: string hashing is randomized). Unknown objects fall back
    to their attributes, then to their pickle: complete, so two different
    values never share a fingerprint, at worst an unstable one misses.
    """
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, float):
        return ["float", repr(obj)]
    if isinstance(obj, enum.Enum):
        return ["enum", type(obj).__qualname__, canonical(obj.value)]
    if isinstance(obj, (bytes, bytearray)):
        return ["bytes", bytes(obj).hex()]
    if isinstance(obj, PurePath):
        return ["path", str(obj)]
    if isinstance(obj, (list, tuple)):
        return ["list", [canonical(v) for v in obj]]
    if isinstance(obj, (set, frozenset)):
        return ["set", sorted((canonical(v) for v in obj), key=_sort_token)]
    if isinstance(obj, Mapping):
        items = [[canonical(k), canonical(v)] for k, v in obj.items()]
        return ["map", sorted(items, key=lambda kv: _sort_token(kv[0]))]
    if type(obj).__name__ == "Pattern" and hasattr(obj, "pattern"):  # re or regex
        return ["pattern", obj.pattern, obj.flags]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        return ["obj", _qualname(type(obj)), canonical(fields)]
    if isinstance(obj, type):
        return ["type", _qualname(obj)]
    attrs = getattr(obj, "__dict__", None)
    if isinstance(attrs, dict):
        return ["obj", _qualname(type(obj)), canonical(attrs)]
    import pickle

    try:
        return ["pickle", pickle.dumps(obj, protocol=4).hex()]
    except Exception:
        return ["repr", repr(obj)]


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _sort_token(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(obj: Any) -> str:
    """SHA-256 (hex) of the canonical form of ``obj``."""
    return hashlib.sha256(_sort_token(canonical(obj)).encode("utf-8")).hexdigest()


_SIGNATURE: list[str] = []


def package_signature() -> str:
    """Size and mtime of every file of the installed lintnews package
    (computed once per process: a few hundred stat calls)."""
    if _SIGNATURE:
        return _SIGNATURE[0]
    entries: list[tuple[str, int, int]] = []
    for folder, dirs, files in os.walk(_PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, _PACKAGE_DIR), st.st_size, st.st_mtime_ns))
    _SIGNATURE.append(digest(entries))
    return _SIGNATURE[0]


def _file_digest(path: Path) -> str:
    """The SHA-256 of a pack file. Read as load_pack reads it (a FIFO or
    /dev/zero named as a pack must not hang the key before the load refuses it)."""
    try:
        return hashlib.sha256(read_capped(path, MAX_PACK_BYTES)).hexdigest()
    except Unreadable:
        return "unreadable"


def _dist_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except Exception:
        return None


def linter_fingerprint(linter: Linter) -> str:
    """Everything besides the text that decides a Linter's diagnostics."""
    registry = linter.registry
    packs = sorted(
        (name, str(pack.path), _file_digest(Path(pack.path))) for name, pack in registry.packs.items()
    )
    rules = []
    for rule in linter.rules:
        cls = type(rule)
        origin = cls.origin
        version = None if origin == "builtin" or origin in registry.packs else _dist_version(origin)
        module_file = getattr(sys.modules.get(cls.__module__), "__file__", None)
        signature: tuple[int, int] | None = None
        if module_file and not str(Path(module_file).resolve()).startswith(str(_PACKAGE_DIR)):
            try:
                st = os.stat(module_file)
                signature = (st.st_size, st.st_mtime_ns)
            except OSError:
                pass
        rules.append((cls.code, _qualname(cls), origin, version, signature, rule.settings))
    return digest(
        {
            "format": FORMAT,
            "version": __version__,
            "package": package_signature(),
            "config": linter.config,
            "packs": packs,
            "rules": rules,
        }
    )


def state_fingerprint(linter: Linter) -> str | None:
    """The fingerprint of the prepared cross-file state; None without cross-file rules."""
    if not linter.needs_run_pass:
        return None
    return digest(linter.run_state())


# -- diagnostics as JSON -----------------------------------------------------


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability.value, d.fix.title, [[e.start, e.end, e.replacement] for e in d.fix.edits]]
    out: dict[str, Any] = {
        "c": d.code,
        "n": d.name,
        "m": d.message,
        "s": d.severity.value,
        "p": [d.span.start, d.span.end, d.line, d.column, d.end_line, d.end_column],
        "f": fix,
    }
    if d.extra:
        out["x"] = d.extra
    return out


def diagnostic_from_json(data: Mapping[str, Any], path: str) -> Diagnostic:
    start, end, line, column, end_line, end_column = data["p"]
    fix = None
    if data["f"] is not None:
        applicability, title, edits = data["f"]
        fix = Fix(
            tuple(Edit(int(s), int(e), str(r)) for s, e, r in edits), Applicability(applicability), str(title)
        )
    extra = data.get("x") or {}
    if not isinstance(extra, dict):
        raise ValueError("bad extra")
    return Diagnostic(
        code=str(data["c"]),
        name=str(data["n"]),
        message=str(data["m"]),
        span=Span(int(start), int(end)),
        severity=Severity(data["s"]),
        fix=fix,
        path=path,
        line=int(line),
        column=int(column),
        end_line=int(end_line),
        end_column=int(end_column),
        extra={str(k): str(v) for k, v in extra.items()},
    )


# -- the cache ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Entry:
    """What the cache knows about one document."""

    #: Diagnostics of the rules that need only this document.
    local: list[Diagnostic]
    #: Diagnostics of the cross-file rules, or None when they must be
    #: computed again (no cross-file rules: always an empty list).
    cross: list[Diagnostic] | None

    @property
    def complete(self) -> bool:
        return self.cross is not None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if not self.cross:
            return list(self.local)
        return sorted([*self.local, *self.cross], key=Diagnostic.sort_key)


def default_cache_dir(root: Path) -> Path:
    """``$LINTNEWS_CACHE_DIR`` if set, else ``.lintnews_cache`` in ``root``."""
    env = os.environ.get("LINTNEWS_CACHE_DIR")
    return Path(env) if env else root / CACHE_DIR_NAME


def _make_cache_dir(directory: Path) -> None:
    """The cache folder, with its .gitignore and CACHEDIR.TAG."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in (
        (".gitignore", "# Created by lintnews; safe to delete.\n*\n"),
        ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# lintnews result cache\n"),
    ):
        marker = directory / name
        if not marker.exists():
            try:
                with open(marker, "x", encoding="utf-8") as handle:
                    handle.write(content)
            except FileExistsError:
                pass


class Cache:
    """The result cache of one Linter (one namespace), for one run state."""

    def __init__(self, directory: Path, namespace: str, state: str | None = None) -> None:
        self.directory = directory
        self.namespace = namespace
        #: The run-state fingerprint cross-file diagnostics are valid for.
        self.state = state
        self._folder = directory / f"v{FORMAT}" / namespace[:32]
        self._base = str(self._folder)
        self._shards: set[str] = set()
        self._ready = False
        self.hits = 0
        self.misses = 0
        self.write_errors = 0

    @classmethod
    def for_linter(cls, linter: Linter, directory: Path | None = None) -> Cache:
        directory = directory if directory is not None else default_cache_dir(linter.config.root)
        return cls(directory, linter_fingerprint(linter), state_fingerprint(linter))

    def with_state(self, state: str | None) -> Cache:
        """The same cache, for cross-file results of another run state."""
        return Cache(self.directory, self.namespace, state)

    @staticmethod
    def key(path: str, markup: str | None, text: str) -> str:
        h = hashlib.sha256()
        h.update(f"{FORMAT}\0{path}\0{markup or ''}\0".encode("utf-8", "surrogatepass"))
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _entry_path(self, key: str) -> str:
        # Plain strings: pathlib costs more than the read itself here.
        return f"{self._base}{os.sep}{key[:2]}{os.sep}{key}.json"

    def get(self, key: str, path: str) -> Entry | None:
        """The entry for ``key`` with diagnostics reported at ``path``; None on a miss."""
        try:
            data = parse_json(read_capped(self._entry_path(key), MAX_ENTRY_BYTES))
            if data.get("k") != key:
                raise ValueError("key mismatch")
            local = [diagnostic_from_json(d, path) for d in data["l"]]
            cross: list[Diagnostic] | None
            if self.state is None:
                cross = []
            else:
                stored = data.get("x")
                if isinstance(stored, dict) and stored.get("s") == self.state:
                    cross = [diagnostic_from_json(d, path) for d in stored["d"]]
                else:
                    cross = None
        except Exception:
            # The cache is disposable and lives in the tree being checked:
            # whatever is wrong with an entry (a FIFO in its place, JSON
            # nested 100,000 deep, a number too large to convert), it is a miss.
            self.misses += 1
            return None
        self.hits += 1
        return Entry(local, cross)

    def put(self, key: str, diagnostics: Sequence[Diagnostic], cross_codes: Iterable[str] = ()) -> None:
        """Store a document's diagnostics (those of ``cross_codes`` as the cross-file part).

        Results with a crashed rule are not stored: the crash may be transient.
        Failure to write is silent: a cache never fails a run.
        """
        if any(d.extra.get("crash") for d in diagnostics):
            return
        codes = set(cross_codes)
        data: dict[str, Any] = {
            "k": key,
            "l": [diagnostic_to_json(d) for d in diagnostics if d.code not in codes],
        }
        if self.state is not None:
            data["x"] = {
                "s": self.state,
                "d": [diagnostic_to_json(d) for d in diagnostics if d.code in codes],
            }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        target = self._entry_path(key)
        try:
            self._prepare()
            shard = f"{self._base}{os.sep}{key[:2]}"
            if shard not in self._shards:
                os.makedirs(shard, exist_ok=True)
                self._shards.add(shard)
            # A name no other process or thread uses (mkstemp is several times
            # slower, and this runs once per document on a cold run).
            _SEQUENCE[0] += 1
            tmp = f"{shard}{os.sep}.{key[:16]}.{os.getpid()}.{threading.get_ident()}.{_SEQUENCE[0]}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                try:
                    os.write(fd, payload)
                finally:
                    os.close(fd)
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            self.write_errors += 1

    def _prepare(self) -> None:
        """Create the folder with its .gitignore, and drop stale namespaces."""
        if self._ready:
            return
        self._ready = True
        _make_cache_dir(self.directory)
        fresh = not self._folder.exists()
        self._folder.mkdir(parents=True, exist_ok=True)
        os.utime(self._folder)
        if fresh:
            self._prune()

    def _prune(self) -> None:
        parent = self._folder.parent
        try:
            folders = [p for p in parent.iterdir() if p.is_dir() and p != self._folder]
            folders.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        except OSError:
            return
        import shutil

        for stale in folders[KEEP_NAMESPACES - 1 :]:
            shutil.rmtree(stale, ignore_errors=True)

    def touch(self) -> None:
        """Mark the namespace as recently used (for pruning)."""
        try:
            os.utime(self._folder)
        except OSError:
            pass


# -- the quick key: a run answered by the cache loads no rules -------------------
#
# The namespace above is a fingerprint of the loaded rules, and loading them
# (the rule modules, the compiled pack patterns, the lexicon) costs far more
# than a warm run's real work: reading and hashing the files. The quick key is
# a fingerprint of what the rules are loaded *from*: the lintnews version and
# files, the whole config, the bytes of every pack file. A run whose quick key
# was seen before reads the namespace (and the few facts the CLI needs about
# the selected rules) from a small alias file, and loads the rules only when a
# document misses. Installed plugins are code the quick key cannot see, so
# with any lintnews plugin installed there is no quick key: the rules load.


@dataclasses.dataclass(frozen=True)
class Alias:
    """What a run needs to know about its rules before loading them."""

    namespace: str
    #: A selected rule is cross-file (needs the whole run: no shortcut then).
    run_pass: bool
    #: Codes whose fixes ``lintnews fix`` may apply (config fixable/unfixable).
    fixable: frozenset[str]


def plugins_installed() -> bool | None:
    """Whether an installed distribution declares lintnews plugins (entry
    point groups ``lintnews.rules``/``lintnews.packs``), read from the
    ``entry_points.txt`` files on ``sys.path`` (importing importlib.metadata
    would cost more than the rest of a warm run). None: a ``sys.path`` entry
    this cannot read (a zip), so unknown."""
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as scan:
                names = [e.name for e in scan if e.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return None
        except OSError:
            continue
        for name in names:
            try:
                # '' on sys.path is the current folder: a tree being checked.
                raw = read_capped(os.path.join(folder, name, "entry_points.txt"), MAX_ALIAS_BYTES)
            except Unreadable:
                continue
            text = raw.decode("utf-8", "replace")
            for line in text.splitlines():
                line = line.strip()
                if line.startswith("[") and line[1:].lstrip().startswith("lintnews."):
                    return True
    return False


def _pack_files(packs: Iterable[Path]) -> list[tuple[str, str]]:
    """Every pack file a registry may load: the shipped ones (both places
    lintnews looks for them) and the configured ones, with their digests."""
    files: list[Path] = []
    for folder in (_PACKAGE_DIR / "rules", _PACKAGE_DIR.parent / "rules"):
        if folder.is_dir():
            files += sorted(folder.glob("*.toml"))
    files += list(packs)
    return [(str(p), _file_digest(p)) for p in files]


def quick_key(config: Any) -> str | None:
    """A fingerprint of everything the rules of ``config`` are loaded from;
    None when plugins (code outside lintnews) may add rules."""
    if plugins_installed() is not False:
        return None
    return digest(
        {
            "format": FORMAT,
            "version": __version__,
            "package": package_signature(),
            "config": config,
            "packs": _pack_files(config.packs),
        }
    )


def _alias_path(directory: Path, quick: str) -> Path:
    # Beside the v<FORMAT> folder, whose stale namespaces are pruned.
    return directory / f"q{FORMAT}" / f"{quick[:32]}.alias"


def read_alias(directory: Path, quick: str) -> Alias | None:
    try:
        data = parse_json(read_capped(_alias_path(directory, quick), MAX_ALIAS_BYTES))
        if data["q"] != quick:
            return None
        return Alias(str(data["namespace"]), bool(data["run_pass"]), frozenset(map(str, data["fixable"])))
    except Exception:  # anything wrong with it is a miss, as for entries
        return None


def write_alias(directory: Path, quick: str, linter: Linter) -> Alias:
    """Record what ``linter`` (built for the quick key's config) needs no rules to know."""
    config = linter.config
    fixable = frozenset(
        r.code for r in linter.registry.select(config.fixable or ("ALL",), (), config.unfixable)
    )
    alias = Alias(linter_fingerprint(linter), linter.needs_run_pass, fixable)
    if read_alias(directory, quick) == alias:
        return alias
    target = _alias_path(directory, quick)
    data = {"q": quick, "namespace": alias.namespace, "run_pass": alias.run_pass, "fixable": sorted(fixable)}
    try:
        _make_cache_dir(directory)
        target.parent.mkdir(exist_ok=True)
        _SEQUENCE[0] += 1
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.{_SEQUENCE[0]}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass
    return alias
