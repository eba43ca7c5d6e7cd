"""A property-based fuzz of the whole API from its own OpenAPI schema (schemathesis).

Every operation is called with generated valid and invalid input, over real HTTP against the
live server, as an editor (so that writes reach validation and the database); no answer may be
a server error or break the schema. The seed and the number of examples are fixed, so a run is
repeatable and takes well under a minute or two.
"""

import datetime
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.core.visibility import Visibility
from tests import factories as f

SEED = 20_260_401
EXAMPLES = 10
# No 5xx; every status, content type, header and body as the schema says; invalid input refused.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# Transactional: the live server reads committed rows. The test needs none of the migrations' data
# (no group: its editor is a superuser), whatever another transactional test left behind.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def seed_rows():
    """A few rows of every kind, so that generated ids sometimes hit real ones."""
    org = f.OrganizationFactory(country="CN")
    agreement = f.AgreementFactory(signed_on=datetime.date(2023, 7, 20))
    f.PartyFactory(agreement=agreement, organization=org)
    f.SignatoryFactory(agreement=agreement)
    f.AgreementFactory(visibility=Visibility.CONFIDENTIAL)
    meeting = f.MeetingFactory()
    consortium = f.ConsortiumFactory(founding_agreement=agreement)
    f.MembershipFactory(consortium=consortium, organization=org)
    f.WorkstreamFactory(consortium=consortium, lead=org)
    lab = f.JointLabFactory(host=org, founding_agreement=agreement, meeting=meeting)
    lab.partners.set([org])
    lab.topics.set([f.TopicFactory()])
    f.ProgrammeFactory(agreement=agreement, meeting=meeting)
    f.IndicatorFactory(organization=org)


def test_no_server_error_and_no_answer_that_breaks_the_schema(live_server):
    seed_rows()
    # An editor's key (a superuser is an editor; it needs no group, see the module's mark).
    editor = f.UserFactory(is_superuser=True, is_staff=True)
    auth = {"Authorization": f"Api-Key {f.api_key(user=editor)}"}
    config = schemathesis.Config(seed=SEED)
    config.projects.default.update(base_url=live_server.url)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json", config=config)

    failures, seen = [], Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11 * 6
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @seed(SEED)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case):
                response = case.call_and_validate(headers=auth, checks=CHECKS)
                seen[(case.method.upper(), response.status_code)] += 1

            try:
                call()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 (report every operation's failure)
                failures.append(f"{mode.value} {operation.label}:\n{exc}")
    assert not failures, "\n\n".join(failures)
    # The fuzz reached the database, not only the validation: rows were read and created.
    assert seen[("GET", 200)] and seen[("POST", 201)], seen
    assert not any(status >= 500 for _method, status in seen)
