from __future__ import annotations

import numpy as np
import pytest

from audio_article.audio.crc16 import advance, crc16


def _reference(data: bytes, crc: int = 0) -> int:
    """CRC-16/ARC bit by bit, straight from its definition."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def test_check_value() -> None:
    assert crc16(b"123456789") == 0xBB3D  # the catalogue's check value for CRC-16/ARC


@pytest.mark.parametrize("size", [0, 1, 1000, 16383, 16384, 16385, 100_000, 300_001])
def test_rows_agree_with_the_definition(size: int) -> None:
    data = np.random.default_rng(size).integers(0, 256, size, dtype=np.uint8).tobytes()
    assert crc16(data) == _reference(data)
    assert crc16(data, 0x1234) == _reference(data, 0x1234)


def test_checksums_chain_over_consecutive_parts() -> None:
    rng = np.random.default_rng(7)
    parts = [rng.integers(0, 256, n, dtype=np.uint8).tobytes() for n in (5, 40_000, 17, 70_000)]
    crc = 0
    for part in parts:
        crc = crc16(part, crc)
    assert crc == _reference(b"".join(parts))


def test_advance_is_appending_zeros() -> None:
    assert advance(0xBEEF, 1000) == _reference(bytes(1000), 0xBEEF)
