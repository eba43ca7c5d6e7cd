"""Backup and restore round trip: every table row for row, every document by checksum.

The data has to be committed for pg_dump to see it, so these tests are transactional (the
database is emptied after each); they live in a module of their own so that no test needing the
migrations' data runs after them in the same worker (pytest-django runs transactional tests last).
"""

import datetime
import hashlib
import json

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from agreements.models import Agreement, Document
from portal.core.backups import Database
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def load_data():
    kg, cn = factories.OrganizationFactory(country="KG"), factories.OrganizationFactory(country="CN")
    meeting = factories.MeetingFactory(place_ky="Бишкек", place_en="Bishkek")
    agreement = factories.AgreementFactory(
        title_ky="Илимий кызматташтык жөнүндө макулдашуу", meeting=meeting, visibility="confidential",
        expires_on=datetime.date(2028, 7, 20),
    )  # fmt: skip
    agreement.topics.add(factories.TopicFactory(slug="green-tech"))
    factories.PartyFactory(agreement=agreement, organization=kg)
    factories.PartyFactory(agreement=agreement, organization=cn, name_as_signed_en="CAS")
    factories.SignatoryFactory(agreement=agreement, organization=kg, position_en="President")
    factories.CommitmentFactory(
        agreement=agreement, responsible=kg, target_quantity=10, target_unit_en="people"
    )
    factories.AgreementFactory(parent=agreement, kind=Agreement.Kind.PROTOCOL, visibility="internal")
    consortium = factories.ConsortiumFactory(founding_agreement=agreement)
    factories.MembershipFactory(consortium=consortium, organization=kg)
    factories.WorkstreamFactory(consortium=consortium, lead=kg)
    factories.JointLabFactory()
    factories.ProgrammeFactory(agreement=agreement, places=10)
    factories.IndicatorFactory(value=4200)
    # An update and a delete, so the audit tables hold every kind of event.
    Agreement.objects.filter(pk=agreement.pk).update(summary_en="Updated in bulk")
    factories.AgreementFactory().delete()

    document = Document(
        agreement=agreement, kind=Document.Kind.SIGNED_ORIGINAL, language="ru",
        sha256=hashlib.sha256(PDF).hexdigest(), size=len(PDF), original_name="scan.pdf",
    )  # fmt: skip
    document.file.save("scan.pdf", ContentFile(PDF), save=True)
    return document


def tables(conn):
    return [
        row[0]
        for row in conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
    ]


def rows(conn, table):
    return sorted(conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall(), key=repr)  # noqa: S608


def schema(conn):
    """Constraints, indexes, triggers, functions and sequence positions: what rows would not show.

    Compared by name and kind: PostgreSQL may print a restored CHECK expression differently
    (the same casts, placed otherwise), so the definitions' text is not compared.
    """
    queries = {
        "constraints": "SELECT conrelid::regclass::text, conname, contype, convalidated FROM pg_constraint "
        "WHERE connamespace = 'public'::regnamespace",
        "indexes": "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'",
        "triggers": "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger "
        "WHERE NOT tgisinternal",
        # With their planner costs, which pg_dump does not keep for an extension's functions
        # (the trigram costs, agreements migration 0009): the restore sets them again.
        "functions": "SELECT proname, pronargs, procost FROM pg_proc "
        "WHERE pronamespace = 'public'::regnamespace",
        "sequences": "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'",
        "extensions": "SELECT extname FROM pg_extension",
    }
    return {name: sorted(conn.execute(query).fetchall()) for name, query in queries.items()}


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def empty_database():
    """A new database on the test server, dropped after the test."""
    name = connection.settings_dict["NAME"] + "_restore"
    admin = Database.from_settings(name="postgres")
    with admin.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def only_backup(folder):
    backups = list(folder.iterdir())
    assert len(backups) == 1 and not backups[0].name.startswith("."), backups
    return backups[0]


def test_backup_restores_every_row_and_document(media, tmp_path, empty_database):
    document = load_data()
    call_command("backup", output=str(tmp_path / "backups"))
    backup = only_backup(tmp_path / "backups")
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar"}
    assert manifest["media_files"] == {document.file.name: document.sha256}

    media.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", str(backup), dbname=empty_database)

    source, restored = Database.from_settings(), Database.from_settings(name=empty_database)
    with source.connect() as old, restored.connect() as new:
        assert tables(new) == tables(old)
        assert len(tables(old)) > 30
        for table in tables(old):
            assert rows(new, table) == rows(old, table), table
        assert schema(new) == schema(old)
        assert rows(old, Agreement._meta.db_table), "the source had data"
        stored = new.execute(f'SELECT file, sha256 FROM "{Document._meta.db_table}"').fetchall()  # noqa: S608
    assert stored == [(document.file.name, document.sha256)]
    restored_file = tmp_path / "restored-media" / document.file.name
    assert hashlib.sha256(restored_file.read_bytes()).hexdigest() == document.sha256
    assert restored_file.read_bytes() == PDF


def test_restore_refuses_a_database_that_is_not_empty(media, tmp_path):
    load_data()
    call_command("backup", output=str(tmp_path / "backups"))
    backup = only_backup(tmp_path / "backups")
    before = Agreement.objects.count()
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup))  # the test database itself
    assert Agreement.objects.count() == before


def test_restore_refuses_a_damaged_backup_and_writes_nothing(media, tmp_path, empty_database):
    load_data()
    call_command("backup", output=str(tmp_path / "backups"))
    backup = only_backup(tmp_path / "backups")
    dump = backup / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))

    media.MEDIA_ROOT = tmp_path / "restored-media"
    with pytest.raises(CommandError, match="damaged: database.dump"):
        call_command("restore", str(backup), dbname=empty_database)
    assert Database.from_settings(name=empty_database).relation_count() == 0
    assert not (tmp_path / "restored-media").exists()


def test_restore_failing_midway_leaves_the_database_empty(media, tmp_path, empty_database):
    """pg_restore runs in one transaction: when a statement fails, every table is rolled back."""
    load_data()
    call_command("backup", output=str(tmp_path / "backups"))
    backup = only_backup(tmp_path / "backups")
    target = Database.from_settings(name=empty_database)
    # A domain is a type, not a table: the database still counts as empty, but the dump's
    # CREATE TABLE of the same name fails part way through the restore.
    with target.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DOMAIN "{Document._meta.db_table}" AS integer')
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore", str(backup), dbname=empty_database)
    assert target.relation_count() == 0
