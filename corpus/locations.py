"""Where the user's policy library and the search index live: a per-user data folder, never the package."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from corpus.parse import DEFAULT_CORPUS_DIR

APP_NAME = "policy-assistant"
ENV_DATA_DIR = "POLICY_DATA_DIR"      # the whole data folder (library and index)
ENV_CORPUS_DIR = "POLICY_CORPUS_DIR"  # the library folder alone
ENV_INDEX_DIR = "POLICY_INDEX_DIR"    # the index folder alone
ENV_CACHE_DIR = "POLICY_CACHE_DIR"    # files rebuilt from the package when missing (a model built from a patch)


@dataclass(frozen=True)
class Locations:
    data_dir: Path
    library_dir: Path  # where the user's library is kept; it may not exist yet
    corpus_dir: Path   # what is read: the library, or the bundled plans while no library exists
    index_dir: Path    # the index folder; its lock file and temporary builds sit beside it

    @property
    def bundled(self) -> bool:
        """True while the read-only bundled plans stand in for a library that does not exist yet."""
        return self.corpus_dir == DEFAULT_CORPUS_DIR and self.library_dir != DEFAULT_CORPUS_DIR


def default_data_dir(env: Mapping[str, str]) -> Path:
    """POLICY_DATA_DIR, else the platform's per-user data folder (~/.local/share/policy-assistant on Linux)."""
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """POLICY_CACHE_DIR, else the platform's per-user cache folder (~/.cache/policy-assistant on Linux): what
    can be rebuilt from the package, kept apart from the user's data."""
    if env.get(ENV_CACHE_DIR):
        return Path(env[ENV_CACHE_DIR]).expanduser()
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def locate(env: Mapping[str, str], *, corpus_dir: Path | None = None, index_dir: Path | None = None) -> Locations:
    """Resolve the folders: a flag wins over its environment variable, which wins over the data folder.

    Args:
        env: the environment (pass os.environ at the edge; a dict in tests).
        corpus_dir: --corpus-dir, if given: that folder is the library, whether or not it exists yet.
        index_dir: --index-dir, if given.

    Returns:
        The folders. Without a flag or POLICY_CORPUS_DIR, the library is <data>/library; while that folder
        does not exist, the bundled plans (corpus/policies, read-only) are read instead.
    """
    data_dir = default_data_dir(env)
    explicit = corpus_dir or (Path(env[ENV_CORPUS_DIR]).expanduser() if env.get(ENV_CORPUS_DIR) else None)
    library_dir = Path(explicit) if explicit else data_dir / "library"
    read_dir = library_dir if explicit or library_dir.is_dir() else DEFAULT_CORPUS_DIR
    index = index_dir or (Path(env[ENV_INDEX_DIR]).expanduser() if env.get(ENV_INDEX_DIR) else data_dir / "index")
    return Locations(data_dir, library_dir, read_dir, Path(index))
