"""gongkai (公开): government information disclosure work under the 2019 Regulation."""

__version__ = "0.1.0"
