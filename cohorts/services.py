"""Writes about cohorts: saving one with its municipalities, in one transaction."""

from django.db import transaction


@transaction.atomic
def save_cohort(form, user):
    """Save the cohort of a valid ``CohortForm``; a coordinator's cohort is always their own municipality's."""
    cohort = form.save(commit=False)
    if cohort.created_by_id is None and cohort._state.adding:
        cohort.created_by = user
    cohort.save()
    cohort.municipalities.set(form.chosen_municipalities())
    return cohort
