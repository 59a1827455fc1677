"""Certificates: the templates they are printed from (authored content) and the certificates issued once per
completed enrolment (learner records), with their PDFs, public verification, revocation and re-issue."""
