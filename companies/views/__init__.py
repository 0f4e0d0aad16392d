"""Company pages: `contacts` (the company's own pages, self-registration), `staff` (school)."""
