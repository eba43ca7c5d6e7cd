"""Admin base classes that group each translated field's ky/ru/en inputs under language tabs.

modeltranslation's own `TabbedTranslationAdmin` names jQuery UI by a CDN address
(`JQUERY_UI_URL`), which the portal never loads (DESIGN.md principle 7, and the CSP would block
it). These classes carry the same media with jQuery UI served from `static/vendor/jquery-ui/`;
the tab script and style are modeltranslation's own, from its package.
"""

from modeltranslation.admin import TranslationAdmin

from portal.core.admin_autocomplete import SafeAutocompleteAdminMixin

TABBED_TRANSLATION_JS = (
    "admin/js/jquery.init.js",
    "modeltranslation/js/force_jquery.js",
    "vendor/jquery-ui/jquery-ui.min.js",
    "modeltranslation/js/tabbed_translation_fields.js",
)
TABBED_TRANSLATION_CSS = {"all": ("modeltranslation/css/tabbed_translation_fields.css",)}


class TabbedAdmin(SafeAutocompleteAdminMixin, TranslationAdmin):
    """A model admin whose translated fields show as one field with a tab per language.

    Its media serve the whole page, so inlines (modeltranslation's `TranslationTabularInline`
    and `TranslationStackedInline`) get their tabs from it too.
    """

    class Media:
        js = TABBED_TRANSLATION_JS
        css = TABBED_TRANSLATION_CSS
