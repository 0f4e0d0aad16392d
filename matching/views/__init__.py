"""Matching pages, one module per audience: `rounds` and `runs` (coordinators), `review`
(reviewers), `results` (students and companies after release), `public` (transparency)."""
