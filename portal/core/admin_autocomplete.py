"""Autocomplete widgets that survive a value which is not a key.

When a refused admin form is shown again, Django's autocomplete widgets look the submitted
values up as primary keys (`AutocompleteMixin.optgroups`); a value such as "abc" makes that
lookup raise ValueError, a 500 instead of the form with its error. These widgets drop such
values before the lookup; the form field has already said why the value was refused.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class KeysOnlyMixin:
    def optgroups(self, name, value, attr=None):
        key = self.field.target_field
        usable = []
        for item in value:
            try:
                key.to_python(item)
            except ValidationError:
                continue
            usable.append(item)
        return super().optgroups(name, usable, attr)


class SafeAutocompleteSelect(KeysOnlyMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(KeysOnlyMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteAdminMixin:
    """For every ModelAdmin and inline with `autocomplete_fields`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
