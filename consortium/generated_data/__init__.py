"""Invented but realistic data at national scale, for load tests and benchmarks (issue 6).

`DataGenerator(agreements=N, seed=S).load(cursor)` writes, by COPY, organisations in many
countries (with parent institutions and renamed predecessors), people, topics, commissions with
held and planned meetings, agreements with parties, signatories, commitments and topics,
protocols under agreements, and the consortium layer (consortia, members, workstreams, joint
labs, programmes, indicators); every text in Kyrgyz, Russian and English. The caller owns the
transaction (see `manage.py generate_data`).

The same seed makes the same records: every choice comes from one `random.Random(seed)`, never
from the database. Only the ids (drawn from the tables' own sequences, so the portal's later
inserts never collide) and the dates (offsets from `today`, so the mix of statuses stays
current) depend on where and when it runs.

    vocabulary      the words, with the case forms each language needs
    phrases         titles and summaries built from them
    records         the in-memory records rows are linked by; ORCID and ROR formats
    actors          topics, organisations, people, commissions and meetings
    instruments     agreements with their parties, signatories, commitments and topics
    implementation  consortia, joint labs, programmes, indicators
"""

import datetime
import random

from psycopg import sql

from . import actors, implementation, instruments
from .vocabulary import PARTNERS


class DataGenerator:
    def __init__(self, agreements: int, seed: int = 0, today: datetime.date | None = None):
        self.n = agreements
        self.rng = random.Random(seed)
        self.today = (today or datetime.date.today()).toordinal()
        self.now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S+00")
        self.counts: dict[str, int] = {}
        self.partner_lottery = [country for country in PARTNERS for _ in range(country.weight)]

    def load(self, cursor) -> dict[str, int]:
        """Write everything; returns the number of rows per table."""
        actors.load_topics(self, cursor)
        actors.load_organizations(self, cursor)
        actors.load_people(self, cursor)
        actors.load_commissions(self, cursor)
        instruments.load_agreements(self, cursor)
        implementation.load_consortia(self, cursor)
        implementation.load_labs(self, cursor)
        implementation.load_programmes(self, cursor)
        implementation.load_indicators(self, cursor)
        return self.counts

    # --- what the parts share --------------------------------------------------------------

    def copy(self, cursor, table: str, columns: tuple[str, ...], rows) -> None:
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        count = 0
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        self.counts[table] = self.counts.get(table, 0) + count

    @staticmethod
    def reserve_ids(cursor, table: str, count: int) -> list[int]:
        """Ids taken from the table's own sequence, so rows can point to each other before COPY."""
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
        )
        return [row[0] for row in cursor.fetchall()]

    def stamp(self, ordinal: int | None) -> str:
        """created_at/updated_at for a record dated `ordinal` (now, if undated or in the future)."""
        if ordinal is None or ordinal > self.today:
            return self.now
        day = datetime.date.fromordinal(ordinal).isoformat()
        return f"{day} {9 + ordinal % 8:02d}:{ordinal % 60:02d}:00+00"

    def past_date(self, earliest: int, skew: float = 1.0) -> int:
        """A day between `earliest` and today, more likely nearer today when skew > 1.

        The density rises as a power of the time since `earliest` and stays bounded (at most
        `skew` times the uniform one), so no single day gets a pile of records.
        """
        return earliest + int((self.today - earliest) * self.rng.random() ** (1 / skew))

    def later(self, start: int, least: int, most: int) -> int:
        """`start` plus `least` to `most` days; if that is after today, a day between `start` and today
        (clamping instead would pile records up on today)."""
        day = start + self.rng.randint(least, most)
        return day if day <= self.today else start + int((self.today - start) * self.rng.random())

    def partner(self):
        """A partner country, weighted by how much Kyrgyzstan works with it."""
        return self.partner_lottery[int(self.rng.random() * len(self.partner_lottery))]
