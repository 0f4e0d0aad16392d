"""The coordinator's cockpit: the stappenplan as a dashboard, the planning, charts, exports
and the Stagepact report. Reads every app below it; nothing imports it (except `demo`)."""
