"""Feeds read by news readers and calendar applications, usually without a login.

- `/feeds/agreements.atom`: the newest agreements published on the portal (Atom 1.0).
- `/feeds/meetings.ics`: commission meetings with a date (iCalendar, RFC 5545): one whose day
  is known is an all-day event on that day; one known only to the month ("in July 2025") spans
  that whole month, so no day is made up (DESIGN.md section 4). A meeting known only to the
  year, or only planned for a year ("the third meeting is scheduled for 2027"), is left out: a
  year-long event would cover every calendar for a year, and 1 January would be a made-up
  date. The calendar's description says so; the portal's meeting pages list them all.
- `/feeds/expiries.ics`: the expiry dates of agreements, from a year ago on, as all-day events.
  An agreement terminated before it would have expired is left out.

Every feed starts from `visible_to(request.user)`: anonymous readers get public records only.
The feeds are outside the language prefixes; `?lang=ky|ru|en` chooses the language of titles
and links (otherwise the usual choice: cookie, Accept-Language, then Kyrgyz).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponse
from django.urls import reverse
from django.utils import feedgenerator, timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from agreements.models import Agreement, Meeting
from portal.core.models import DatePrecision
from portal.core.templatetags.precise_dates import precise_date

FEED_ITEMS = 50
CALENDAR_MAX_EVENTS = 2000
EXPIRIES_FROM_DAYS_AGO = 365
ICAL_LINE_OCTETS = 75


def feed_language(request) -> str:
    requested = request.GET.get("lang", "")
    codes = [code for code, _name in settings.LANGUAGES]
    return requested if requested in codes else translation.get_language()


def _parties(agreement) -> str:
    return "; ".join(str(party.organization) for party in agreement.parties.all())


# --- Atom -----------------------------------------------------------------------------------


class AgreementsFeed(Feed):
    feed_type = feedgenerator.Atom1Feed

    def __call__(self, request, *args, **kwargs):
        with translation.override(feed_language(request)):
            response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = feed_language(request)
        return response

    def get_object(self, request, *args, **kwargs):
        # The object of this feed is its reader: the instance is shared by every request, so
        # the viewer travels through `obj` rather than an attribute.
        return request.user

    def title(self, obj):
        return _("New agreements — Science Cooperation Portal")

    def subtitle(self, obj):
        return _("Agreements, memoranda and protocols as they are published on the portal.")

    def link(self, obj):
        return reverse("agreements:agreement_list")

    def items(self, user):
        return Agreement.objects.visible_to(user).for_list().order_by("-created_at", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        # Atom titles are text, escaped once by the XML writer.
        return item.title

    def item_description(self, item):
        # Atom summaries here are HTML; every value is escaped into it.
        facts = [item.get_kind_display().capitalize(), str(item.get_status_display())]
        if item.signed_on:
            facts.append(
                _("signed %(date)s") % {"date": precise_date(item.signed_on, item.signed_on_precision)}
            )
        parties = _parties(item)
        return format_html(
            "<p>{}</p>{}{}",
            " · ".join(facts),
            format_html("<p>{}: {}</p>", _("Parties"), parties) if parties else "",
            format_html("<p>{}</p>", item.summary) if item.summary else "",
        )

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


# --- iCalendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    day: datetime.date
    summary: str
    stamp: datetime.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    # The day after the event (DTEND of an all-day event is exclusive); the next day by default.
    end: datetime.date | None = None


def ical_text(value: str) -> str:
    """A TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma and newline escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (section 3.1), never inside a UTF-8 character."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > ICAL_LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_response(request, name: str, description: str, events: list[CalendarEvent], filename: str):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Science Cooperation Portal//Feeds//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_text(name)}",
        f"X-WR-CALDESC:{ical_text(description)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_utc(event.stamp)}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.end or event.day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ical_text(event.summary)}",
            "TRANSP:TRANSPARENT",
        ]
        if event.location:
            lines.append(f"LOCATION:{ical_text(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{ical_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    body = "".join(fold(line) + "\r\n" for line in lines)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = translation.get_language()
    return response


def _uid(kind: str, pk: int, request) -> str:
    return f"{kind}-{pk}@{request.get_host().split(':')[0]}"


def _month_after(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def meetings_calendar(request):
    with translation.override(feed_language(request)):
        meetings = (
            Meeting.objects.visible_to(request.user)
            .filter(held_on__isnull=False, held_on_precision__in=[DatePrecision.DAY, DatePrecision.MONTH])
            .select_related("commission")
            .order_by("-held_on", "pk")[:CALENDAR_MAX_EVENTS]
        )
        events = []
        for meeting in meetings:
            location = ", ".join(part for part in (meeting.place, meeting.country.name) if part)
            day, end, description = meeting.held_on, None, meeting.summary
            if meeting.held_on_precision == DatePrecision.MONTH:
                day, end = meeting.held_on.replace(day=1), _month_after(meeting.held_on)
                known = _("Only the month is known: %(month)s") % {
                    "month": precise_date(meeting.held_on, DatePrecision.MONTH)
                }
                description = "\n".join(part for part in (known, meeting.summary) if part)
            events.append(
                CalendarEvent(
                    uid=_uid("meeting", meeting.pk, request),
                    day=day,
                    end=end,
                    summary=str(meeting),
                    stamp=meeting.updated_at,
                    description=description,
                    location=location,
                    url=request.build_absolute_uri(meeting.get_absolute_url()),
                )
            )
        return calendar_response(
            request,
            name=_("Commission meetings"),
            description=_(
                "Meetings of the science cooperation commissions. A meeting known only to the month "
                "spans that month; one known only to the year, or planned for a year, is listed on "
                "the portal, not here."
            ),
            events=events,
            filename="meetings.ics",
        )


def expiries_calendar(request):
    with translation.override(feed_language(request)):
        since = timezone.localdate() - datetime.timedelta(days=EXPIRIES_FROM_DAYS_AGO)
        agreements = (
            Agreement.objects.visible_to(request.user)
            .for_list()
            .filter(expires_on__gte=since)
            .exclude(terminated_on__lte=F("expires_on"))
            .order_by("expires_on", "pk")[:CALENDAR_MAX_EVENTS]
        )
        events = []
        for agreement in agreements:
            details = [f"{agreement.get_kind_display().capitalize()} · {agreement.get_status_display()}"]
            if agreement.signed_on:
                details.append(
                    _("signed %(date)s")
                    % {"date": precise_date(agreement.signed_on, agreement.signed_on_precision)}
                )
            parties = _parties(agreement)
            if parties:
                details.append(_("Parties: %(parties)s") % {"parties": parties})
            events.append(
                CalendarEvent(
                    uid=_uid("agreement-expiry", agreement.pk, request),
                    day=agreement.expires_on,
                    summary=_("Expires: %(title)s") % {"title": agreement.title},
                    stamp=agreement.updated_at,
                    description="\n".join(details),
                    url=request.build_absolute_uri(agreement.get_absolute_url()),
                )
            )
        return calendar_response(
            request,
            name=_("Expiry dates of agreements"),
            description=_("The dates on which agreements expire, from a year ago on."),
            events=events,
            filename="expiries.ics",
        )
