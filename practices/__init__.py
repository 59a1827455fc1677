"""Applied practice: what officials did in their comuna with the toolkit's methods, the evidence they bring, the
trainers' review of it in courses, and the public map of the practices their authors chose to publish."""
