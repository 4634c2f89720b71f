"""Policy-tracking timeline dashboard for Vietnam's defence-industry policy."""
__version__ = "0.1.0"
