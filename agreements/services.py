"""Writes of an agreement with its parties and signatories, in one place (DESIGN.md principle 4).

The API uses `save_agreement`; the admin or an import can too. Everything happens in one
transaction: the agreement and every nested row are validated with the models' own rules, and
if anything is wrong nothing is saved and `AgreementInvalid.errors` says which row and field,
e.g. `{"signatories": [{}, {"person": ["..."]}]}`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Agreement, Party, Signatory


class AgreementInvalid(Exception):
    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


def _messages(exc: ValidationError) -> dict:
    return {
        ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
        for key, messages in exc.message_dict.items()
    }


def _sync_children(agreement, model, rows, key: str, twice: str) -> list[dict]:
    """Make the agreement's `model` rows exactly `rows` (dicts of field values), matched by `key`
    (the organisation for parties, the person for signatories) so that unchanged rows keep their
    id and history. `twice` is the whole sentence for a row named again (a noun dropped into one
    sentence would not take the case Russian or Kyrgyz give it). Returns one error dict per row
    (empty when the row is right).
    """
    existing = {getattr(row, f"{key}_id"): row for row in model.objects.filter(agreement=agreement)}
    errors, seen, to_save = [], set(), []
    for values in rows:
        target = values.get(key)
        target_id = getattr(target, "pk", target)
        row = existing.get(target_id) or model(agreement=agreement)
        for name, value in values.items():
            setattr(row, name, value)
        row_errors = {}
        if target_id in seen:
            row_errors[key] = [twice]
        seen.add(target_id)
        try:
            row.full_clean(exclude=["agreement"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            row_errors.update(_messages(exc))
        errors.append(row_errors)
        to_save.append(row)
    if any(errors):
        return errors
    model.objects.filter(agreement=agreement).exclude(
        **{f"{key}_id__in": [getattr(row, f"{key}_id") for row in to_save]}
    ).delete()
    for row in to_save:
        row.save()
    return errors


@transaction.atomic
def save_agreement(
    agreement: Agreement | None,
    fields: dict,
    *,
    topics=None,
    parties: list[dict] | None = None,
    signatories: list[dict] | None = None,
) -> Agreement:
    """Create (agreement=None) or update an agreement with its nested rows, all or nothing.

    `parties` and `signatories`, when given (even empty), replace the current rows; when None
    they are left as they are. Raises AgreementInvalid with the errors per field and per row.
    """
    agreement = agreement or Agreement()
    for name, value in fields.items():
        setattr(agreement, name, value)
    try:
        agreement.full_clean()
    except ValidationError as exc:
        raise AgreementInvalid(_messages(exc)) from exc
    agreement.save()
    if topics is not None:
        agreement.topics.set(topics)

    errors = {}
    if parties is not None:
        party_errors = _sync_children(
            agreement,
            Party,
            parties,
            "organization",
            _("This organisation is listed twice among the parties."),
        )
        if any(party_errors):
            errors["parties"] = party_errors
    if signatories is not None:
        signatory_errors = _sync_children(
            agreement,
            Signatory,
            signatories,
            "person",
            _("This person is listed twice among the signatories."),
        )
        if any(signatory_errors):
            errors["signatories"] = signatory_errors
    if errors:
        # Raising inside the atomic block rolls back the agreement and every row saved so far.
        raise AgreementInvalid(errors)
    if parties is not None or signatories is not None:
        # The agreement's own row changes too, so that its updated_at (Last-Modified) moves.
        agreement.save(update_fields=["updated_at"])
    return agreement
