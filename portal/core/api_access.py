"""Who is calling the API and what they may do (DESIGN.md section 8): the key authentication,
the write permission and the throttles.

Kept apart from the viewsets because DRF imports these classes while it loads its own views.
"""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from portal.core.models import APIKey
from portal.core.visibility import PartnerUser

# --- Authentication -------------------------------------------------------------------------

KEYWORD = "Api-Key"
# What rest_framework_api_key issues: an 8-character prefix, a dot and a 32-character secret.
KEY_RE = re.compile(r"[A-Za-z0-9]{1,16}\.[A-Za-z0-9]{1,64}")


class APIKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>`. A key that is unknown, malformed, revoked or expired is a
    401, never a silent fall-back to anonymous access; so is any other Authorization scheme.
    """

    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        try:
            keyword, _sep, key = header.decode("ascii").partition(" ")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Malformed Authorization header.")) from None
        if keyword.lower() != KEYWORD.lower():
            raise exceptions.AuthenticationFailed(
                _("Unsupported authorization scheme: send 'Authorization: Api-Key <key>'.")
            )
        key = key.strip()
        if not KEY_RE.fullmatch(key):
            raise exceptions.AuthenticationFailed(_("Malformed API key."))
        prefix = key.partition(".")[0]
        api_key = APIKey.objects.select_related("user").filter(prefix=prefix).first()
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        if api_key.revoked:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked."))
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has expired."))
        if api_key.organization_id is not None:
            return PartnerUser(api_key.organization_id, key_name=api_key.name), api_key
        if api_key.user is None or not api_key.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account of this API key is inactive."))
        return api_key.user, api_key

    def authenticate_header(self, request):
        # Makes a missing or bad key a 401 (with this challenge) rather than a 403.
        return KEYWORD


# --- Permissions ----------------------------------------------------------------------------


class ReadAnyoneWriteWithModelPermission(BasePermission):
    """Reads for everyone (visibility is the queryset's job); writes need the model permission
    (`add_`, `change_`, `delete_<model>`), which the Editors group holds. A partner key holds
    no permission, so it never writes.
    """

    actions = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated):
            return False
        action = self.actions.get(request.method)
        if action is None:
            return False
        opts = view.queryset.model._meta
        return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


# --- Throttling -----------------------------------------------------------------------------


class PortalThrottle(SimpleRateThrottle):
    """Counts kept in the default cache (Redis or the database), shared by every worker process.

    The rate is read per request from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] so that a setting
    override takes effect.
    """

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def identity(self, request):
        raise NotImplementedError

    def get_cache_key(self, request, view):
        ident = self.identity(request)
        if ident is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class APIKeyThrottle(PortalThrottle):
    scope = "api_key"

    def identity(self, request):
        return request.auth.prefix if isinstance(request.auth, APIKey) else None


class AnonymousAddressThrottle(PortalThrottle):
    scope = "anon"

    def identity(self, request):
        if request.auth is not None or request.user.is_authenticated:
            return None
        return self.get_ident(request)


class SessionUserThrottle(PortalThrottle):
    scope = "user"

    def identity(self, request):
        if request.auth is not None or not request.user.is_authenticated:
            return None
        return request.user.pk
