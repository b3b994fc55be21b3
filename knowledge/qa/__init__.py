"""Question answering over the knowledge base (kk/ru): intent, service, cited answer.

Entry points: :func:`knowledge.qa.api.ask` and :func:`knowledge.qa.api.search_services`
(reached through ``KnowledgeBase.ask`` / ``KnowledgeBase.search_services``), and
:func:`knowledge.qa.cli.main` for ``python -m knowledge ask``.
"""
