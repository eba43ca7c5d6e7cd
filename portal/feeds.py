"""Atom and iCalendar feeds. Placeholders until the feeds land."""

from django.contrib.syndication.views import Feed
from django.http import Http404


class AgreementsFeed(Feed):
    title = "Agreements"
    link = "/"

    def items(self):
        return []


def meetings_calendar(request):
    raise Http404


def expiries_calendar(request):
    raise Http404
