"""`manage.py generate_data`: realistic invented data in three languages, deterministic by seed,
loaded without audit rows and never mixed into a database that already holds agreements."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from pghistory.models import Event
from psycopg import sql

from agreements.models import (
    Agreement,
    AgreementStatus,
    Commission,
    Commitment,
    Meeting,
    Organization,
    Party,
    Person,
    Signatory,
    Topic,
)
from consortium.models import Consortium, Indicator, JointLab, Membership, Programme, Workstream
from portal.core.filters import full_text_query
from portal.core.visibility import Visibility

pytestmark = pytest.mark.django_db

N = 200
GENERATED_MODELS = [
    model
    for app_label in ("agreements", "consortium")
    for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
    if not issubclass(model, Event)
]
EVENT_MODELS = [
    model
    for app_label in ("agreements", "consortium")
    for model in apps.get_app_config(app_label).get_models()
    if issubclass(model, Event)
]


def generate(**options):
    out = io.StringIO()
    call_command("generate_data", agreements=N, seed=1, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def output():
    return generate()


def test_it_makes_every_kind_of_record_and_says_how_many(output):
    assert Agreement.objects.count() == N
    assert Organization.objects.count() >= 100
    assert Person.objects.count() >= 2 * Organization.objects.count()
    assert Topic.objects.count() == 20
    assert Commission.objects.count() == 21
    assert Meeting.objects.filter(held_on__isnull=False).exists()
    assert Meeting.objects.filter(held_on__isnull=True, planned_year__isnull=False).exists()
    for model in (Commitment, Consortium, Membership, Workstream, JointLab, Programme, Indicator):
        assert model.objects.exists(), model
    assert "agreements_agreement" in output and f"{N:>10,}" in output
    assert "Generated 200 agreements (seed 1)" in output


def test_every_agreement_has_two_to_five_parties_and_two_to_four_signatories(output):
    counts = Agreement.objects.annotate(
        parties_count=Count("parties", distinct=True), signatories_count=Count("signatories", distinct=True)
    ).aggregate(
        fewest_parties=Min("parties_count"), most_parties=Max("parties_count"),
        fewest_signatories=Min("signatories_count"), most_signatories=Max("signatories_count"),
    )  # fmt: skip
    assert counts == {"fewest_parties": 2, "most_parties": 5, "fewest_signatories": 2, "most_signatories": 4}
    # Each signatory signs for one of the parties, with the position held there.
    is_a_party = Exists(
        Party.objects.filter(agreement=OuterRef("agreement"), organization=OuterRef("organization"))
    )
    assert not Signatory.objects.exclude(is_a_party).exists()
    assert not Signatory.objects.filter(Q(position_ky="") | Q(position_ru="") | Q(position_en="")).exists()


def test_all_three_languages_are_filled_and_the_original_column_holds_kyrgyz(output):
    for model, field in ((Agreement, "title"), (Agreement, "summary"), (Organization, "name"),
                         (Person, "full_name"), (Commission, "name"), (Topic, "name"), (JointLab, "name"),
                         (Programme, "title"), (Indicator, "name"), (Commitment, "text")):  # fmt: skip
        for row in model.objects.values(f"{field}_ky", f"{field}_ru", f"{field}_en"):
            assert all(row.values()), (model, row)
        # The untranslated column itself, read in SQL: modeltranslation would read values(field)
        # in whatever language the worker last activated.
        with connection.cursor() as cursor:
            cursor.execute(
                sql.SQL("SELECT count(*) FROM {} WHERE {} IS DISTINCT FROM {}").format(
                    sql.Identifier(model._meta.db_table), sql.Identifier(field), sql.Identifier(f"{field}_ky")
                )
            )
            assert cursor.fetchone()[0] == 0, (model, field)
    # The languages really differ: Russian and Kyrgyz titles are not the English one.
    agreement = Agreement.objects.first()
    assert len({agreement.title_ky, agreement.title_ru, agreement.title_en}) == 3


def test_visibilities_and_statuses_are_mixed(output):
    visibilities = dict(Agreement.objects.order_by().values_list("visibility").annotate(Count("id")))
    assert set(visibilities) == set(Visibility.values)
    assert (
        visibilities[Visibility.PUBLIC]
        > visibilities[Visibility.INTERNAL]
        > visibilities[Visibility.CONFIDENTIAL]
    )
    statuses = set(Agreement.objects.with_status().values_list("status", flat=True))
    assert {AgreementStatus.IN_FORCE, AgreementStatus.EXPIRED} <= statuses
    assert Agreement.objects.filter(kind=Agreement.Kind.PROTOCOL, parent__isnull=False).exists()
    assert Agreement.objects.filter(meeting__isnull=False).exists()
    assert Organization.objects.filter(parent__isnull=False).exists()
    assert Organization.objects.filter(successor__isnull=False).exists()
    assert len(set(Organization.objects.values_list("country", flat=True))) >= 20


def test_the_generated_search_column_finds_a_title_word(output):
    assert not Agreement.objects.filter(search_vector__isnull=True).exists()
    agreement = Agreement.objects.filter(kind=Agreement.Kind.MEMORANDUM).order_by("id").first()
    english_word = max(agreement.title_en.split(), key=len)
    russian_word = max(agreement.title_ru.split(), key=len)
    for word in (english_word, russian_word):
        found = Agreement.objects.filter(search_vector=full_text_query(word))
        assert found.filter(pk=agreement.pk).exists(), word


def test_every_foreign_key_points_to_a_row_although_the_load_skipped_the_checks(output):
    for model in GENERATED_MODELS:
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is not None:
                dangling = model.objects.exclude(**{f"{field.attname}__isnull": True}).exclude(
                    **{f"{field.attname}__in": field.related_model.objects.values("pk")}
                )
                assert not dangling.exists(), (model, field.name)


def test_generated_data_leaves_no_audit_rows_but_later_edits_do(output):
    assert not any(model.objects.exists() for model in EVENT_MODELS)
    # The replica role (which silenced the triggers) ended with the load.
    Organization.objects.filter(pk=Organization.objects.first().pk).update(website="https://example.org")
    assert apps.get_model("agreements", "OrganizationEvent").objects.count() == 1


def test_the_same_seed_makes_the_same_records():
    generate()
    first = list(Agreement.objects.order_by("id").values_list("title_en", "kind", "visibility"))
    first_orgs = list(Organization.objects.order_by("id").values_list("name_ru", flat=True))
    generate(append=True)
    both = list(Agreement.objects.order_by("id").values_list("title_en", "kind", "visibility"))
    both_orgs = list(Organization.objects.order_by("id").values_list("name_ru", flat=True))
    assert both[N:] == first
    assert both_orgs[len(first_orgs) :] == first_orgs


def test_it_refuses_to_add_to_a_database_that_holds_agreements(output):
    with pytest.raises(CommandError, match="already holds 200 agreements"):
        generate()
    assert Agreement.objects.count() == N
