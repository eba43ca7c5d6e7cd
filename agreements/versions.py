"""Restoring an earlier version of an agreement in one action (issue 5, item 1).

Each audit row of the agreement itself (see models.history) is a version: number 1 is how it was
created, the newest is how it is now. Restoring version N writes that version's values of the
agreement's own fields, every language's column included, back onto the agreement, through the
model's validation and in one transaction. Its parties, signatories, documents, commitments and
topics are rows of their own and stay as they are.

The restore is audited like any change: its audit row's context says which version was restored
and by whom (`action`, `restored_version`, `restored_event`, next to the request's user).
"""

import pghistory
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from modeltranslation.manager import get_translatable_fields_for_model

from .models import Agreement

# Bookkeeping and derived columns are not part of a version.
NOT_RESTORED = {"id", "created_at", "updated_at", "search_vector"}


class RestoreFailed(Exception):
    """The version cannot be restored; `messages` say why. Nothing was changed."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def restored_fields():
    """The agreement's own columns that a restore writes: every language's column of a
    translated field (not the untranslated column, which repeats one of them)."""
    translated = set(get_translatable_fields_for_model(Agreement) or ())
    return [
        field
        for field in Agreement._meta.concrete_fields
        if field.name not in NOT_RESTORED and field.name not in translated and not field.generated
    ]


def version_event(agreement, event_id):
    """The agreement's audit row `event_id`, if it is one of its versions (not its deletion)."""
    return (
        Agreement.pgh_event_model.objects.filter(pgh_obj_id=agreement.pk, pgh_id=event_id)
        .exclude(pgh_label="delete")
        .first()
    )


def version_number(event):
    return Agreement.pgh_event_model.objects.filter(
        pgh_obj_id=event.pgh_obj_id, pgh_id__lte=event.pgh_id
    ).count()


def differences(agreement, event):
    """[(field, current value, the version's value)] for the fields a restore would change."""
    return [
        (field, getattr(agreement, field.attname), getattr(event, field.attname))
        for field in restored_fields()
        if getattr(agreement, field.attname) != getattr(event, field.attname)
    ]


def restore_version(agreement, event, user):
    """Write version `event` back onto `agreement`; raise RestoreFailed if it no longer fits."""
    number = version_number(event)
    try:
        with (
            transaction.atomic(),
            pghistory.context(
                action="restore",
                restored_version=number,
                restored_event=event.pgh_id,
                user=user.pk,
                username=user.get_username(),
            ),
        ):
            current = Agreement.objects.select_for_update().get(pk=agreement.pk)
            for field in restored_fields():
                setattr(current, field.attname, getattr(event, field.attname))
            _check_reference_number(current, number)
            current.full_clean()
            current.save()
    except ValidationError as error:
        raise RestoreFailed(_messages(error)) from None
    except IntegrityError:
        raise RestoreFailed(
            [_("Version %(number)s conflicts with another record saved meanwhile.") % {"number": number}]
        ) from None
    return current


def _check_reference_number(agreement, number):
    # The model's constraint would only say that it "is violated"; this says what and why.
    reference = agreement.reference_number
    if reference and Agreement.objects.filter(reference_number=reference).exclude(pk=agreement.pk).exists():
        raise ValidationError(
            _(
                "Version %(number)s has the reference number %(reference)s, which another agreement "
                "now carries. Change that agreement's number first, or edit this one by hand."
            )
            % {"number": number, "reference": reference}
        )


def _messages(error):
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, errors in error.message_dict.items():
        if name == NON_FIELD_ERRORS:
            messages.extend(errors)
            continue
        label = Agreement._meta.get_field(name).verbose_name
        messages.extend(f"{label}: {message}" for message in errors)
    return messages
