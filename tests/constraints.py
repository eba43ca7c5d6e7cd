"""Helpers for tests of the rules PostgreSQL itself keeps."""

import contextlib

import pytest
from django.db import IntegrityError, transaction


@contextlib.contextmanager
def refused_by(constraint):
    """The write inside must be rejected by PostgreSQL, citing `constraint`."""
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        yield
    assert constraint in str(excinfo.value)
