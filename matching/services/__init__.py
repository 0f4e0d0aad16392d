"""Writes and workflows of matching rounds, one module per workflow:

- `rounds`: create a round, start a follow-up round, and the private step every move takes;
- `rounds_moves`: the moves before the review (open intake, close intake, start allocating,
  start review), one service each with its own preconditions;
- `rounds_release`: the moves after it (approve, back to review, release, close);
- `runs`: prepare (freeze input and seed), start, execute, replay and choose a run;
- `preferences`: students' rankings, reminding counsellors;
- `review`: four-eyes approval, objections by reviewers, moves, revealing an identity;
- `notifications`: release messages, sent exactly once, and marking them read;
- `objections`: a student's objection, taken up and decided with reasons;
- `intro`: the company's proposal for the introductory meeting.

Reads live in `matching.selectors`; every change is written to the round's audit log
(`audit.audit`).
"""
