"""Helpers for reading rendered pages and exports: a page's HTML, a list's row titles, a CSV or
XLSX export's rows, and the number of queries a page sends."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook


def html(response):
    return response.content.decode()


def row_titles(response):
    """The titles linked from the rows of a list table, in order."""
    body = html(response).split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row" class="cell-title"><a href="[^"]+">([^<]+)</a>', body)


def read_csv(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def read_xlsx(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)
