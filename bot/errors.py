"""Errors a user can be shown as they are: each message is one clear line, no internals."""


class DigestError(Exception):
    """Base class: ``str(error)`` is the user-facing, one-line reason."""


class FetchError(DigestError):
    """The page could not be fetched (network, SSRF guard, size, content type...)."""


class ExtractionError(DigestError):
    """The page holds no article we can read (no text, paywall, index page...)."""


class UnsupportedLanguageError(ExtractionError):
    """The article is in a language the analysis does not support."""

    def __init__(self, language_name: str, code: str) -> None:
        super().__init__(f"articles in {language_name} are not supported yet")
        self.language_name = language_name
        self.code = code

    def __reduce__(self):  # type: ignore[override]
        # Raised in worker processes: must survive pickling with its two arguments.
        return (type(self), (self.language_name, self.code))


class SourceError(DigestError):
    """A command-line SOURCE is unusable (missing file, unknown scheme, binary file...)."""
