"""The person dialog does not clip what it shows: a Kyrgyz class rank runs to 45 letters."""

from __future__ import annotations

import pytest
from helpers.fixtures import fill_register

from hrdesk import i18n
from hrdesk.domain.enums import ServiceType
from ui.dialogs.person_dialog import PersonDialog


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
@pytest.mark.parametrize("service", [ServiceType.MUNICIPAL, ServiceType.STATE_CIVIL])
def test_class_rank_field_is_as_wide_as_its_longest_rank(
    qtbot, office_database, messages, language, service
):
    staff_id = fill_register(office_database, 1)[0]
    i18n.set_language(language)
    try:
        dialog = PersonDialog(office_database, staff_id, messages)
        qtbot.addWidget(dialog)
        dialog.profile.service_type.setValue(service)
        dialog.show()
        qtbot.waitExposed(dialog)
        combo = dialog.profile.class_rank
        names = [combo.itemText(i) for i in range(combo.count())]
        assert max(len(n) for n in names) >= 20  # the long ones are there
        widest = max(combo.fontMetrics().horizontalAdvance(n) for n in names)
        assert combo.lineEdit().width() >= widest
        dialog.reject()
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_unit_box_shows_its_longest_unit_and_its_arrow(
    qtbot, office_database, messages, language
):
    staff_id = fill_register(office_database, 1)[0]
    i18n.set_language(language)
    try:
        dialog = PersonDialog(office_database, staff_id, messages)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        combo = dialog.profile.unit
        assert combo.count() > 1
        assert combo.width() >= combo.sizeHint().width()
        dialog.reject()
    finally:
        i18n.set_language("en")
