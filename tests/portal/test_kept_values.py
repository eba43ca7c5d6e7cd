"""Kept values (portal/core/data_version.py `kept_value`): a value computed from the data for one
visibility scope, such as the agreement list's country options, is reused by the viewers of
that scope only, and only until a write moves the data version."""

import re

import pytest
from django.test import Client, override_settings

from agreements.models import Organization
from portal.core.data_version import kept_value
from portal.core.visibility import Visibility
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kept_caches_on")]


def agreement_with(country, visibility):
    agreement = factories.AgreementFactory(visibility=visibility)
    factories.PartyFactory(agreement=agreement, organization=factories.OrganizationFactory(country=country))
    return agreement


def offered_countries(client, query=""):
    response = client.get("/en/agreements/" + query)
    assert response.status_code == 200
    select = re.search(r'<select name="country"[^>]*>(.*?)</select>', response.content.decode(), re.S)
    return set(re.findall(r'<option value="([A-Z]{2})"', select.group(1)))


def test_country_options_are_kept_per_scope_and_never_served_to_another(editor_client, staff_client):
    agreement_with("CN", Visibility.PUBLIC)
    agreement_with("IS", Visibility.INTERNAL)
    agreement_with("NZ", Visibility.CONFIDENTIAL)
    # The editor's options are computed (and kept) first; each other scope gets its own.
    assert offered_countries(editor_client) == {"CN", "IS", "NZ"}
    assert offered_countries(Client()) == {"CN"}
    assert offered_countries(staff_client) == {"CN", "IS"}
    # And back, now from the kept values, under other URLs than the pages kept whole.
    assert offered_countries(editor_client, "?page=1") == {"CN", "IS", "NZ"}
    assert offered_countries(Client(), "?page=1") == {"CN"}
    assert offered_countries(staff_client, "?page=1") == {"CN", "IS"}


def test_kept_options_are_named_in_the_language_of_each_page():
    agreement_with("CN", Visibility.PUBLIC)
    # The kept value holds the codes; each page names them in its own language.
    for language, name in (("en", "China"), ("ky", "Кытай"), ("ru", "Китай")):
        page = Client().get(f"/{language}/agreements/?page=1").content.decode()
        assert f'<option value="CN">{name}</option>' in page


def test_a_write_shows_in_the_kept_options_at_once():
    agreement = agreement_with("CN", Visibility.PUBLIC)
    assert offered_countries(Client()) == {"CN"}
    # QuerySet.update() sends no signal; the data version moves all the same.
    Organization.objects.filter(parties__agreement=agreement).update(country="KZ")
    assert offered_countries(Client(), "?page=1") == {"KZ"}


def test_a_kept_value_is_computed_once_per_data_version():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert kept_value("test:value", compute, seconds=60) == 1
    assert kept_value("test:value", compute, seconds=60) == 1
    factories.OrganizationFactory()  # any write to a domain table
    assert kept_value("test:value", compute, seconds=60) == 2
    assert kept_value("test:value", compute, seconds=0) == 3  # 0: never kept


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        }
    }
)
def test_without_its_cache_a_kept_value_is_computed():
    agreement_with("CN", Visibility.PUBLIC)
    assert kept_value("test:value", lambda: "computed", seconds=60) == "computed"
    assert offered_countries(Client()) == {"CN"}
