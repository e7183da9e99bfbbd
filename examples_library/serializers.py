"""Wagtail API v2 serializers for example fields: small, explicit shapes; never the private contact."""

from rest_framework import serializers

from examples_library.rich_text import display_html


class RichTextHTMLSerializer(serializers.Field):
    def to_representation(self, value: str) -> str:
        return display_html(value)


class ObjectiveSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    short_label = serializers.CharField()
    title = serializers.CharField()


class KeyNameSerializer(serializers.Serializer):
    """Principles, regions and actor types: a stable key and a name in the page's language."""

    key = serializers.CharField()
    name = serializers.CharField()


class CountrySerializer(serializers.Serializer):
    iso2 = serializers.CharField()
    name = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    title = serializers.CharField(source="document.title")
    url = serializers.CharField(source="document.url")
    extension = serializers.SerializerMethodField()

    def get_extension(self, attachment) -> str:
        return attachment.document.file_extension.lower()
