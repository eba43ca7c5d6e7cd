"""Spreadsheet import and export (CSV, XLSX) of organisations, people and agreements.

Columns are the model's own field names, translated fields once per language (`name_ky`,
`name_ru`, `name_en`, ...), so an exported file can be edited and imported back. Conventions:

- `id`: empty (or no `id` column at all) creates a row; an existing id updates that row.
- `country`: ISO 3166-1 alpha-2 code (`KG`, `CN`); lower case is accepted.
- `parent`, `successor`, `meeting`: the id of the row referred to.
- `topics`: topic slugs separated by commas (`green-technologies, ecology`).
- `parties`: organisation ids separated by commas, in signing order (`12, 40`). Ids, not names:
  a name exists in three languages and changes when a ministry is renamed, an id does not.
  Importing a `parties` cell makes the agreement's parties exactly those organisations; an
  existing party keeps its role and name as signed. Without a `parties` column they are left
  as they are.
- Dates are written YYYY-MM-DD.

Every row goes through the model's own validation (`full_clean`, constraints included) and
every reference must exist, so a bad cell is reported against its row in the preview; the
import runs in one transaction and saves nothing while any row is invalid.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from modeltranslation.utils import get_translation_fields

from .models import Agreement, Meeting, Organization, Party, Person, Topic


def id_list(value) -> list[str]:
    """The items of a comma-separated cell; a spreadsheet may hand a lone id over as a number."""
    if value is None or value == "":
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [item.strip() for item in str(value).replace(";", ",").split(",") if item.strip()]


class CountryCodeWidget(widgets.CharWidget):
    """A country as its ISO code, whatever case the spreadsheet used."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip().upper()

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


# The messages for a bad reference, one whole sentence per kind of row: a model's name dropped
# into one sentence would not take the case that Russian or Kyrgyz give it there.
UNKNOWN_ID = {
    Agreement: gettext_lazy("No agreement with id “%(value)s”."),
    Meeting: gettext_lazy("No meeting with id “%(value)s”."),
    Organization: gettext_lazy("No organisation with id “%(value)s”."),
}
UNKNOWN_KEYS = {
    Organization: gettext_lazy("No organisation with id %(values)s."),
    Topic: gettext_lazy("No topic with slug %(values)s."),
}
LISTED_TWICE = {
    Organization: gettext_lazy("The same organisation is listed twice."),
    Topic: gettext_lazy("The same topic is listed twice."),
}


class ExistingForeignKeyWidget(widgets.ForeignKeyWidget):
    """A reference by id that says which id is unknown instead of failing the whole row."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (self.model.DoesNotExist, ValueError, TypeError) as error:
            raise ValueError(UNKNOWN_ID[self.model] % {"value": value}) from error


class ExistingManyToManyWidget(widgets.ManyToManyWidget):
    """Related rows named in one cell; every one of them must exist."""

    def __init__(self, model, field="pk", separator=",", **kwargs):
        super().__init__(model, separator=separator, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        keys = id_list(value)
        if self.field == "pk":
            bad = [key for key in keys if not key.isdigit()]
            if bad:
                raise ValueError(_("Not an id: %(values)s.") % {"values": ", ".join(bad)})
        found = {
            str(getattr(obj, self.field)): obj
            for obj in self.model.objects.filter(**{f"{self.field}__in": keys})
        }
        missing = [key for key in keys if key not in found]
        if missing:
            raise ValueError(UNKNOWN_KEYS[self.model] % {"values": ", ".join(missing)})
        if len(set(keys)) != len(keys):
            raise ValueError(str(LISTED_TWICE[self.model]))
        return [found[key] for key in keys]


class PartiesWidget(ExistingManyToManyWidget):
    def __init__(self):
        super().__init__(Organization, field="pk")

    def render(self, value, obj=None, **kwargs):
        # `value` is the agreement's parties manager; the admin prefetches it for export. A new
        # agreement (the import preview compares against one) has none yet.
        if value is None or value.instance.pk is None:
            return ""
        return ", ".join(str(party.organization_id) for party in value.all())


class PartiesField(fields.Field):
    """The agreement's parties as organisation ids; saved as Party rows after the agreement."""

    def __init__(self):
        super().__init__(attribute="parties", column_name="parties", widget=PartiesWidget())

    def save(self, instance, row, is_m2m=False, **kwargs):
        organizations = self.clean(row, **kwargs)
        for order, organization in enumerate(organizations):
            Party.objects.update_or_create(
                agreement=instance, organization=organization, defaults={"order": order}
            )
        Party.objects.filter(agreement=instance).exclude(organization__in=organizations).delete()


class ValidatedResource(resources.ModelResource):
    """Rows are checked in full (model validation and references) before any is saved."""

    class Meta:
        clean_model_instances = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Relations are saved after the row itself (save_m2m); check them now so that a bad
        # reference is reported as this row's error in the preview.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)


class OrganizationResource(ValidatedResource):
    country = fields.Field(attribute="country", column_name="country", widget=CountryCodeWidget())
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ExistingForeignKeyWidget(Organization)
    )
    successor = fields.Field(
        attribute="successor", column_name="successor", widget=ExistingForeignKeyWidget(Organization)
    )

    class Meta(ValidatedResource.Meta):
        model = Organization
        fields = (
            "id",
            *get_translation_fields("name", "short_name"),
            "kind",
            "country",
            *get_translation_fields("city"),
            "website",
            "ror_id",
            "parent",
            "successor",
            *get_translation_fields("description"),
        )
        export_order = fields


class PersonResource(ValidatedResource):
    class Meta(ValidatedResource.Meta):
        model = Person
        fields = ("id", *get_translation_fields("full_name"), "orcid")
        export_order = fields


class AgreementResource(ValidatedResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ExistingForeignKeyWidget(Agreement)
    )
    meeting = fields.Field(
        attribute="meeting", column_name="meeting", widget=ExistingForeignKeyWidget(Meeting)
    )
    topics = fields.Field(
        attribute="topics", column_name="topics", widget=ExistingManyToManyWidget(Topic, field="slug")
    )
    parties = PartiesField()

    def dehydrate_parent(self, agreement):
        # The admin's export leaves out a parent the user may not see (its `parent_visible`,
        # see agreements.admin.HiddenAgreementLinksMixin), as it leaves out the row itself.
        if not getattr(agreement, "parent_visible", True):
            return ""
        return self.fields["parent"].export(agreement)

    class Meta(ValidatedResource.Meta):
        model = Agreement
        fields = (
            "id",
            "kind",
            *get_translation_fields("title", "summary", "legal_basis"),
            "reference_number",
            "signed_on",
            "signed_on_precision",
            *get_translation_fields("signed_place"),
            "entry_into_force_on",
            "expires_on",
            "terminated_on",
            "parent",
            "meeting",
            "topics",
            "parties",
            "visibility",
            "source_url",
        )
        export_order = fields
