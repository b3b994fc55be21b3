"""Transports: the aiogram Telegram adapter (this package), the terminal chat (``bot.terminal``).

Nothing imported by this ``__init__`` may import aiogram: the terminal chat runs without it.
"""
