"""Reading a rendered page the way a test needs it: a data table's rows, an element's text."""

from html.parser import HTMLParser


class _TableReader(HTMLParser):
    """Collects the body rows of the table inside the element whose aria-labelledby is `label_id`."""

    def __init__(self, label_id: str):
        super().__init__(convert_charrefs=True)
        self.label_id = label_id
        self.depth = 0  # > 0 while inside the labelled region
        self.in_body = False
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if tag == "div":
                self.depth += 1
            elif tag == "tbody":
                self.in_body = True
            elif tag == "tr" and self.in_body:
                self.rows.append([])
            elif tag in ("td", "th") and self.in_body:
                self.cell = []
        elif tag == "div" and attrs.get("aria-labelledby") == self.label_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "div":
            self.depth -= 1
        elif tag == "tbody":
            self.in_body = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def chart_table(html: str, chart_id: str) -> dict[str, int]:
    """The data table beside a home-page chart, as {label: count}."""
    reader = _TableReader(f"{chart_id}-heading")
    reader.feed(html)
    return {label: int(value) for label, value in reader.rows}
