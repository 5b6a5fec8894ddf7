"""The server binds to loopback freely, anywhere else only with a token."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from postsoviet.cli.app import app
from postsoviet.errors import PostsovietError
from postsoviet.serve.bind import check_bind, is_loopback
from postsoviet.serve.security import token_matches


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_needs_no_token(host):
    assert is_loopback(host)
    check_bind(host, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org"])  # noqa: S104
def test_any_other_address_needs_a_token(host):
    with pytest.raises(PostsovietError, match="requires a token"):
        check_bind(host, None)
    check_bind(host, "secret")


def test_the_token_must_come_as_a_bearer_header():
    assert token_matches("Bearer s3cret", "s3cret")
    assert token_matches("bearer s3cret", "s3cret")
    assert not token_matches("s3cret", "s3cret")
    assert not token_matches("Bearer other", "s3cret")
    assert not token_matches(None, "s3cret")


def test_the_command_refuses_a_public_address_without_a_token(monkeypatch):
    monkeypatch.delenv("POSTSOVIET_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])  # noqa: S104
    assert result.exit_code == 2
    assert "error: option '--host': binding to 0.0.0.0" in result.output
