"""Shared fixtures. Qt (used by tests/desktop) must run offscreen on machines with no display."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def home(tmp_path_factory):
    """A private data folder for the whole session (models, registry, review store)."""
    path = tmp_path_factory.mktemp("thb-home")
    previous = os.environ.get("THB_REVIEW_HOME")
    os.environ["THB_REVIEW_HOME"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("THB_REVIEW_HOME", None)
    else:
        os.environ["THB_REVIEW_HOME"] = previous


@pytest.fixture(scope="session")
def engine(home):
    """The engine with a model trained once from the bundled corpus."""
    from classifier.engine import load_engine

    return load_engine()
