"""What the ingest page is given, turned into articles: uploaded files (a zip of them too), pasted text, a folder.

Pure except :func:`server_folder`, which reads the server's disk and only when ``allowed`` (the page passes
``config.allow_server_paths()``, off by default: a hosted link must never read the server's files).

Every problem becomes a :class:`~lib.articles.ReadError` saying what to fix; a limit broken by the whole upload
(too many files, too many bytes) rejects the upload as one item, so nothing of it is half-taken.

Zips are read in memory, never extracted to disk. A member whose name climbs out of the archive (``../x``,
``/etc/x``, ``C:\\x``) is rejected; so are nested zips, encrypted members, members over the per-file limit and
archives over the member-count or uncompressed-size limits (zip bombs). Folders inside a zip are fine; hidden
files, ``__MACOSX/`` and READMEs are skipped, as in a folder walk.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path, PurePosixPath

from . import config
from .articles import SUFFIXES, ReadError, read_bytes, read_paths, size_label
from .models import Article

ZIP_SUFFIX = ".zip"
UPLOAD_TYPES = sorted(s.lstrip(".") for s in (*SUFFIXES, ZIP_SUFFIX))  # for the file picker
PASTED_SOURCE = "pasted text"
_DRIVE_RE = re.compile(r"^[A-Za-z]:")

Item = Article | ReadError


def read_uploads(files: Iterable[tuple[str, bytes]]) -> list[Item]:
    """The articles in uploaded files (``(name, bytes)`` pairs), zips opened, with one error per bad input.

    More than ``config.MAX_UPLOAD_FILES`` files or ``config.MAX_UPLOAD_BYTES`` in all rejects the whole upload.
    """
    files = list(files)
    if not files:
        return []
    if len(files) > config.MAX_UPLOAD_FILES:
        return [ReadError("upload", f"{len(files)} files, over the limit of {config.MAX_UPLOAD_FILES} per upload: "
                                    "upload fewer at once, or put them in a zip")]
    total = sum(len(data) for _, data in files)
    if total > config.MAX_UPLOAD_BYTES:
        return [ReadError("upload", f"{size_label(total)} in all, over the limit of "
                                    f"{size_label(config.MAX_UPLOAD_BYTES)} per upload: upload fewer files at once")]
    out: list[Item] = []
    for name, data in files:
        out.extend(read_upload(name, data))
    return out


def read_upload(name: str, data: bytes) -> list[Item]:
    """The articles in one uploaded file: a zip, or a file the reader knows (txt, json, jsonl, html)."""
    name = PurePosixPath(str(name).replace("\\", "/")).name or "upload"  # a browser sends a bare name; be sure
    if name.lower().endswith(ZIP_SUFFIX):
        return read_zip(name, data)
    return read_bytes(data, name)


def _unsafe(member: str) -> bool:
    """A member name that would land outside the archive's folder if extracted."""
    path = member.replace("\\", "/")
    return path.startswith("/") or bool(_DRIVE_RE.match(path)) or ".." in PurePosixPath(path).parts


def _skipped(member: str) -> bool:
    parts = PurePosixPath(member).parts
    return (parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)
            or parts[-1].split(".")[0].upper() == "README")


def read_zip(name: str, data: bytes) -> list[Item]:
    """The articles in a zip of article files (nested folders fine), each member's source ``name/member``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return [ReadError(name, f"not a readable zip file: {exc}")]
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > config.MAX_ZIP_MEMBERS:
            return [ReadError(name, f"{len(members)} files in the zip, over the limit of {config.MAX_ZIP_MEMBERS}")]
        declared = sum(m.file_size for m in members)
        if declared > config.MAX_ZIP_BYTES:
            return [ReadError(name, f"unpacks to {size_label(declared)}, over the limit of "
                                    f"{size_label(config.MAX_ZIP_BYTES)} per zip")]
        out: list[Item] = []
        unpacked = 0
        for m in members:
            source = f"{name}/{m.filename}"
            if _unsafe(m.filename):
                out.append(ReadError(source, "unsafe path in the zip (leads outside the archive); not read"))
                continue
            if _skipped(m.filename):
                continue
            suffix = PurePosixPath(m.filename).suffix.lower()
            if suffix == ZIP_SUFFIX:
                out.append(ReadError(source, "a zip inside a zip is not read; unpack it and upload its files"))
                continue
            if suffix not in SUFFIXES:
                out.append(ReadError(source, f"unsupported file type {suffix or '(none)'!r} "
                                             f"(expected {', '.join(sorted(SUFFIXES))})"))
                continue
            if m.file_size > config.MAX_FILE_BYTES:
                out.append(ReadError(source, f"file is {size_label(m.file_size)}, over the limit of "
                                             f"{size_label(config.MAX_FILE_BYTES)}"))
                continue
            try:
                with archive.open(m) as fh:  # read no more than allowed: a member's declared size can lie
                    body = fh.read(config.MAX_FILE_BYTES + 1)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError, EOFError) as exc:
                out.append(ReadError(source, f"cannot unpack this member: {exc}"))
                continue
            unpacked += len(body)
            if unpacked > config.MAX_ZIP_BYTES:
                out.append(ReadError(name, f"unpacks to more than {size_label(config.MAX_ZIP_BYTES)}, the limit per "
                                           "zip; the rest of it was not read"))
                break
            out.extend(read_bytes(body, source, suffix))
    if not out:
        return [ReadError(name, f"no article files in the zip (expected {', '.join(sorted(SUFFIXES))})")]
    return out


def read_pasted(text: str, published: date | None = None, source: str = PASTED_SOURCE) -> Item:
    """A pasted article; ``published`` (if given) wins over a ``date YYYY-MM-DD`` first line in the text."""
    if not text or not text.strip():
        return ReadError(source, "nothing was pasted")
    size = len(text.encode("utf-8"))
    if size > config.MAX_FILE_BYTES:
        return ReadError(source, f"the pasted text is {size_label(size)}, over the limit of "
                                 f"{size_label(config.MAX_FILE_BYTES)}")
    items = read_bytes(text.encode("utf-8"), source, ".txt")
    item = items[0]
    if isinstance(item, Article) and published is not None:
        item.published = published.isoformat()
    return item


def server_folder(path: str, *, allowed: bool) -> list[Item]:
    """The articles in a file or folder on the server, only where ``allowed`` (I/O: the one edge here)."""
    if not allowed:
        return [ReadError(str(path), "reading files on the server is switched off "
                                     "(set CONFLICT_ALLOW_SERVER_PATHS=1 where the server is yours)")]
    if not str(path).strip():
        return [ReadError("server folder", "no path given")]
    return list(read_paths([Path(str(path).strip()).expanduser()]))
