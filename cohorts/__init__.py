"""Cohorts ("convocatorias") and the reminders that keep them moving.

A cohort is a course offered to one or more municipalities between an opening and a closing date, with an optional
target of officials per municipality. Its people are not listed one by one: they are the confirmed members of its
municipalities enrolled in its course (``Cohort.enrolment_filter``), so reports, the cohort page and the reminders
count the same people as every other figure (``reports.scope.counted_enrolments``).

Reminders (``cohorts.reminders``) are decided hourly by beat, recorded before they are sent under a unique key
(person, kind, cohort, period) and at most one per person per day (both enforced by the database), and never sent
to people who completed the course, opted out or whose address bounced, nor in their quiet hours.
"""
