"""Serializers for Wagtail API v2 fields (Django REST framework, which API v2 is built on)."""

from rest_framework import serializers


class ObjectiveRefSerializer(serializers.Field):
    def to_representation(self, value) -> dict:
        return {"number": value.number, "title": value.title, "short_label": value.short_label}
