"""The implementation layer: what agreements set up and how that work is going.

May import `agreements`; `agreements` never imports this app. These rows are public record;
their links to agreements are shown only where the viewer may see the agreement.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from agreements.models import (
    Agreement,
    Meeting,
    Organization,
    Topic,
    country_code_check,
    language_search_vector,
    trigram_indexes,
)
from portal.core.models import TimeStampedModel

# ISO 4217 alphabetic codes: three capital letters (e.g. CNY, KGS, USD).
CURRENCY_RE = r"^[A-Z]{3}$"


class PublicQuerySet(models.QuerySet):
    def visible_to(self, user):
        # Consortium rows are public; the hook exists so every list calls the same method.
        return self


class ConsortiumQuerySet(PublicQuerySet):
    def for_list(self):
        return self.select_related("founding_agreement")


class Consortium(TimeStampedModel):
    name = models.CharField(_("name"), max_length=300)
    founding_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("founding agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consortia",
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        Organization, through="Membership", related_name="consortia", verbose_name=_("members")
    )

    objects = ConsortiumQuerySet.as_manager()

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("consortium:consortium_detail", args=[self.pk])


class MembershipRole(models.TextChoices):
    FOUNDER = "founder", _("founding member")
    COORDINATOR = "coordinator", _("coordinator")
    MEMBER = "member", _("member")


class Membership(models.Model):
    Role = MembershipRole

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["consortium", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "organization"],
                name="membership_unique",
                violation_error_message=_("This organisation is already a member of the consortium."),
            ),
            models.CheckConstraint(condition=Q(role__in=MembershipRole.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.organization} — {self.consortium}"


class WorkstreamQuerySet(PublicQuerySet):
    def for_list(self):
        return self.select_related("consortium", "lead")


class WorkstreamStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("active")
    COMPLETED = "completed", _("completed")


class Workstream(TimeStampedModel):
    Status = WorkstreamStatus

    consortium = models.ForeignKey(
        Consortium, verbose_name=_("consortium"), on_delete=models.CASCADE, related_name="workstreams"
    )
    title = models.CharField(_("title"), max_length=300)
    goal = models.TextField(_("goal"), blank=True)
    lead = models.ForeignKey(
        Organization,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_workstreams",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = WorkstreamQuerySet.as_manager()

    class Meta:
        verbose_name = _("workstream")
        verbose_name_plural = _("workstreams")
        ordering = ["consortium", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="") | Q(status__in=WorkstreamStatus.values),
                name="workstream_status_valid",
            ),
        ]

    def __str__(self):
        return self.title


class JointLabQuerySet(PublicQuerySet):
    def for_list(self):
        # The search column is only ever matched in SQL.
        return (
            self.defer("search_vector")
            .select_related("host", "founding_agreement")
            .prefetch_related("topics", "partners")
        )


class JointLabStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPENING = "opening", _("opening")
    OPERATING = "operating", _("operating")
    MODERNISING = "modernising", _("modernising")
    CLOSED = "closed", _("closed")


class JointLab(TimeStampedModel):
    Status = JointLabStatus

    name = models.CharField(_("name"), max_length=300)
    field = models.CharField(_("field"), max_length=200, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="labs")
    host = models.ForeignKey(
        Organization,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_labs",
    )
    partners = models.ManyToManyField(
        Organization, verbose_name=_("partner organisations"), blank=True, related_name="partner_labs"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    founding_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("founding agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labs",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("reported at meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="labs",
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    # Stored and indexed, so the site search does not build every lab's vector per query.
    search_vector = models.GeneratedField(
        expression=language_search_vector("name", "field", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = JointLabQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint laboratory")
        verbose_name_plural = _("joint laboratories")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JointLabStatus.values), name="jointlab_status_valid"
            ),
            country_code_check("countries", "jointlab_countries_iso", multiple=True),
        ]
        indexes = [
            models.Index(fields=["status"], name="jointlab_status"),
            GinIndex(fields=["search_vector"], name="jointlab_search"),
            *trigram_indexes("name", "jointlab_name"),
            # The site search matches fields by trigram too: an OR of matches can use the indexes
            # only if every column in it has one.
            *trigram_indexes("field", "jointlab_field"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("consortium:lab_detail", args=[self.pk])


class ProgrammeQuerySet(PublicQuerySet):
    def for_list(self):
        return self.defer("search_vector").select_related("agreement", "meeting__commission")


class ProgrammeKind(models.TextChoices):
    INTERNSHIP = "internship", _("internship")
    EXCHANGE = "exchange", _("exchange")
    RESEARCH_COMPETITION = "research_competition", _("research competition")
    TRAINING = "training", _("training")
    INFRASTRUCTURE = "infrastructure", _("infrastructure")


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Programme(TimeStampedModel):
    Kind = ProgrammeKind

    Status = ProgrammeStatus

    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    funding_cap = models.DecimalField(
        _("funding cap per project"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(CURRENCY_RE, _("Use the ISO 4217 code, e.g. CNY."))],
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    period_note = models.CharField(
        _("period"),
        max_length=200,
        blank=True,
        help_text=_("The period as the source gives it, e.g. 'over the next two years'."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    search_vector = models.GeneratedField(
        expression=language_search_vector("title", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ProgrammeKind.values), name="programme_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ProgrammeStatus.values), name="programme_status_valid"
            ),
            country_code_check("countries", "programme_countries_iso", multiple=True),
            models.CheckConstraint(
                condition=Q(funding_cap__isnull=True) | Q(funding_cap__gte=0),
                name="programme_funding_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(currency__regex=CURRENCY_RE), name="programme_currency_iso4217"
            ),
            models.CheckConstraint(
                condition=Q(funding_cap__isnull=True) | ~Q(currency=""),
                name="programme_funding_has_currency",
                violation_error_message=_("A funding cap needs its currency."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="programme_period_in_order",
                violation_error_message=_("The programme cannot end before it starts."),
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="programme_search"),
            # Titles are matched by trigram as well (the site search, the list's `q`).
            *trigram_indexes("title", "programme_title"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consortium:programme_detail", args=[self.pk])


class IndicatorQuerySet(PublicQuerySet):
    def for_list(self):
        return self.select_related("organization")


class IndicatorQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    MORE_THAN = "more_than", _("more than")
    LESS_THAN = "less_than", _("less than")


class Indicator(TimeStampedModel):
    Qualifier = IndicatorQualifier

    name = models.CharField(_("name"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    source_note = models.CharField(_("source note"), max_length=500, blank=True)
    is_headline = models.BooleanField(_("headline figure"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(qualifier__in=IndicatorQualifier.values), name="indicator_qualifier_valid"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_non_negative"),
            country_code_check("countries", "indicator_countries_iso", multiple=True),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("consortium:indicator_detail", args=[self.pk])
