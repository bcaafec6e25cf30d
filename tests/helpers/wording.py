"""Switch the language in a test, with the expected wording as a fallback for strings a
catalog does not translate yet (so such tests need not wait for the translation pass)."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator, Mapping

from hrdesk import i18n


class _Wording(gettext.NullTranslations):
    def __init__(self, messages: Mapping[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)


def language_switcher(
    wording: Mapping[str, Mapping[str, str]],
) -> Iterator[Callable[[str], None]]:
    """For a fixture: yields switch(code); English again afterwards."""

    def switch(code: str) -> None:
        i18n.set_language(code)
        if code in wording:
            i18n._state.translations.add_fallback(_Wording(wording[code]))

    yield switch
    i18n.set_language("en")
