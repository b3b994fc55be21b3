"""Applications domain: drafts, uploads, submission, status graph, staff queries, API tokens.

Modules: ``models`` (tables), ``drafts``, ``submit``, ``status``, ``queries``, ``tokens``,
``errors`` (typed errors with stable codes), ``messages`` (code -> gettext msgid). Every service
function takes the caller's ``AsyncSession`` and never commits.
"""
