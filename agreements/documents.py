"""Accepting a scanned document: the one check every upload path (admin, API) goes through.

A file is taken to be a PDF only if its bytes say so: a name ending in ".pdf" or a browser's
content type costs nothing to fake. The file is stored under its SHA-256 (see
`models.document_upload_to`), so what the uploader called it is kept only as a label.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .models import Document

PDF_MAGIC = b"%PDF-"
FALLBACK_NAME = "document.pdf"


def attach_pdf(document: Document, upload) -> Document:
    """Check that `upload` is a PDF within the size cap and put it on `document`, unsaved.

    Sets `file`, `sha256`, `size` and `original_name`; the caller saves (inside its own
    transaction). Raises ValidationError, with a message an editor can act on, and leaves
    `document` untouched when the file is refused.
    """
    size = upload.size
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; documents may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
        raise ValidationError(
            _("This file is not a PDF. Upload the scan or text as a PDF file."), code="not_pdf"
        )

    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)

    document.file = upload
    document.sha256 = digest.hexdigest()
    document.size = size
    document.original_name = clean_original_name(upload.name)
    return document


def clean_original_name(name: str | None) -> str:
    max_length = Document._meta.get_field("original_name").max_length
    try:
        cleaned = get_valid_filename(name or "")
    except SuspiciousFileOperation:
        return FALLBACK_NAME
    # Keep the extension when a long name has to be shortened.
    if len(cleaned) > max_length:
        stem, dot, extension = cleaned.rpartition(".")
        if dot and len(extension) < 10:
            cleaned = stem[: max_length - len(extension) - 1] + "." + extension
        else:
            cleaned = cleaned[:max_length]
    return cleaned
