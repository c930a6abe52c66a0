"""Agent Softphone: the desktop SIP softphone a contact-center agent keeps open all day."""

__version__ = "0.1.0"
