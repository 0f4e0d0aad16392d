"""Writes and workflows of matching rounds, one module per workflow:

- `rounds`: create a round, move it along the state machine, start a follow-up round;
- `runs`: prepare (freeze input and seed), start, execute, replay and choose a run;
- `preferences`: variant 2 shortlists, students' rankings, reminding counsellors;
- `review`: four-eyes approval, objections by reviewers, moves, revealing an identity;
- `release`: approving the round and fixing the one release moment;
- `notifications`: release messages, sent exactly once, and marking them read;
- `objections`: a student's objection and the coordinator's answer;
- `intro`: the company's proposal for the introductory meeting.

Reads live in `matching.selectors`; every change is written to the round's audit log
(`audit.audit`).
"""
