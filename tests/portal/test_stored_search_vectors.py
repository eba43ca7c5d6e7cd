"""Meetings, joint labs and programmes keep their search vector as a generated, indexed column
(they were built in each site search's query: 30-40 ms each at 100,000 agreements). The stored
vector is the one the query built, so ranking is unchanged, and the lists' `q` matches it too,
so a search group's "all results" link lists the rows it counted."""

import pytest
from django.apps import apps
from django.contrib.postgres.search import SearchQuery
from django.utils import translation

from agreements.models import language_search_vector
from tests import factories

pytestmark = pytest.mark.django_db

TEXTS = {
    "ky": "Сейсмология боюнча биргелешкен изилдөө",
    "ru": "Совместные исследования по сейсмологии",
    "en": "Joint research in seismology",
}


def in_languages(field):
    return {f"{field}_{code}": text for code, text in TEXTS.items()}


KINDS = [
    pytest.param(
        lambda: factories.MeetingFactory(**in_languages("summary"), place_en="Bishkek"),
        ("place", "summary"),
        "/ru/meetings/",
        id="meetings",
    ),
    pytest.param(
        lambda: factories.JointLabFactory(**in_languages("description"), field_en="Geophysics"),
        ("name", "field", "description"),
        "/ru/labs/",
        id="labs",
    ),
    pytest.param(
        lambda: factories.ProgrammeFactory(**in_languages("description")),
        ("title", "description"),
        "/ru/programmes/",
        id="programmes",
    ),
]


@pytest.mark.parametrize(("make", "fields", "list_url"), KINDS)
def test_stored_vector_is_the_one_the_search_built(make, fields, list_url):
    row = make()
    stored, built = (
        type(row)
        .objects.annotate(built=language_search_vector(*fields))
        .values_list("search_vector", "built")
        .get(pk=row.pk)
    )
    assert stored == built
    assert "сейсмолог" in stored  # the Russian stem: word forms match


@pytest.mark.parametrize(("make", "fields", "list_url"), KINDS)
def test_a_word_form_is_found_by_the_search_and_by_its_list(anonymous_client, make, fields, list_url):
    row = make()
    with translation.override("ru"):
        link = f'href="{row.get_absolute_url()}"'
    search = anonymous_client.get("/ru/search/", {"q": "сейсмологией"}).content.decode()
    listed = anonymous_client.get(list_url, {"q": "сейсмологией"}).content.decode()
    assert link in search
    assert link in listed


@pytest.mark.parametrize(
    ("make", "text_field"),
    [
        (factories.MeetingFactory, "summary_en"),
        (factories.JointLabFactory, "description_en"),
        (factories.ProgrammeFactory, "description_en"),
    ],
)
def test_the_stored_vector_follows_an_edit_which_is_audited_without_it(make, text_field):
    row = make()
    model = type(row)
    setattr(row, text_field, "Paleontology")
    row.save()
    assert model.objects.filter(
        pk=row.pk, search_vector=SearchQuery("paleontology", config="english")
    ).exists()
    # The audit trigger was rebuilt with the new column left out: the edit is recorded, and the
    # audit rows hold what was written, not what the database derives from it.
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    last = event_model.objects.filter(pgh_obj_id=row.pk).latest("pgh_id")
    assert (last.pgh_label, getattr(last, text_field)) == ("update", "Paleontology")
    assert "search_vector" not in {field.name for field in event_model._meta.concrete_fields}
