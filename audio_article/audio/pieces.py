"""Render stage: master and encode every piece of the timeline, reusing cached pieces.

A piece's analysis depends only on its audio, and its MP3 only on its audio,
its own loudness plan (a function of that audio: audio/master.py) and the
encoder settings; both are cached under keys of exactly that. Rebuilding
after a corrected paragraph therefore analyses, masters and encodes one
piece and joins the rest from the cache.

Each encoded piece is decoded again (in process) and its true peak measured:
MP3 coding can push a limited peak up by a dB or more, and not predictably. A piece
over the ceiling is mastered again with its limiter further down.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from audio_article.atomic import file_sha256, write_atomic
from audio_article.audio.codec import decode_mp3, encode_mp3
from audio_article.audio.master import analyse, apply_master, peaks_only, piece_envelope, plan_master
from audio_article.audio.peaks import true_peak_above_dbtp
from audio_article.audio.timeline import stream
from audio_article.cache import BuildCache, discard, seal, unseal
from audio_article.episode.manifest import code_identity
from audio_article.errors import ToolError
from audio_article.interrupt import parallel_map
from audio_article.models import EncodeSettings, FrameAnalysis, MasterPlan, Piece, Placement, Timeline

log = logging.getLogger(__name__)
PEAK_SAFETY_DB = 0.15
PEAK_ATTEMPTS = 3
PieceDone = Callable[[Piece], None]


@dataclass(frozen=True)
class EncodedPiece:
    """One piece's MP3 frames (no Info header) in the cache."""

    path: Path
    decoded_samples: int  # what a decoder yields for these frames, encoder delay and padding included
    reused: bool
    gain_db: float  # the piece's mastering gain (its own loudness plan)


@dataclass(frozen=True)
class Levels:
    """What every piece is mastered to: integrated loudness and true-peak ceiling."""

    target_lufs: float
    ceiling_dbtp: float


def piece_keys(timeline: Timeline, cache: BuildCache) -> list[str]:
    """A content key per piece: where each segment sits in it and which audio it is."""
    identities: dict[Path, str] = {}
    keys = []
    for piece in timeline.pieces:
        layout = []
        for p in timeline.placements[piece.first_placement : piece.stop_placement]:
            if p.wav_path not in identities:
                identities[p.wav_path] = (
                    p.wav_path.stem if cache.holds(p.wav_path) else file_sha256(p.wav_path)
                )
            layout.append((p.start_sample - piece.start_sample, p.num_samples, identities[p.wav_path]))
        material = [code_identity().hex(), timeline.sample_rate_hz, piece.num_samples, layout]
        keys.append(hashlib.sha256(json.dumps(material).encode()).hexdigest())
    return keys


def master_pieces(
    timeline: Timeline,
    keys: Sequence[str],
    levels: Levels,
    settings: EncodeSettings,
    cache: BuildCache,
    workers: int,
    done: PieceDone | None = None,
    known: Mapping[str, EncodedPiece] | None = None,
) -> list[EncodedPiece]:
    """Every piece analysed, levelled on its own and encoded, each from the cache where it is there,
    or as `known` has it by content key (mastered during narration); `done` is called as each piece
    ends. Nothing is held across pieces: a long read stays small.

    A piece of music alone (an intro or outro between pauses) takes the gain of the nearest spoken
    piece rather than its own: the music keeps the level it was given against the voice.
    """
    music = {i for i, piece in enumerate(timeline.pieces) if _music_only(timeline, piece)}
    spoken = [i for i in range(len(keys)) if i not in music]
    results: dict[int, EncodedPiece] = {}

    def one(index: int, gain_db: float | None = None) -> EncodedPiece:
        piece = timeline.pieces[index]
        result = (known or {}).get(keys[index]) or master_piece(
            timeline, piece, keys[index], levels, settings, cache, gain_db
        )
        if done:
            done(piece)
        return result

    results.update(zip(spoken, parallel_map(lambda n: one(spoken[n]), len(spoken), workers), strict=True))
    for index in sorted(music):
        nearest = min(spoken, key=lambda i: (abs(i - index), i > index), default=None)
        results[index] = one(index, results[nearest].gain_db if nearest is not None else None)
    return [results[i] for i in range(len(keys))]


def _music_only(timeline: Timeline, piece: Piece) -> bool:
    music = _music(timeline, piece)
    return bool(music) and len(music) == piece.stop_placement - piece.first_placement


def _music(timeline: Timeline, piece: Piece) -> list[Placement]:
    """The piece's intro or outro music (segments of kind "audio")."""
    placements = timeline.placements[piece.first_placement : piece.stop_placement]
    return [p for p in placements if p.segment.kind == "audio"]


def master_piece(
    timeline: Timeline,
    piece: Piece,
    key: str,
    levels: Levels,
    settings: EncodeSettings,
    cache: BuildCache,
    gain_db: float | None = None,
) -> EncodedPiece:
    """One piece: its analysis, its own loudness plan (or `gain_db`), its MP3 (each from the cache)."""
    analysis = _analysis(timeline, piece, key, cache)
    plan = plan_master([_speech_only(analysis, timeline, piece)], levels.target_lufs, levels.ceiling_dbtp)
    if gain_db is not None:
        plan = replace(plan, gain_db=gain_db)
    analysis = peaks_only([analysis])[0]  # the limiter needs the peaks alone
    encoded_key = _encoded_key(key, plan, settings)
    found = _lookup(cache, encoded_key, plan.gain_db)
    return found or _encode(timeline, piece, analysis, plan, settings, cache, encoded_key)


def _speech_only(analysis: FrameAnalysis, timeline: Timeline, piece: Piece) -> FrameAnalysis:
    """The analysis with the music's frames silenced: the voice sets the level, and music in the same
    piece (an intro before the first words, an outro after the closing) keeps its level against it."""
    music = _music(timeline, piece)
    if not music:
        return analysis
    energy = analysis.energy.copy()
    frame = analysis.frame_samples
    for p in music:
        start = p.start_sample - piece.start_sample
        energy[start // frame : -(-(start + p.num_samples) // frame)] = 0.0
    return replace(analysis, energy=energy)


def _analysis(timeline: Timeline, piece: Piece, key: str, cache: BuildCache) -> FrameAnalysis:
    """The piece's loudness and peak analysis, from the cache or measured (and cached)."""
    path = cache.entry("analysis", key, ".npz")
    cached = _cached_analysis(path)
    if cached is not None:
        return cached
    result = analyse(stream(timeline, piece), timeline.sample_rate_hz)
    buffer = io.BytesIO()
    np.savez(buffer, frame=result.frame_samples, energy=result.energy, peak=result.peak)
    write_atomic(path, seal(buffer.getvalue()))
    return result


def _cached_analysis(path: Path) -> FrameAnalysis | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    body = unseal(raw)
    if body is None:
        discard(path, "it does not match its checksum")
        return None
    with np.load(io.BytesIO(body)) as data:
        return FrameAnalysis(int(data["frame"]), data["energy"], data["peak"])


def _encode(
    timeline: Timeline,
    piece: Piece,
    analysis: FrameAnalysis,
    plan: MasterPlan,
    settings: EncodeSettings,
    cache: BuildCache,
    key: str,
) -> EncodedPiece:
    final = cache.entry("pieces", key, ".mp3")
    final.parent.mkdir(parents=True, exist_ok=True)
    scratch = final.with_name(f".{final.name}.{os.getpid()}-{id(piece)}.tmp")
    try:
        for _attempt in range(PEAK_ATTEMPTS):
            envelope = piece_envelope(analysis, plan)
            blocks = apply_master(stream(timeline, piece), plan.gain_db, envelope, analysis.frame_samples)
            data = encode_mp3(blocks, timeline.sample_rate_hz, settings, scratch)
            counter = [0]
            passing_dbtp = plan.ceiling_dbtp - PEAK_SAFETY_DB
            peak = true_peak_above_dbtp(_counted(data, settings.sample_rate_hz, counter), passing_dbtp)
            decoded = counter[0]
            if peak <= passing_dbtp:
                break
            extra = peak - plan.ceiling_dbtp + 2 * PEAK_SAFETY_DB
            log.info(
                "piece at sample %d: encoded peak %.2f dBTP; limiting %.1f dB more",
                piece.start_sample,
                peak,
                extra,
            )
            plan = replace(plan, margin_db=plan.margin_db + extra)
        os.replace(scratch, final)
    except OSError as exc:
        raise ToolError(f"cannot store an encoded piece in the cache: {exc.strerror or exc}") from exc
    finally:
        scratch.unlink(missing_ok=True)
    meta = {
        "decoded_samples": decoded,
        "size": final.stat().st_size,
        "sha256": file_sha256(final),
    }
    write_atomic(final.with_suffix(".json"), json.dumps(meta).encode())
    return EncodedPiece(final, decoded, reused=False, gain_db=plan.gain_db)


def _counted(data: bytes, rate_hz: int, counter: list[int]) -> Iterator[np.ndarray]:
    """The decoded piece, counting its samples into `counter[0]` on the way."""
    for block in decode_mp3(data, rate_hz):
        counter[0] += len(block)
        yield block


def _lookup(cache: BuildCache, key: str, gain_db: float) -> EncodedPiece | None:
    path = cache.entry("pieces", key, ".mp3")
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        data = path.read_bytes()
        if len(data) != meta["size"] or hashlib.sha256(data).hexdigest() != meta["sha256"]:
            discard(path, "it does not match its checksum")
            return None
        os.utime(path)  # recency for `cache prune`
        return EncodedPiece(path, int(meta["decoded_samples"]), reused=True, gain_db=gain_db)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _encoded_key(content_key: str, plan: MasterPlan, settings: EncodeSettings) -> str:
    material = [
        content_key,
        plan.gain_db,
        plan.margin_db,
        plan.ceiling_dbtp,
        settings.bitrate_kbps,
        settings.sample_rate_hz,
    ]
    return hashlib.sha256(json.dumps(material).encode()).hexdigest()
