"""Django set up inside a benchmark script, production-like, for the scripts that time requests
in the process (bench/api_ratio.py, bench/indexes.py) rather than over HTTP (bench/run.py)."""

import os


def setup_django(allowed_host: str, **environment: str):
    """DEBUG off (no debug cursor wrapping every query), throttles too high to answer 429, plain
    static storage (pages name their static files; timing needs no collectstatic), then any
    other settings given as environment variables; a variable already set wins."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("ALLOWED_HOSTS", allowed_host)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    for scope in ("ANON", "KEY", "USER"):
        os.environ.setdefault(f"API_THROTTLE_{scope}", "100000000/minute")
    for name, value in environment.items():
        os.environ.setdefault(name, value)

    import django
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
