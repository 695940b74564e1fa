"""The <reference:...> part of a signature's address. Only the characters a reference is
made of match, so anything else (a NUL byte, which PostgreSQL refuses, or an overlong
string) is not found before it reaches the database."""

from django.urls import register_converter


class ReferenceConverter:
    regex = "[A-Z0-9-]{1,20}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ReferenceConverter, "reference")
