"""Staff-side status texts: status labels and the applicant's status notifications (gettext
domain ``staff``). The status graph itself lives in :mod:`domain.applications.status`."""
