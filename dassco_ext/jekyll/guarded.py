"""The importer's only doors to the file system: :class:`SiteReader` reads ``SITE`` and never
leaves it (a link leading out is refused and listed); :class:`DestWriter` writes into a
staging folder beside ``DEST``, never outside it, and moves the result into ``DEST`` at the
end, overwriting no file it did not write itself (``DEST/import-manifest.json`` lists those).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import uuid
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..page.yamlsafety import FrontMatterTooLarge, load_yaml

#: The largest file the importer reads (an image or a page): anything larger is refused.
MAX_FILE_BYTES = 64 * 1024 * 1024
MANIFEST = "import-manifest.json"


class UnsafePath(ValueError):
    """A path that would leave the folder it belongs to, or is not a safe file name."""


def safe_name(name: str) -> str:
    """One file or folder name anyone can type: runs of other characters become ``-``, no
    leading or trailing ``-``/``.`` (``-``, ``...`` or ``--`` becomes ``unnamed``)."""
    return re.sub(r"[^\w.-]+", "-", name).strip("-.") or "unnamed"


def yaml_data(text: str) -> tuple[Any, yaml.Node | None, str | None]:
    """A YAML text's data, node tree and, if it cannot be read, why (the build's bounds)."""
    try:
        data, root = load_yaml(text)
    except FrontMatterTooLarge as exc:
        return None, None, f"is too large ({exc})"
    except yaml.YAMLError as exc:
        return None, None, f"is not YAML ({(str(exc).splitlines() or ['unreadable'])[0]})"
    return data, root, None


class SiteReader:
    """Reads files of the site by their path from its root (``en/about.md``); nothing outside
    the root is ever read, whatever links the site holds."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.refused: dict[str, str] = {}  # path from the root -> why it was not read

    def real(self, rel: str) -> Path | None:
        """The real path of ``rel`` if it exists inside the site (links followed, each leading
        out refused); ``..`` may not climb above the root."""
        path = posixpath.normpath(rel.replace("\\", "/").lstrip("/"))
        if "\x00" in rel or path == ".." or path.startswith("../"):
            return None
        try:
            real = self.root.joinpath(path).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not real.is_relative_to(self.root):
            self.refused.setdefault(path, "a link that leads outside the site: not read")
            return None
        return real

    def is_file(self, rel: str) -> bool:
        real = self.real(rel)
        return real is not None and real.is_file()

    def entries(self, rel: str = "") -> list[tuple[str, bool]]:
        """``(name, is a folder)`` of the files and folders in ``rel`` that stay inside."""
        folder = self.real(rel)
        if folder is None or not folder.is_dir():
            return []
        found = []
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        for name in names:
            child = self.real(f"{rel}/{name}" if rel else name)
            if child is not None and (child.is_dir() or child.is_file()):
                found.append((name, child.is_dir()))
        return found

    def files(self, rel: str) -> list[str]:
        """Every file under the folder ``rel`` (paths from the root); a folder reached twice
        (a link to a folder already read) is read once."""
        found: list[str] = []
        seen: set[Path] = set()
        todo = [rel]
        while todo:
            folder = todo.pop()
            real = self.real(folder)
            if real is None or real in seen:
                continue
            seen.add(real)
            for name, is_dir in self.entries(folder):
                (todo if is_dir else found).append(f"{folder}/{name}")
        return sorted(found)

    def read_bytes(self, rel: str) -> bytes | None:
        real = self.real(rel)
        if real is None or not real.is_file():
            return None
        if real.stat().st_size > MAX_FILE_BYTES:
            self.refused.setdefault(rel, f"larger than {MAX_FILE_BYTES // 2**20} MB: not read")
            return None
        try:
            return real.read_bytes()
        except OSError as exc:
            self.refused.setdefault(
                rel, f"cannot be read ({exc.strerror or exc.__class__.__name__})"
            )
            return None

    def read_text(self, rel: str) -> str | None:
        data = self.read_bytes(rel)
        return None if data is None else data.decode("utf-8-sig", errors="replace")


class DestWriter:
    """Writes files by their path from ``DEST`` into a staging folder beside it; :meth:`commit`
    moves them in. A file replaces ``DEST``'s only if the last import wrote it unchanged since,
    or it was merged with it; else the import's is written beside it (``NAME`` + ``BESIDE``)."""

    def __init__(self, dest: Path) -> None:
        self.dest = Path(os.path.abspath(dest))
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        self.stage = self.dest.parent / f".{self.dest.name}.importing-{uuid.uuid4().hex[:12]}"
        self.stage.mkdir()  # the usual permissions: it becomes DEST when DEST is new
        self.written: dict[str, None] = {}
        self.merged: set[str] = set()

    def path(self, rel: str) -> Path:
        """The staged file of ``rel`` (each name safe), its folder made; for tools that write
        the file themselves (``msgmerge``)."""
        parts = PurePosixPath(rel).parts
        if not parts or rel != posixpath.normpath(rel) or any(p != safe_name(p) for p in parts):
            raise UnsafePath(f"not a safe path inside DEST: {rel!r}")
        target = self.stage.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.written[rel] = None
        return target

    def write_bytes(self, rel: str, data: bytes) -> None:
        if rel in self.written:
            raise UnsafePath(f"written twice: {rel!r}")
        self.path(rel).write_bytes(data)

    def write_text(self, rel: str, text: str) -> None:
        self.write_bytes(rel, text.encode("utf-8", errors="replace"))

    def discard(self) -> None:
        shutil.rmtree(self.stage, ignore_errors=True)

    def start_from_dest(self, rel: str) -> Path | None:
        """The staged ``rel`` made a copy of ``DEST``'s (a plain file, whoever wrote it), to be
        merged with this import's and then replace it; ``None`` if ``DEST`` has none."""
        staged = self.path(rel)
        if self._blocked(rel) or not self._plain(self.dest / rel):
            return None
        shutil.copyfile(self.dest / rel, staged)
        self.merged.add(rel)
        return staged

    def read_dest(self, rel: str) -> bytes | None:
        """``DEST``'s own file ``rel`` as it is before this import, if it is a plain file."""
        target = self.dest / rel
        if self._blocked(rel) or not self._plain(target):
            return None
        return target.read_bytes()

    def plan(self, pending: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """What :meth:`commit` would do to each file changed (``pending``: still to be written,
        left out): ``(path in DEST, what)``, what being a key of :data:`.report.CHANGES`."""
        before = self._manifest()
        if before is None:
            raise UnsafePath(f"{self.dest / MANIFEST} was not written by the importer")
        changes = []
        for rel in self.written:
            if rel == MANIFEST:
                continue
            target = self.dest / rel
            if not os.path.lexists(target) and not self._blocked(rel):
                changes.append((rel, "added"))
            elif self._plain(target) and _sha(target) == _sha(self.stage / rel):
                continue
            elif rel in self.merged:
                changes.append((rel, "merged"))
            elif self._plain(target) and not self._blocked(rel) and before.get(rel) == _sha(target):
                changes.append((rel, "updated"))
            else:
                changes.append((rel, "kept"))
        kept = {rel + BESIDE for rel, what in changes if what == "kept"}
        for rel, digest in before.items():
            if rel not in self.written and rel not in pending and rel not in kept:
                target = self.dest / rel
                if not os.path.lexists(target):
                    continue
                ours = self._plain(target) and not self._blocked(rel) and _sha(target) == digest
                changes.append((rel, "removed" if ours else "left"))
        return changes

    def commit(self) -> list[tuple[str, str]]:
        """Move the staged files into ``DEST`` as :meth:`plan` says; returns the plan."""
        changes = self.plan()
        before = self._manifest() or {}
        files = {rel: _sha(self.stage / rel) for rel in self.written if rel != MANIFEST}
        kept = {rel for rel, what in changes if what == "kept"}
        for rel in kept:
            beside = rel + BESIDE
            target = self.dest / beside
            free = not self._blocked(beside) and (
                not os.path.lexists(target)
                or (self._plain(target) and before.get(beside) == _sha(target))
            )
            if free:
                files[beside] = files[rel]
                os.replace(self.stage / rel, self.stage.joinpath(*PurePosixPath(beside).parts))
            else:  # no place beside it either: DEST's is kept, the import's dropped
                (self.stage / rel).unlink()
            del files[rel]
            if rel in before:  # still the import's path: edited by the user, kept
                files[rel] = before[rel]
        for rel, what in changes:
            if what == "left":
                continue
            if what == "removed":
                (self.dest / rel).unlink(missing_ok=True)
        manifest = json.dumps({"files": files}, indent=1, sort_keys=True) + "\n"
        (self.stage / MANIFEST).write_text(manifest, encoding="utf-8")
        if not os.path.lexists(self.dest):  # a new DEST: nothing of it to keep
            os.replace(self.stage, self.dest)
            return changes
        for rel in [*files, MANIFEST]:
            source = self.stage.joinpath(*PurePosixPath(rel).parts)
            if not source.exists():
                continue  # a user's edit kept: nothing of the import's at that path
            target = self.dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        self.discard()
        return changes

    def _manifest(self) -> dict[str, str] | None:
        """The files the last import wrote (``{}`` if there was none; ``None`` if the
        manifest is not the importer's)."""
        path = self.dest / MANIFEST
        if not os.path.lexists(path):
            return {}
        try:
            files = json.loads(path.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return files if isinstance(files, dict) else None

    def _blocked(self, rel: str) -> bool:
        """Whether a folder on the way to ``DEST/rel`` is a link or not a folder."""
        current = self.dest
        for part in PurePosixPath(rel).parts[:-1]:
            current = current / part
            if current.is_symlink() or (current.exists() and not current.is_dir()):
                return True
        return False

    @staticmethod
    def _plain(path: Path) -> bool:
        return not path.is_symlink() and path.is_file()


#: What a file of the import kept beside ``DEST``'s own is named after: ``about.md.import-new``.
BESIDE = ".import-new"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
