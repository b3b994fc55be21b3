"""Conversation flows. Transport-agnostic: nothing here imports aiogram or telegram.

A transport (``bot/`` for Telegram, ``bot/terminal`` for the terminal chat) turns what the user
did into an :class:`~dialogs.core.Event`, hands it with the user's :class:`~dialogs.core.DialogState`
to :meth:`dialogs.engine.Dialogs.handle`, renders the returned :class:`~dialogs.core.View` objects
and stores the new state.
"""
