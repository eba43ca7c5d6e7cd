"""The gettext catalogues for Kyrgyz and Russian (DESIGN.md section 7): every interface string
translated, none fuzzy, placeholders kept, and the pages really rendered in those languages.

The pages need the compiled catalogues; `make test` builds them (`make messages`).
"""

import ast
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django_countries.base import CountriesBase
from django_countries.data import COUNTRIES

from portal.country_names import COUNTRY_NAMES
from tests import factories

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("ky", "ru")
PLURAL_FORMS = {
    # As Django's own Kyrgyz catalogue: a noun after a numeral keeps its singular form.
    "ky": "nplurals=1; plural=0;",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}
# Interface strings that every page, or every list, shows.
PAGE_STRINGS = (
    "Science Cooperation Portal",
    "Skip to content",
    "Search",
    "Agreements",
    "Organisations",
    "People",
    "Commissions",
    "Meetings",
    "Consortium",
    "Joint laboratories",
    "Programmes",
    "Indicators",
    "API for partners",
)
HOME_STRINGS = ("Key figures", "Newest agreements", "Next commission meeting", "Cooperation in figures")
LIST_STRINGS = ("Filter", "Apply filter", "Clear all", "Download all results:", "Partner country", "Title")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file as dicts: flags, msgid, msgid_plural, msgstr (a list of forms)."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": []}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if key == "msgstr":
                entry["msgstr"][-1] += value
            else:
                entry[key] += value
        else:
            keyword, _, value = line.partition(" ")
            key = "msgstr" if keyword.startswith("msgstr") else keyword
            if key == "msgstr":
                entry["msgstr"].append(ast.literal_eval(value))
            else:
                entry[key] = ast.literal_eval(value)
    return entries


def header(entries: list[dict]) -> dict[str, str]:
    (head,) = [entry for entry in entries if entry["msgid"] == "" and entry["msgctxt"] is None]
    return dict(line.split(": ", 1) for line in head["msgstr"][0].splitlines() if ": " in line)


def messages(language: str) -> list[dict]:
    return [entry for entry in read_po(catalogue(language)) if entry["msgid"]]


def placeholders(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = messages(language)
    assert len(entries) > 700  # the interface strings and the ~270 country names
    untranslated = [entry["msgid"] for entry in entries if not all(entry["msgstr"])]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []
    assert "fuzzy" not in read_po(catalogue(language))[0]["flags"]  # nor the header


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_names_language_plural_forms_and_charset(language):
    fields = header(read_po(catalogue(language)))
    assert fields["Language"] == language
    assert fields["Plural-Forms"] == PLURAL_FORMS[language]
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    nplurals = int(re.search(r"nplurals=(\d)", PLURAL_FORMS[language]).group(1))
    for entry in messages(language):
        if entry["msgid_plural"] is not None:
            assert len(entry["msgstr"]) == nplurals, entry["msgid"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_and_markup(language):
    for entry in messages(language):
        expected = placeholders(entry["msgid"]) | placeholders(entry["msgid_plural"] or "")
        for form in entry["msgstr"]:
            # A form may leave out the count ("Отозвано ключей: %(count)d" needs it; one form
            # of a plural may not), but never invents or renames a placeholder.
            assert placeholders(form) <= expected, (entry["msgid"], form)
            if entry["msgid_plural"] is None:
                assert placeholders(form) == expected, (entry["msgid"], form)
            assert re.findall(r"</?\w+", form) == re.findall(r"</?\w+", entry["msgid"]), entry["msgid"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_check_passes(language):
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language))],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


def test_country_names_cover_django_countries():
    shown = {str(name) for name in COUNTRIES.values()} | {
        str(name) for name in CountriesBase.COMMON_NAMES.values()
    }
    assert shown <= set(COUNTRY_NAMES)
    for language in LANGUAGES:
        assert shown <= {entry["msgid"] for entry in messages(language)}


class _Text(HTMLParser):
    """The text nodes of a page, each stripped, and the values of aria-label attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.texts += [value.strip() for name, value in attrs if name == "aria-label" and value]

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def page_texts(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    reader = _Text()
    reader.feed(response.content.decode())
    return reader.texts


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("path", "strings"), [("/", PAGE_STRINGS + HOME_STRINGS), ("/agreements/", PAGE_STRINGS + LIST_STRINGS)]
)
def test_pages_render_translated(compiled, anonymous_client, language, path, strings):
    agreement = factories.AgreementFactory()
    factories.PartyFactory(agreement=agreement, organization=factories.OrganizationFactory(country="CN"))
    texts = page_texts(anonymous_client, f"/{language}{path}")
    with translation.override(language):
        for msgid in strings:
            translated = translation.gettext(msgid)
            assert translated != msgid, f"{msgid!r} has no {language} translation"
            assert translated in texts, f"{translated!r} ({msgid!r}) is not on /{language}{path}"
            assert msgid not in texts, f"{msgid!r} is shown in English on /{language}{path}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "china", "kyrgyzstan"),
    [("ky", "Кытай", "Кыргызстан"), ("ru", "Китай", "Кыргызстан"), ("en", "China", "Kyrgyzstan")],
)
def test_country_names_in_each_language(compiled, anonymous_client, language, china, kyrgyzstan):
    # django-countries has no Kyrgyz catalogue; ours names the countries. Ours also spells
    # Kyrgyzstan in Russian as the country itself does, not the package's "Киргизия".
    chinese = factories.OrganizationFactory(country="CN")
    kyrgyz = factories.OrganizationFactory(country="KG")
    assert china in page_texts(anonymous_client, f"/{language}/organizations/{chinese.pk}/")
    assert kyrgyzstan in page_texts(anonymous_client, f"/{language}/organizations/{kyrgyz.pk}/")
