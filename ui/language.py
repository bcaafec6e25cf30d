"""Switching the UI language at run time.

Convention for every window and dialog in ui/:

* Build the layout once, then set every visible text in a method ``retranslate()`` that uses
  ``_()`` at call time (never cache translated text in attributes or module constants; mark
  constants with ``N_()`` and translate them inside ``retranslate()``). Call it at the end of
  ``__init__``.
* Override ``changeEvent`` and call ``retranslate()`` on ``QEvent.Type.LanguageChange``::

      def changeEvent(self, event: QEvent) -> None:
          if event.type() == QEvent.Type.LanguageChange:
              self.retranslate()
          super().changeEvent(event)

* Table models are not widgets and get no events: their owner calls ``model.retranslate()``
  from its own ``retranslate()``; the model emits headerDataChanged and dataChanged.

``switch_language(code)`` sets hrdesk's catalog, then installs a fresh set of Qt translators;
installing a translator makes Qt send LanguageChange to every widget, so all open windows
retranslate in one go. Qt ships no Kyrgyz catalog for its own texts, so ``HrdeskQtTranslator``
answers Qt's standard texts (dialog buttons, wizard buttons, the file dialog of
ui.file_dialogs) from hrdesk's catalog; the strings are marked below so the catalog carries
them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QTranslator

from hrdesk import i18n
from hrdesk.i18n import N_, NP_, _, pgettext

log = logging.getLogger(__name__)

# Qt's own texts that hrdesk shows (QPlatformTheme, QDialogButtonBox, QMessageBox, QWizard,
# QLineEdit contexts). Matched by source text whatever the context.
QT_STANDARD_TEXTS = frozenset(
    {
        N_("OK"),
        N_("&OK"),
        N_("Cancel"),
        N_("&Cancel"),
        N_("&Yes"),
        N_("&No"),
        N_("Yes to &All"),
        N_("N&o to All"),
        N_("Save"),
        N_("&Save"),
        N_("Save All"),
        N_("Open"),
        N_("&Open"),
        N_("Close"),
        N_("&Close"),
        N_("Apply"),
        N_("Reset"),
        N_("Help"),
        N_("&Help"),
        N_("Discard"),
        N_("Don't Save"),
        N_("Close without Saving"),
        N_("Restore Defaults"),
        N_("Abort"),
        N_("Retry"),
        N_("Ignore"),
        N_("&Next >"),
        N_("< &Back"),
        N_("&Finish"),
        N_("Show Details..."),
        N_("Hide Details..."),
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
    }
)

# Qt's file dialog (ui.file_dialogs uses it instead of the system's): QFileDialog,
# QFileSystemModel and QAbstractFileIconProvider. In a context of their own, so "Name" of a file
# is not the "Name" of a person. "%1" is Qt's placeholder, kept as it is.
FILE_DIALOG = "Qt file dialog"
QT_FILE_DIALOG_TEXTS = frozenset(
    {
        NP_("Qt file dialog", "&Look in:"),
        NP_("Qt file dialog", "Look in:"),
        NP_("Qt file dialog", "File &name:"),
        NP_("Qt file dialog", "Files of &type:"),
        NP_("Qt file dialog", "Files of type:"),
        NP_("Qt file dialog", "Directory:"),
        NP_("Qt file dialog", "&Choose"),
        NP_("Qt file dialog", "&Delete"),
        NP_("Qt file dialog", "&New Folder"),
        NP_("Qt file dialog", "&Rename"),
        NP_("Qt file dialog", "All Files (*)"),
        NP_("Qt file dialog", "All files (*)"),
        NP_("Qt file dialog", "Back"),
        NP_("Qt file dialog", "Forward"),
        NP_("Qt file dialog", "Go back"),
        NP_("Qt file dialog", "Go forward"),
        NP_("Qt file dialog", "Parent Directory"),
        NP_("Qt file dialog", "Go to the parent directory"),
        NP_("Qt file dialog", "Create New Folder"),
        NP_("Qt file dialog", "Create a New Folder"),
        NP_("Qt file dialog", "List View"),
        NP_("Qt file dialog", "Detail View"),
        NP_("Qt file dialog", "Change to list view mode"),
        NP_("Qt file dialog", "Change to detail view mode"),
        NP_("Qt file dialog", "List of places and bookmarks"),
        NP_("Qt file dialog", "Sidebar"),
        NP_("Qt file dialog", "Show &hidden files"),
        NP_("Qt file dialog", "Directories"),
        NP_("Qt file dialog", "Files"),
        NP_("Qt file dialog", "Find Directory"),
        NP_("Qt file dialog", "Save As"),
        NP_("Qt file dialog", "Recent Places"),
        NP_("Qt file dialog", "New Folder"),
        NP_("Qt file dialog", "Remove"),
        NP_("Qt file dialog", "My Computer"),
        NP_("Qt file dialog", "Computer"),
        NP_("Qt file dialog", "Name"),
        NP_("Qt file dialog", "Size"),
        NP_("Qt file dialog", "Type"),
        NP_("Qt file dialog", "Kind"),
        NP_("Qt file dialog", "Date Modified"),
        NP_("Qt file dialog", "Drive"),
        NP_("Qt file dialog", "File"),
        NP_("Qt file dialog", "Folder"),
        NP_("Qt file dialog", "File Folder"),
        NP_("Qt file dialog", "Alias"),
        NP_("Qt file dialog", "Shortcut"),
        NP_("Qt file dialog", "Unknown"),
        NP_("Qt file dialog", "%1 File"),
        NP_("Qt file dialog", "%1 already exists.\nDo you want to replace it?"),
        NP_(
            "Qt file dialog",
            "%1\nFile not found.\nPlease verify the correct file name was given.",
        ),
        NP_(
            "Qt file dialog",
            "%1\nDirectory not found.\nPlease verify the correct directory name was given.",
        ),
        NP_("Qt file dialog", "Are you sure you want to delete '%1'?"),
        NP_("Qt file dialog", "'%1' is write protected.\nDo you want to delete it anyway?"),
        NP_("Qt file dialog", "Could not delete directory."),
        NP_("Qt file dialog", "Invalid filename"),
    }
)


class HrdeskQtTranslator(QTranslator):
    """Answers Qt's standard texts from hrdesk's catalog; silent when it has none."""

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source_text in QT_STANDARD_TEXTS:
            translated = _(source_text)
        elif source_text in QT_FILE_DIALOG_TEXTS:
            translated = pgettext(FILE_DIALOG, source_text)
        else:
            return None
        if translated != source_text:
            return translated
        return None  # a null string: Qt asks the next translator, else keeps the source

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        # Qt sends LanguageChange only for a translator that is not empty.
        return False


class _Installed:
    """The Qt translators in force, so a switch can remove them."""

    def __init__(self) -> None:
        self.translators: list[QTranslator] = []


_installed = _Installed()


def _qt_catalog(language: str) -> QTranslator | None:
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        return translator
    return None


def install_qt_translators(language: str) -> None:
    """Replace the Qt translators with those of `language` (sends LanguageChange)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _installed.translators:
        QCoreApplication.removeTranslator(old)
    _installed.translators = []
    if language != "en":
        qt_catalog = _qt_catalog(language)
        if qt_catalog is not None:
            QCoreApplication.installTranslator(qt_catalog)
            _installed.translators.append(qt_catalog)
    # Installed last, so it is asked first: hrdesk's wording wins over Qt's where it has one.
    ours = HrdeskQtTranslator(app)
    QCoreApplication.installTranslator(ours)
    _installed.translators.append(ours)
    # Qt posts LanguageChange to the windows; deliver it now, so the switch is done on return.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def switch_language(language: str, *, remember: bool = True) -> None:
    """Make `language` the UI language now; every open window retranslates."""
    i18n.set_language(language)
    install_qt_translators(language)
    if remember:
        from ui.app_settings import LANGUAGE_KEY, app_settings

        app_settings().setValue(LANGUAGE_KEY, language)
    log.info("UI language is now %s", language)


def saved_language() -> str:
    """The language chosen last time, else Kyrgyz."""
    from ui.app_settings import LANGUAGE_KEY, app_settings

    value = str(app_settings().value(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE) or "")
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
