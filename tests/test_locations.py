"""Where the library and the index live: per-user data folder, flags over environment, never the package."""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.locations import locate  # noqa: E402
from corpus.parse import DEFAULT_CORPUS_DIR  # noqa: E402

PACKAGE_DIRS = [ROOT / name for name in ("corpus", "embeddings", "assistant", "eval")] + [ROOT]


def test_defaults_are_the_per_user_data_folder_not_the_package(monkeypatch):
    import platformdirs

    home = Path("/home/clerk")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    where = locate({})
    assert where.data_dir == platformdirs.user_data_path("policy-assistant", appauthor=False)
    if sys.platform.startswith("linux"):
        assert where.data_dir == home / ".local/share/policy-assistant"
    assert where.index_dir == where.data_dir / "index"
    assert where.library_dir == where.data_dir / "library"
    for folder in (where.index_dir, where.library_dir):
        assert not any(folder.is_relative_to(p) for p in PACKAGE_DIRS[:-1]), folder
        assert folder.parent != ROOT


def test_bundled_plans_stand_in_until_the_library_exists(tmp_path):
    env = {"POLICY_DATA_DIR": str(tmp_path / "data")}
    where = locate(env)
    assert where.data_dir == tmp_path / "data"
    assert where.corpus_dir == DEFAULT_CORPUS_DIR and where.bundled
    assert not (tmp_path / "data").exists()  # resolving folders creates nothing
    (tmp_path / "data" / "library").mkdir(parents=True)
    where = locate(env)
    assert where.corpus_dir == where.library_dir == tmp_path / "data" / "library" and not where.bundled
    assert where.index_dir == tmp_path / "data" / "index"


def test_flags_win_over_environment_which_wins_over_the_data_folder(tmp_path):
    env = {"POLICY_DATA_DIR": str(tmp_path / "data"), "POLICY_CORPUS_DIR": str(tmp_path / "env-library"),
           "POLICY_INDEX_DIR": str(tmp_path / "env-index")}
    where = locate(env)
    # a library named explicitly is the library even before it exists (the first `add` creates it)
    assert where.corpus_dir == where.library_dir == tmp_path / "env-library"
    assert where.index_dir == tmp_path / "env-index"
    where = locate(env, corpus_dir=tmp_path / "flag-library", index_dir=tmp_path / "flag-index")
    assert where.corpus_dir == tmp_path / "flag-library" and where.index_dir == tmp_path / "flag-index"
    # the bundled folder named explicitly is read as it is
    where = locate({}, corpus_dir=DEFAULT_CORPUS_DIR)
    assert where.corpus_dir == DEFAULT_CORPUS_DIR and not where.bundled


def test_the_test_session_never_touches_the_real_data_folder(private_data_dir):
    import platformdirs

    real = platformdirs.user_data_path("policy-assistant", appauthor=False)
    assert os.environ["POLICY_DATA_DIR"] == str(private_data_dir)
    assert locate(os.environ).data_dir == private_data_dir != real
