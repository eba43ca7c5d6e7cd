"""CSV and XLSX exports of a filtered list: every row the filter selects, not just one page.

Both formats stream: the CSV is written row by row while the queryset is read in chunks, and the
XLSX is built by openpyxl's write-only workbook, which keeps rows in a temporary file rather than
in memory. Column headers are translated in the active language; cell values are plain (dates as
ISO dates, numbers as numbers) so that a spreadsheet can sort and sum them.
"""

import csv
import datetime
import decimal
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.functional import Promise

# Rows are read from PostgreSQL in chunks of this size (prefetches run once per chunk).
CHUNK_SIZE = 500

# A cell that starts with one of these is run as a formula by spreadsheet programs
# ("CSV injection"); such text is prefixed with an apostrophe in CSV and stored as text in XLSX.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[Any], Any]


def plain(value):
    """A cell value a spreadsheet understands: str, number, date, or None."""
    if value is None:
        return None
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | decimal.Decimal | datetime.date):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(force_str(item) for item in value if item not in (None, ""))
    return force_str(value)


def csv_text(value) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def _rows(queryset, columns: list[Column], language: str) -> Iterable[list]:
    # The generator runs after the view has returned, so it sets the language itself: translated
    # model fields (`title`) and choice labels follow it.
    with translation.override(language):
        for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
            yield [column.value(obj) for column in columns]


def csv_response(queryset, columns: list[Column], filename: str) -> StreamingHttpResponse:
    language = translation.get_language()
    headers = [str(column.header) for column in columns]
    writer = csv.writer(_Echo())

    def lines():
        # A byte-order mark, so that Excel opens the UTF-8 (Cyrillic) text correctly.
        yield "\ufeff" + writer.writerow(headers)
        for row in _rows(queryset, columns, language):
            yield writer.writerow([csv_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(queryset, columns: list[Column], filename: str, sheet_title: str) -> FileResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    bold = Font(bold=True)
    header_cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    sheet.freeze_panes = "A2"

    for row in _rows(queryset, columns, translation.get_language()):
        cells = []
        for value in row:
            value = plain(value)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                value = timezone.make_naive(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)

    # The finished workbook is a zip written to a temporary file, then streamed from disk.
    stream = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook.save(stream)
    stream.seek(0)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    cleaned = "".join(char for char in str(title) if char not in "[]:*?/\\")
    return cleaned[:31] or "Sheet"
