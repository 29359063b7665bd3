"""Rose AI Companion: the service skeleton the rose/actions pipeline deploys."""

__version__ = "1.0.0"
