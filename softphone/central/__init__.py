"""The central service: agents' status and logs in, the live wallboard and reports out.
Imports neither Qt nor pjsua2."""
