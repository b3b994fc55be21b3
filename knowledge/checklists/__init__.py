"""Document checklists: the regulation's list per case x applicant type x channel, and the check
of what an applicant has against it (see README.md in this folder).

``kb.checklist(request)``, ``kb.checklist_options(service_id)`` and ``kb.match_documents(...)``
delegate to :mod:`knowledge.checklists.evaluate`; the build calls
:func:`knowledge.checklists.extract.extract_for_regulation`.
"""
