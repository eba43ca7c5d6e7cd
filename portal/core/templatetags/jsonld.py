"""schema.org JSON-LD blocks.

A `<script type="application/ld+json">` block is data, never run, so the strict CSP
(script-src 'self') does not concern it. The JSON is escaped the way Django's `json_script` escapes
it, so no value can close the element.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def prune(value):
    """Drop empty values, so the block says only what is known."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        return [item for item in (prune(item) for item in value) if item not in (None, "", [], {})]
    return value


@register.filter
def jsonld(data):
    if not data:
        return ""
    text = json.dumps(prune(data), cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )
