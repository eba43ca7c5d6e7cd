"""Forms that editors fill in; each turns the model's rules into messages on the right field."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .documents import attach_pdf
from .models import Document


class DocumentForm(forms.ModelForm):
    """A document of an agreement; the file goes through `documents.attach_pdf`.

    A refused file becomes an error on the file field, so the page says why and, the form
    being invalid, nothing is saved.
    """

    class Meta:
        model = Document
        fields = ["kind", "language", "title", "file"]
        # A plain file input: the stored file is not reachable by a media URL (documents are
        # served only through a permission-checked view), and a signed document is replaced,
        # never cleared.
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf,.pdf"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored name comes from the hash, so a long name on the uploader's disk is no
        # reason to refuse the file. (A read-only admin page builds the form without it.)
        if "file" in self.fields:
            self.fields["file"].max_length = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # no new upload: the stored file stays
        attach_pdf(self.instance, upload)
        duplicate = (
            Document.objects.filter(agreement_id=self.instance.agreement_id, sha256=self.instance.sha256)
            .exclude(pk=self.instance.pk)
            .exists()
            if self.instance.agreement_id
            else False
        )
        if duplicate:
            raise forms.ValidationError(
                _("This file is already attached to this agreement."), code="duplicate"
            )
        return upload
