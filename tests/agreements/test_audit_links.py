"""Links kept in many-to-many tables are audited too: an agreement's topics, a lab's partners."""

import pytest
from django.apps import apps

from tests.factories import AgreementFactory, JointLabFactory, OrganizationFactory, TopicFactory


@pytest.mark.django_db
def test_adding_and_removing_a_topic_leaves_audit_rows():
    events = apps.get_model("agreements", "AgreementTopicEvent").objects
    agreement = AgreementFactory()
    topic = TopicFactory()

    agreement.topics.add(topic)
    agreement.topics.remove(topic)

    rows = list(events.filter(agreement=agreement).order_by("pgh_id").values_list("pgh_label", "topic_id"))
    assert rows == [("add", topic.pk), ("remove", topic.pk)]


@pytest.mark.django_db
def test_changing_a_labs_partners_leaves_audit_rows():
    events = apps.get_model("consortium", "JointLabPartnerEvent").objects
    lab = JointLabFactory()
    partner = OrganizationFactory(country="CN")

    lab.partners.set([partner])
    lab.partners.clear()

    labels = list(events.filter(jointlab=lab).order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["add", "remove"]
