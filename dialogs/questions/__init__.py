"""Free-text questions to the knowledge base: the fallback flow."""

from dialogs.questions.flow import QuestionsFlow

__all__ = ["QuestionsFlow"]
