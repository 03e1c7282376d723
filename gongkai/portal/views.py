"""Public portal (政府信息公开专栏) views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Landing page: what gongkai offers and links to what exists."""
    return render(request, "portal/home.html")
