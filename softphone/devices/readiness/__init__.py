"""Device readiness: microphone, speaker, camera and network checked before the agent takes calls
(issue 7). `report` is the plain data a GUI, the CLI and the journal render; the other modules
each own one check; `run` puts them together from a profile's settings."""
