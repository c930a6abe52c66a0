"""The outbound compliance gate: numbers, callee time zones, rest-period rule packs, the
blacklist store and repeat-call caps, turned into a Verdict before any INVITE leaves the app."""
