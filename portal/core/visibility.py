"""Who may see what (DESIGN.md section 6), in one place.

Every queryset's `visible_to(user)` asks `scope_for(user)` which visibility levels a viewer may
read and, for a partner, which organisation it speaks for. Nothing here imports an app: the
apps turn the scope into their own filters.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    INTERNAL = "internal", _("internal")
    CONFIDENTIAL = "confidential", _("confidential")


# Permission codenames (on agreements.Agreement) that the Staff and Editors groups carry.
VIEW_INTERNAL = "agreements.view_internal_agreement"
VIEW_CONFIDENTIAL = "agreements.view_confidential_agreement"


@dataclass(frozen=True)
class Scope:
    levels: tuple[str, ...]
    # A partner reads internal rows only where its organisation is a party.
    partner_organization_id: int | None = None

    @property
    def sees_everything(self) -> bool:
        return Visibility.CONFIDENTIAL in self.levels

    @property
    def key(self) -> str:
        """Names the scope in a cache key: what one scope's viewers read, never another's."""
        key = "+".join(sorted(str(level) for level in self.levels))
        if self.partner_organization_id is not None:
            key += f":partner-{self.partner_organization_id}"
        return key


PUBLIC_ONLY = Scope(levels=(Visibility.PUBLIC,))


def scope_for(user) -> Scope:
    if user is None:
        return PUBLIC_ONLY
    partner_id = getattr(user, "partner_organization_id", None)
    if partner_id is not None:
        return Scope(levels=(Visibility.PUBLIC,), partner_organization_id=partner_id)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return PUBLIC_ONLY
    if user.is_superuser or user.has_perm(VIEW_CONFIDENTIAL):
        return Scope(levels=tuple(Visibility.values))
    if user.has_perm(VIEW_INTERNAL):
        return Scope(levels=(Visibility.PUBLIC, Visibility.INTERNAL))
    return PUBLIC_ONLY


def is_editor(user) -> bool:
    return scope_for(user).sees_everything


def is_staff_viewer(user) -> bool:
    return Visibility.INTERNAL in scope_for(user).levels


class PartnerUser:
    """The caller behind a partner organisation's API key: anonymous, plus its own organisation.

    It reads public rows and the internal rows where its organisation is a party, and never
    writes (it holds no permission).
    """

    is_authenticated = False
    is_anonymous = True
    is_active = True
    is_staff = False
    is_superuser = False
    pk = id = None
    username = ""

    def __init__(self, organization_id: int, key_name: str = ""):
        self.partner_organization_id = organization_id
        self.key_name = key_name

    def __str__(self):
        return f"partner:{self.partner_organization_id}"

    def has_perm(self, perm, obj=None):
        return False

    def has_perms(self, perm_list, obj=None):
        return False

    def has_module_perms(self, module):
        return False

    def get_all_permissions(self, obj=None):
        return set()
