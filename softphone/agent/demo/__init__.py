"""The demo: the whole flow on one computer with no servers (a local center, a customer line,
sample compliance rules), started by the app as child processes and stopped with it."""

from softphone.agent.demo.floor import Demo, DemoState, demo_folder, demo_wanted

__all__ = ["Demo", "DemoState", "demo_folder", "demo_wanted"]
