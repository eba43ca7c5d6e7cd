"""The legal layer: who signed what with whom, when and where, and what they promised.

Each model carries its own QuerySet: `for_list()` loads what a list shows in a fixed number of
queries, `visible_to(user)` applies DESIGN.md section 6. Rules that the database can keep are
constraints, so no write path (admin, API, shell, import) can store nonsense.
"""

import datetime
import re

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Cast
from django.db.models.lookups import IsNull, Regex
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from portal.core.filters import SEARCH_CONFIG_BY_LANGUAGE
from portal.core.models import DatePrecision, TimeStampedModel
from portal.core.visibility import Visibility, scope_for
from portal.translated import translated_column

ROR_RE = r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$"
ORCID_RE = r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$"


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 11-2 check digit, as ORCID specifies."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def validate_orcid(value):
    from django.core.exceptions import ValidationError

    # Django runs every validator even when the format check failed; the check digit only
    # means something for a value of the right form, which orcid_validator reports otherwise.
    if not re.fullmatch(ORCID_RE, value or ""):
        return
    if not orcid_checksum_ok(value):
        raise ValidationError(_("This ORCID iD has a wrong check digit."), code="orcid_checksum")


ror_validator = RegexValidator(ROR_RE, _("A ROR ID has the form 0xxxxxxNN (e.g. 02nr0ka47)."))
orcid_validator = RegexValidator(ORCID_RE, _("An ORCID iD has the form 0000-0002-1825-0097."))


def country_code_check(field: str, name: str, multiple: bool = False) -> models.CheckConstraint:
    """ISO 3166-1 alpha-2 codes (or a comma-separated list of them), or empty.

    django-countries swallows a plain `country__regex` lookup (the SQL came out as
    `country = ''`), so the regex is applied to the column cast to text.
    """
    pattern = r"^([A-Z]{2}(,[A-Z]{2})*)?$" if multiple else r"^([A-Z]{2})?$"
    return models.CheckConstraint(condition=Q(Regex(Cast(field, models.CharField()), pattern)), name=name)


def language_search_vector(*fields: str, weights: str = "AB"):
    """A search vector over the three language columns of each of `fields`, in that language's
    configuration; the first field weighs A, the others B (the site search ranks by it).

    Meetings, joint labs and programmes keep it as a generated, indexed column; portal/search.py
    builds the same one in the query for the small tables that keep none (commissions,
    indicators, topics).
    """
    vector = None
    for index, name in enumerate(fields):
        weight = weights[min(index, len(weights) - 1)]
        for language, config in SEARCH_CONFIG_BY_LANGUAGE.items():
            part = SearchVector(f"{name}_{language}", config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def trigram_indexes(field: str, prefix: str) -> list[GinIndex]:
    """Trigram GIN indexes on the three language columns of `field`, named `<prefix>_<lang>_trgm`."""
    return [
        GinIndex(fields=[f"{field}_{code}"], opclasses=["gin_trgm_ops"], name=f"{prefix}_{code}_trgm")
        for code in SEARCH_CONFIG_BY_LANGUAGE
    ]


def history(model):
    """Audit every insert, update and delete by database triggers (DESIGN.md principle 9).

    Applied in each app's translation.py, after modeltranslation has added the per-language
    columns, so that the audit rows hold every language; the generated search column is left
    out because it is derived.
    """
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        exclude=["search_vector"] if any(f.name == "search_vector" for f in model._meta.fields) else None,
    )(model)


# --- Organisations and people ---------------------------------------------------------------


class OrganizationQuerySet(models.QuerySet):
    def for_list(self):
        return self.defer("search_vector").select_related("parent", "successor")

    def visible_to(self, user):
        # Organisations are public record; the hook exists so every list calls the same method.
        return self


class OrganizationKind(models.TextChoices):
    ACADEMY = "academy", _("academy")
    UNIVERSITY = "university", _("university")
    MINISTRY = "ministry", _("ministry")
    RESEARCH_INSTITUTE = "research_institute", _("research institute")
    AGENCY = "agency", _("agency")
    COMPANY = "company", _("company")
    INTERNATIONAL_BODY = "international_body", _("international body")
    OTHER = "other", _("other")


class Organization(TimeStampedModel):
    Kind = OrganizationKind

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    ror_id = models.CharField(
        _("ROR ID"),
        max_length=9,
        blank=True,
        validators=[ror_validator],
        help_text=_("Research Organization Registry identifier, e.g. 02nr0ka47."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The organisation that took over, e.g. a renamed ministry."),
    )
    description = models.TextField(_("description"), blank=True)
    search_vector = models.GeneratedField(
        expression=SearchVector("name_ky", "short_name_ky", config="simple", weight="A")
        + SearchVector("name_ru", "short_name_ru", config="russian", weight="A")
        + SearchVector("name_en", "short_name_en", config="english", weight="A"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values), name="organization_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(ror_id="") | Q(ror_id__regex=ROR_RE), name="organization_ror_format"
            ),
            country_code_check("country", "organization_country_iso"),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="organization_not_own_parent",
                violation_error_message=_("An organisation cannot be its own parent."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("id")),
                name="organization_not_own_successor",
                violation_error_message=_("An organisation cannot be its own successor."),
            ),
            models.UniqueConstraint(
                fields=["ror_id"], condition=~Q(ror_id=""), name="organization_ror_unique"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="organization_search"),
            *trigram_indexes("name", "organization_name"),
            # The site search matches short names ("КНУ", "CAS") by trigram too.
            *trigram_indexes("short_name", "organization_short"),
        ]

    def __str__(self):
        return self.name or self.short_name or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("agreements:organization_detail", args=[self.pk])


class ContactPoint(TimeStampedModel):
    """A public contact of an organisation, e.g. the Academy's electronic reception."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contact_points",
    )
    label = models.CharField(_("label"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("contact point")
        verbose_name_plural = _("contact points")
        ordering = ["organization", "id"]

    def __str__(self):
        return self.label


class PersonQuerySet(models.QuerySet):
    def for_list(self):
        return self.defer("search_vector")

    def visible_to(self, user):
        """People are public record, except someone known only from agreements the viewer may
        not see: their name alone would tell of a confidential or internal agreement."""
        if scope_for(user).sees_everything:
            return self
        signatures = Signatory.objects.filter(person=OuterRef("pk"))
        by_level, *as_party = agreement_visibility_parts(user, prefix="agreement__")
        shown = ~Exists(signatures) | Exists(
            signatures.filter(
                by_level,
                # Always true, but it names the person outside the correlation, which keeps
                # PostgreSQL from planning the test as a hash of every signature of those levels
                # (70 ms and more at 100,000 agreements, on every list and count) instead of a
                # probe per person that stops at the first one (tests/scale/test_explain.py).
                IsNull(OuterRef("pk"), False),
            )
        )
        # A partner's own internal agreements are few: their signatures are hashed once.
        for part in as_party:
            shown |= Exists(signatures.filter(part))
        return self.filter(shown)


class Person(TimeStampedModel):
    """A signatory or other named person. No private contact data is kept."""

    full_name = models.CharField(_("full name"), max_length=200)
    orcid = models.CharField(
        _("ORCID iD"), max_length=19, blank=True, validators=[orcid_validator, validate_orcid]
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("full_name_ky", config="simple", weight="A")
        + SearchVector("full_name_ru", config="russian", weight="A")
        + SearchVector("full_name_en", config="english", weight="A"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(orcid="") | Q(orcid__regex=ORCID_RE), name="person_orcid_format"
            ),
            models.UniqueConstraint(fields=["orcid"], condition=~Q(orcid=""), name="person_orcid_unique"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="person_search"),
            *trigram_indexes("full_name", "person_name"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("agreements:person_detail", args=[self.pk])


class Topic(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self):
        return self.name


# --- Commissions and meetings ---------------------------------------------------------------


class CommissionQuerySet(models.QuerySet):
    def for_list(self):
        return self.prefetch_related("meetings")

    def visible_to(self, user):
        return self


class Commission(TimeStampedModel):
    name = models.CharField(_("name"), max_length=300)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = CommissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["name"]
        constraints = [country_code_check("countries", "commission_countries_iso", multiple=True)]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agreements:commission_detail", args=[self.pk])


class MeetingQuerySet(models.QuerySet):
    def for_list(self):
        return self.defer("search_vector").select_related("commission")

    def visible_to(self, user):
        return self

    def planned(self):
        return self.filter(held_on__isnull=True)

    def upcoming(self):
        """Planned meetings, soonest first (by planned year, then number)."""
        return self.planned().order_by(F("planned_year").asc(nulls_last=True), "number")


class Meeting(TimeStampedModel):
    commission = models.ForeignKey(
        Commission, verbose_name=_("commission"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_on_precision = models.CharField(
        _("precision of the date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    planned_year = models.PositiveSmallIntegerField(_("planned year"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    source_url = models.URLField(_("source"), blank=True)
    search_vector = models.GeneratedField(
        expression=language_search_vector("place", "summary"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["commission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "number"],
                name="meeting_number_unique_per_commission",
                violation_error_message=_("This commission already has a meeting with this number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
            models.CheckConstraint(
                condition=Q(held_on__isnull=False) | Q(planned_year__isnull=False),
                name="meeting_held_or_planned",
                violation_error_message=_(
                    "Give the date the meeting was held or the year it is planned for."
                ),
            ),
            models.CheckConstraint(
                condition=Q(planned_year__isnull=True) | Q(planned_year__gte=1900, planned_year__lte=2200),
                name="meeting_planned_year_range",
            ),
            models.CheckConstraint(
                condition=Q(held_on_precision__in=DatePrecision.values),
                name="meeting_precision_valid",
            ),
            country_code_check("country", "meeting_country_iso"),
        ]
        indexes = [
            models.Index(fields=["held_on"]),
            models.Index(fields=["planned_year"]),
            GinIndex(fields=["search_vector"], name="meeting_search"),
            # The site search also matches places by trigram: a match on any column in an OR can
            # use the indexes only if every column has one.
            *trigram_indexes("place", "meeting_place"),
        ]

    def __str__(self):
        return _("%(commission)s, meeting %(number)s") % {
            "commission": self.commission,
            "number": self.number,
        }

    @property
    def is_planned(self):
        return self.held_on is None

    def get_absolute_url(self):
        return reverse("agreements:meeting_detail", args=[self.pk])


# --- Agreements -----------------------------------------------------------------------------


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SIGNED = "signed", _("signed, not yet in force")
    IN_FORCE = "in_force", _("in force")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")


def status_expression(today: datetime.date):
    """The agreement's status as SQL, so it can be filtered and ordered.

    With no entry-into-force date the instrument is taken to be in force from its signature,
    the usual clause of memoranda and cooperation agreements.
    """
    return Case(
        When(terminated_on__lte=today, then=Value(AgreementStatus.TERMINATED)),
        When(Q(signed_on__isnull=True) | Q(signed_on__gt=today), then=Value(AgreementStatus.DRAFT)),
        When(expires_on__lt=today, then=Value(AgreementStatus.EXPIRED)),
        When(entry_into_force_on__gt=today, then=Value(AgreementStatus.SIGNED)),
        default=Value(AgreementStatus.IN_FORCE),
        output_field=models.CharField(),
    )


def agreement_visibility_parts(user, prefix: str = "") -> list[Q]:
    """The filter that section 6 puts on agreements as its alternatives, any of which admits a
    row: the visibility levels the viewer reads and, for a partner, the internal agreements
    its organisation is a party to. `agreement_visibility_q` is their OR; a caller that tests
    them in a subquery may plan each apart (PersonQuerySet.visible_to)."""
    scope = scope_for(user)
    parts = [Q(**{f"{prefix}visibility__in": scope.levels})]
    if scope.partner_organization_id is not None:
        # The internal agreements this partner is a party to, as a small set of ids: the planner
        # can then OR two index lookups instead of testing a correlated EXISTS on every row.
        internal_as_party = Party.objects.filter(
            organization_id=scope.partner_organization_id,
            agreement__visibility=Visibility.INTERNAL,
        ).values("agreement_id")
        parts.append(Q(**{f"{prefix}pk__in": internal_as_party}))
    return parts


def agreement_visibility_q(user, prefix: str = "") -> Q:
    """The filter that section 6 puts on agreements, reachable from a child by `prefix`.

    Children (parties, signatories, documents, commitments) pass e.g. prefix="agreement__" so
    that they follow their agreement's visibility through this one function.
    """
    by_level, *others = agreement_visibility_parts(user, prefix)
    for other in others:
        by_level |= other
    return by_level


class AgreementQuerySet(models.QuerySet):
    def with_status(self, today=None):
        return self.annotate(status=status_expression(today or timezone.localdate()))

    def visible_to(self, user):
        return self.filter(agreement_visibility_q(user))

    def for_list(self):
        # The search column is only ever matched in SQL; loading it would double the row size.
        return (
            self.with_status()
            .defer("search_vector")
            .select_related("meeting__commission", "parent")
            .prefetch_related(
                models.Prefetch("parties", queryset=Party.objects.select_related("organization")),
                "topics",
            )
        )

    def for_detail(self):
        return (
            self.with_status()
            .defer("search_vector")
            .select_related("meeting__commission", "parent")
            .prefetch_related(
                models.Prefetch("parties", queryset=Party.objects.select_related("organization__successor")),
                models.Prefetch(
                    "signatories", queryset=Signatory.objects.select_related("person", "organization")
                ),
                models.Prefetch("documents", queryset=Document.objects.all()),
                models.Prefetch(
                    "commitments", queryset=Commitment.objects.with_overdue().select_related("responsible")
                ),
                "topics",
            )
        )

    def expiring_within(self, days: int, today=None):
        today = today or timezone.localdate()
        return self.with_status(today).filter(
            status=AgreementStatus.IN_FORCE,
            expires_on__gte=today,
            expires_on__lte=today + datetime.timedelta(days=days),
        )


class AgreementKind(models.TextChoices):
    AGREEMENT = "agreement", _("agreement")
    MEMORANDUM = "memorandum", _("memorandum")
    PROTOCOL = "protocol", _("protocol")
    ROADMAP = "roadmap", _("roadmap")
    CONTRACT = "contract", _("contract")
    OTHER = "other", _("other")


class Agreement(TimeStampedModel):
    Kind = AgreementKind

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("The act it implements, e.g. a presidential decree."),
    )
    reference_number = models.CharField(_("reference number"), max_length=100, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("precision of the signing date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When the source says only 'in May 2023', store 1 May 2023 with precision month."),
    )
    signed_place = models.CharField(_("place of signing"), max_length=200, blank=True)
    entry_into_force_on = models.DateField(_("entry into force"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("E.g. the agreement a protocol belongs to."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The commission meeting that produced it."),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="agreements")
    visibility = models.CharField(
        _("visibility"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    search_vector = models.GeneratedField(
        expression=SearchVector("title_ky", config="simple", weight="A")
        + SearchVector("title_ru", config="russian", weight="A")
        + SearchVector("title_en", config="english", weight="A")
        + SearchVector("summary_ky", "reference_number", config="simple", weight="B")
        + SearchVector("summary_ru", config="russian", weight="B")
        + SearchVector("summary_en", config="english", weight="B"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = [F("signed_on").desc(nulls_last=True), "-id"]
        permissions = [
            ("view_internal_agreement", "Can view internal agreements"),
            ("view_confidential_agreement", "Can view confidential agreements"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AgreementKind.values), name="agreement_kind_valid"),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="agreement_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(signed_on_precision__in=DatePrecision.values),
                name="agreement_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False)
                | Q(entry_into_force_on__isnull=True, expires_on__isnull=True, terminated_on__isnull=True),
                name="agreement_dates_need_signature",
                violation_error_message=_(
                    "Entry into force, expiry and termination dates need a signing date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(entry_into_force_on__isnull=True) | Q(entry_into_force_on__gte=F("signed_on")),
                name="agreement_in_force_after_signature",
                violation_error_message=_("The entry into force cannot be before the signature."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("signed_on")),
                name="agreement_expires_after_signature",
                violation_error_message=_("The expiry date cannot be before the signature."),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(entry_into_force_on__isnull=True)
                | Q(expires_on__gte=F("entry_into_force_on")),
                name="agreement_expires_after_entry_into_force",
                violation_error_message=_("The expiry date cannot be before the entry into force."),
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True) | Q(terminated_on__gte=F("signed_on")),
                name="agreement_terminated_after_signature",
                violation_error_message=_("The termination date cannot be before the signature."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="agreement_not_own_parent",
                violation_error_message=_("An instrument cannot be its own parent."),
            ),
            models.UniqueConstraint(
                fields=["reference_number"],
                condition=~Q(reference_number=""),
                name="agreement_reference_number_unique",
                violation_error_message=_("Another agreement already has this reference number."),
            ),
        ]
        indexes = [
            # Matches Meta.ordering exactly, so the default list is an index walk with no sort.
            models.Index(F("signed_on").desc(nulls_last=True), F("id").desc(), name="agreement_signed_on"),
            # Sorting by title sorts by the title with its language fallback, a different
            # expression in each language: one index per language on exactly that expression,
            # built by the function the lists and the API sort with (PostgreSQL uses an
            # expression index only for the same expression), and the id that breaks ties.
            # Walked backwards, the same index serves `-title`.
            *(
                models.Index(
                    translated_column("title", language=code), "id", name=f"agreement_title_{code}_sort"
                )
                for code in settings.MODELTRANSLATION_LANGUAGES
            ),
            models.Index(fields=["expires_on"], name="agreement_expires_on"),
            # Visibility alone (deduplicated, a few pages) counts what a level sees fastest: the
            # anonymous count, 5 ms at 100,000. With the id: a partner sees `public OR id IN
            # (its internal agreements)`, which that index answers alone, the count included,
            # where the other leaves the table to be read: 131 to 20 ms.
            models.Index(fields=["visibility"], name="agreement_visibility"),
            models.Index(fields=["visibility", "id"], name="agreement_visibility_id"),
            # The terminated and signed-not-yet-in-force status filters (agreements.filters
            # .status_condition) select the few rows with a date after or before today: most
            # rows have no such date, so only the rows that have one are indexed.
            models.Index(
                fields=["terminated_on"],
                condition=Q(terminated_on__isnull=False),
                name="agreement_terminated_on",
            ),
            models.Index(
                fields=["entry_into_force_on"],
                condition=Q(entry_into_force_on__isnull=False),
                name="agreement_entry_into_force",
            ),
            GinIndex(fields=["search_vector"], name="agreement_search"),
            *trigram_indexes("title", "agreement_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", args=[self.pk])

    def compute_status(self, today=None):
        """The same rule as `status_expression`, for an instance loaded without the annotation."""
        today = today or timezone.localdate()
        if self.terminated_on and self.terminated_on <= today:
            return AgreementStatus.TERMINATED
        if self.signed_on is None or self.signed_on > today:
            return AgreementStatus.DRAFT
        if self.expires_on and self.expires_on < today:
            return AgreementStatus.EXPIRED
        if self.entry_into_force_on and self.entry_into_force_on > today:
            return AgreementStatus.SIGNED
        return AgreementStatus.IN_FORCE

    def get_status_display(self):
        status = getattr(self, "status", None) or self.compute_status()
        return AgreementStatus(status).label


class ChildOfAgreementQuerySet(models.QuerySet):
    """Rows that follow their agreement's visibility (section 6)."""

    def visible_to(self, user):
        return self.filter(agreement_visibility_q(user, prefix="agreement__"))


class PartyRole(models.TextChoices):
    PARTY = "party", _("party")
    COORDINATOR = "coordinator", _("coordinator")
    OBSERVER = "observer", _("observer")
    DEPOSITARY = "depositary", _("depositary")


class Party(models.Model):
    Role = PartyRole

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    # Indexed by `party_organization` below, which starts with this column.
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="parties",
        db_index=False,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)
    name_as_signed = models.CharField(
        _("name as signed"),
        max_length=300,
        blank=True,
        help_text=_("The organisation's name at signing, if it differs from today's."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChildOfAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organization"],
                name="party_unique_per_agreement",
                violation_error_message=_("This organisation is already a party to the agreement."),
            ),
            models.CheckConstraint(condition=Q(role__in=PartyRole.values), name="party_role_valid"),
        ]
        indexes = [
            # The country and organisation filters ask which agreements an organisation is a
            # party to: with both columns in the index that is an index-only scan, not a read
            # of each party row (bench/README.md). It also serves the foreign key's lookups.
            models.Index(fields=["organization", "agreement"], name="party_organization"),
        ]

    def __str__(self):
        return self.name_as_signed or str(self.organization)


class Signatory(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="signatories"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="signatures"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatories",
    )
    position = models.CharField(
        _("position"),
        max_length=300,
        blank=True,
        help_text=_("As held on the signing date, e.g. President of the National Academy of Sciences."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChildOfAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["agreement_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"],
                name="signatory_unique_per_agreement",
                violation_error_message=_("This person is already a signatory of the agreement."),
            ),
        ]

    def __str__(self):
        return str(self.person)


def document_upload_to(instance, filename):
    # The stored name is made from the content hash, never from what the uploader called it.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}.pdf"


class DocumentKind(models.TextChoices):
    SIGNED_ORIGINAL = "signed_original", _("signed original")
    TRANSLATION = "translation", _("translation")
    ANNEX = "annex", _("annex")


class DocumentLanguage(models.TextChoices):
    KY = "ky", _("Kyrgyz")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    ZH = "zh", _("Chinese")
    OTHER = "other", _("other")


class Document(models.Model):
    Kind = DocumentKind

    Language = DocumentLanguage

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SIGNED_ORIGINAL)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.FileField(_("file (PDF)"), upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    size = models.BigIntegerField(_("size in bytes"), editable=False)
    uploaded_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ChildOfAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["agreement_id", "kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="document_sha256_hex"),
            models.CheckConstraint(condition=Q(size__gte=0), name="document_size_non_negative"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_valid"),
            models.CheckConstraint(
                condition=Q(language="") | Q(language__in=DocumentLanguage.values),
                name="document_language_valid",
            ),
        ]

    def __str__(self):
        return self.title or self.original_name or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("agreements:document_download", args=[self.pk])


class CommitmentQuerySet(ChildOfAgreementQuerySet):
    def with_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.annotate(
            is_overdue=Case(
                When(
                    Q(due_on__lt=today)
                    & Q(status__in=[Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS]),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def overdue(self, today=None):
        return self.with_overdue(today).filter(is_overdue=True)


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Commitment(TimeStampedModel):
    Status = CommitmentStatus

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.TextField(_("commitment"))
    responsible = models.ForeignKey(
        Organization,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    target_quantity = models.DecimalField(
        _("target quantity"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    target_unit = models.CharField(_("target unit"), max_length=100, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress_note = models.TextField(_("progress note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["agreement_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_quantity__isnull=True) | Q(target_quantity__gte=0),
                name="commitment_target_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommitmentStatus.values), name="commitment_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["due_on", "status"], name="commitment_due")]

    def __str__(self):
        return self.text[:80]

    @property
    def overdue(self):
        if hasattr(self, "is_overdue"):
            return self.is_overdue
        return bool(
            self.due_on
            and self.due_on < timezone.localdate()
            and self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
        )
