"""Site search across every kind (issue: public pages). Placeholder until the search page lands."""

from django.http import Http404


def search(request):
    raise Http404("search is not built yet")
