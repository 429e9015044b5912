"""Which language an article is written in (py3langid on a sample of its prose)."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from bot.errors import UnsupportedLanguageError

# Enough text for a stable guess, and a small cost however long the article.
SAMPLE_CHARS = 3000
# Below this, a guess is noise: short texts are taken as English rather than refused.
MIN_LETTERS = 40
# A non-English guess must be at least this likely to refuse the article.
MIN_PROBABILITY = 0.7

LANGUAGE_NAMES = {
    "af": "Afrikaans", "am": "Amharic", "an": "Aragonese", "ar": "Arabic", "as": "Assamese",
    "az": "Azerbaijani", "ba": "Bashkir", "be": "Belarusian", "bg": "Bulgarian", "bn": "Bengali",
    "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "dz": "Dzongkha", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fo": "Faroese", "fr": "French", "fy": "Western Frisian", "ga": "Irish",
    "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish",
    "lg": "Ganda", "ln": "Lingala", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi",
    "ms": "Malay", "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian Nynorsk", "no": "Norwegian", "oc": "Occitan", "om": "Oromo", "or": "Odia",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "qu": "Quechua",
    "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit",
    "se": "Northern Sami", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "sn": "Shona",
    "so": "Somali", "sq": "Albanian", "sr": "Serbian", "st": "Southern Sotho", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai",
    "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish", "tt": "Tatar", "ug": "Uyghur",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "vo": "Volapük",
    "wa": "Walloon", "xh": "Xhosa", "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu",
    "ace": "Acehnese", "ary": "Moroccan Arabic", "arz": "Egyptian Arabic",
    "bcl": "Central Bikol", "crh": "Crimean Tatar", "ext": "Extremaduran", "fuv": "Fulfulde",
    "gcf": "Guadeloupean Creole", "gcr": "Guianese Creole", "gom": "Konkani",
    "grc": "Ancient Greek", "gug": "Guarani", "guw": "Gun", "hbo": "Ancient Hebrew",
    "kab": "Kabyle", "kik": "Kikuyu", "lij": "Ligurian", "ltg": "Latgalian",
    "nso": "Northern Sotho", "pcm": "Nigerian Pidgin", "sdh": "Southern Kurdish",
    "uzs": "Southern Uzbek", "vec": "Venetian", "wuu": "Wu Chinese", "yue": "Cantonese",
}  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Normalised probabilities, so a weak guess can be told from a sure one.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def sample(text: str, limit: int = SAMPLE_CHARS) -> str:
    """The longest paragraphs, up to ``limit`` characters: prose, not menus or share buttons.

    A page in German with an English cookie notice is judged by its German paragraphs.
    """
    paragraphs = sorted((p.strip() for p in text.split("\n")), key=len, reverse=True)
    chosen: list[str] = []
    size = 0
    for paragraph in paragraphs:
        if not paragraph or size >= limit:
            break
        chosen.append(paragraph[: limit - size])
        size += len(chosen[-1])
    return "\n".join(chosen)


def classify(text: str) -> tuple[str, float]:
    """(ISO code, probability) of the most likely language of the text."""
    code, probability = _identifier().classify(sample(text))
    return code, float(probability)


def detect_language(text: str) -> tuple[str, str]:
    """(ISO code, English name), e.g. ("de", "German"); very short texts count as English."""
    if sum(c.isalpha() for c in text[: SAMPLE_CHARS * 4]) < MIN_LETTERS:
        return "en", "English"
    code, _ = classify(text)
    return code, language_name(code)


def ensure_english(text: str) -> str:
    """Return "en", or raise UnsupportedLanguageError when the text is surely not English."""
    if sum(c.isalpha() for c in text[: SAMPLE_CHARS * 4]) < MIN_LETTERS:
        return "en"
    code, probability = classify(text)
    if code != "en" and probability >= MIN_PROBABILITY:
        raise UnsupportedLanguageError(language_name(code), code)
    return "en"
