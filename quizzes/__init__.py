"""Quizzes: quiz pages in course modules, a shared question bank, attempts graded on the server, item analysis."""
