"""Small operations on views shared by flows."""

from __future__ import annotations

from dialogs.core import Msg, View


def with_notice(view: View, msgid: str, **params: object) -> View:
    """``view`` sent as a new message with a notice before its text."""
    view.parts.insert(0, Msg(msgid, dict(params)))
    view.edit = False
    return view
