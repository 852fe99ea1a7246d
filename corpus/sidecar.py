"""The library's metadata file (library.json): where each added document came from, corrections, new places."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SIDECAR_NAME = "library.json"
FORMAT_VERSION = 1
# Fields a user may correct with `python -m corpus set`; dates are ISO strings in the file.
CORRECTABLE = ("title", "issuer", "doc_number", "region", "issued", "valid_from", "valid_until")
DATE_FIELDS = ("issued", "valid_from", "valid_until")


@dataclass(frozen=True)
class Sidecar:
    """bundled: the library starts from the bundled plans (read from the package, never copied);
    documents: doc_id → {"source_file", "original", "format", "added", "sha256", "text_key", "warnings", "region"};
    corrections: doc_id → {field: value} applied over what is read, every time the library is loaded;
    regions: places recognised from added documents' issuers, as regions.json entries."""

    bundled: bool = True
    documents: dict = field(default_factory=dict)
    corrections: dict = field(default_factory=dict)
    regions: list = field(default_factory=list)

    def to_json(self) -> dict:
        return {"version": FORMAT_VERSION, "bundled": self.bundled, "documents": self.documents,
                "corrections": self.corrections, "regions": self.regions}


def read_sidecar(folder: Path) -> Sidecar | None:
    """The folder's library.json, or None when the folder has none (a plain folder of .txt files)."""
    path = Path(folder) / SIDECAR_NAME
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Sidecar(bool(raw.get("bundled", False)), dict(raw.get("documents", {})),
                   dict(raw.get("corrections", {})), list(raw.get("regions", [])))


def write_sidecar(folder: Path, sidecar: Sidecar) -> None:
    """Write library.json atomically (temporary file, then rename)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".library-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(sidecar.to_json(), handle, ensure_ascii=False, indent=2)
        os.replace(tmp, folder / SIDECAR_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
