"""Courses: the catalogue, course → module → item pages (lessons, and quizzes later), enrolments, completions and
progress. Authored content lives in ``models.pages``; learner records, kept apart, in ``models.records``."""
