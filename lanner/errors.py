"""One catalogue of user-facing errors: a code, what went wrong, and what to do about it.

The CLI prints `str(error)` as one line on stderr and exits with `error.exit_code`.
"""

from __future__ import annotations


class LannerError(Exception):
    code = "E000"
    exit_code = 1
    http_status = 400

    def __init__(self, message: str, origin: str | None = None) -> None:
        super().__init__(f"{self.code}: {message}")
        self.message = message
        self.origin = origin  # the item it is about ("file.jsonl:7"), when there is one


class EmptyInput(LannerError):
    code = "E001"


class BinaryInput(LannerError):
    code = "E002"


class DecodeFailure(LannerError):
    code = "E003"


class TooLarge(LannerError):
    code = "E004"
    http_status = 413


class NotEnglish(LannerError):
    code = "E005"


class MalformedInput(LannerError):
    code = "E006"


class MissingInput(LannerError):
    code = "E007"
    http_status = 404


class FetchFailure(LannerError):
    code = "E008"
    http_status = 502


class StoreFailure(LannerError):
    code = "E009"
    exit_code = 3
    http_status = 500


class StageFailure(LannerError):
    """A pipeline stage raised: the message names the stage so the bug is easy to find."""

    code = "E010"
    exit_code = 4
    http_status = 500


class BadOption(LannerError):
    code = "E011"
    exit_code = 2


class Refused(LannerError):
    """A request the desk will not serve: a foreign Host, a missing CSRF token, a private URL."""

    code = "E012"
    exit_code = 2
    http_status = 403
