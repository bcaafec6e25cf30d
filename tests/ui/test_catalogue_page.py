"""The course catalogue page: browse, search, import a newer catalogue; the main window's
navigation to the pages."""

from __future__ import annotations

import json

from helpers.fixtures import make_office_database
from helpers.typing import type_text

from hrdesk.domain.catalogue import BUILTIN_CATALOGUE
from hrdesk.store.catalogue import CatalogueRepository
from ui.main_window import MainWindow
from ui.models import catalogue_model
from ui.models.catalogue_model import CatalogueModel
from ui.pages.catalogue_page import CataloguePage
from ui.session import open_session


def _catalogue_file(tmp_path, version: int, extra_course: bool = False):
    document = json.loads(BUILTIN_CATALOGUE.read_text(encoding="utf-8"))
    document["version"] = version
    if extra_course:
        course = dict(document["courses"][0])
        course["code"] = "MKK-2027-99"
        course["title"] = {"ky": "Жаңы курс", "ru": "Новый курс", "en": "A new course"}
        document["courses"].append(course)
    path = tmp_path / f"catalogue-{version}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _page(qtbot, database, messages) -> CataloguePage:
    page = CataloguePage(database, messages)
    qtbot.addWidget(page)
    return page


def test_browse_and_search(qtbot, office_database, messages):
    page = _page(qtbot, office_database, messages)
    total = len(CatalogueRepository(office_database).courses())
    assert page.model.rowCount() == total >= 24
    row = next(r for r in range(total) if page.model.course(r).code == "MKK-2026-01")
    index = page.model.index(row, catalogue_model.TITLE)
    assert page.model.data(index).startswith("Applying the Law")
    assert page.model.data(page.model.index(row, catalogue_model.REPEAT)) == "3 years"
    assert "Legal framework" in page.model.data(page.model.index(row, catalogue_model.COMPETENCIES))
    page.search.setFocus()
    type_text(page.search, "цифр")  # a Russian word of a title, whatever the UI language
    assert 0 < page.model.rowCount() < total
    assert all(
        "цифр" in page.model.course(r).title.ru.lower() for r in range(page.model.rowCount())
    )
    page.search.clear()
    assert page.model.rowCount() == total
    assert "version 1" in page.info.text()


def test_import_a_newer_catalogue(qtbot, office_database, messages, tmp_path):
    page = _page(qtbot, office_database, messages)
    before = page.model.rowCount()
    assert page.import_file(_catalogue_file(tmp_path, 2, extra_course=True))
    assert page.model.rowCount() == before + 1
    assert CatalogueRepository(office_database).info().version == 2
    assert "version 2" in page.info.text()
    assert messages.shown[-1][0] == "info"


def test_an_equal_or_older_catalogue_is_refused_and_changes_nothing(
    qtbot, office_database, messages, tmp_path
):
    page = _page(qtbot, office_database, messages)
    before = page.model.rowCount()
    assert not page.import_file(_catalogue_file(tmp_path, 1, extra_course=True))
    kind, text = messages.shown[-1]
    assert kind == "error"
    assert "version 1 is already in use" in text and "Only a newer catalogue" in text
    assert page.model.rowCount() == before
    assert CatalogueRepository(office_database).course("MKK-2027-99") is None


def test_a_broken_file_is_refused_with_where(qtbot, office_database, messages, tmp_path):
    page = _page(qtbot, office_database, messages)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "hrdesk-catalogue",', encoding="utf-8")
    assert not page.import_file(broken)
    kind, text = messages.shown[-1]
    assert kind == "error" and "broken.json" in text and "line 1" in text
    assert CatalogueRepository(office_database).info().version == 1


def test_catalogue_model(qtmodeltester, office_database):
    model = CatalogueModel(office_database)
    qtmodeltester.check(model)
    model.set_text("MKK-2026-0")
    qtmodeltester.check(model)


def test_navigation_opens_the_pages(qtbot, tmp_path, messages):
    make_office_database(tmp_path / "office.sqlite3").close()
    session = open_session(tmp_path / "office.sqlite3", messages)
    window = MainWindow(session, messages)
    qtbot.addWidget(window)
    assert window.nav.count() >= 4
    names = []
    for row in range(1, window.nav.count()):
        page = window.show_page(row)
        assert page is not None and window.pages.currentWidget() is page
        names.append(type(page).__name__)
    assert {"NeedsPage", "CataloguePage", "SummaryPage"} <= set(names)
    assert window.show_page(0) is None
    assert messages.shown == []
    window.close()
    session.close()
