"""Operators: tickets escalated from the bot to humans, and the knowledge gaps they reveal."""
