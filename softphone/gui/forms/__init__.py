"""Generated from ui/*.ui by packaging/dev/forms.py: do not edit."""
