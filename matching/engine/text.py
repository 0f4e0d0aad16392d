"""Learning-wish text similarity: TF-IDF over Dutch-stemmed words (no model download)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

_STEMMER = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[a-zà-ÿ]+")
# Words that say nothing about the content of a placement.
STOP_WORDS = frozenset(
    """aan al als bij dat de deze die dit door een en er graag het hier hoe ik in is je jij
    kan kunnen leer leert leren me mee meer met mij mijn na naar niet of om onder ons onze op
    over te tot uit van veel voor wat we wil willen word worden wordt zal zelf zijn zo""".split()
)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def tokenize(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 1]


def tfidf_matrices(
    student_texts: Sequence[str], offer_texts: Sequence[str]
) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """L2-normalised TF-IDF rows for students and offers, fitted on both together."""
    corpus = list(student_texts) + list(offer_texts)
    if not any(t.strip() for t in corpus):
        empty = sparse.csr_matrix((len(corpus), 1))
        return empty[: len(student_texts)], empty[len(student_texts) :]
    vectorizer = TfidfVectorizer(
        tokenizer=tokenize, lowercase=False, token_pattern=None, sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(corpus).tocsr()
    except ValueError:  # only stop words everywhere: no vocabulary
        matrix = sparse.csr_matrix((len(corpus), 1))
    return matrix[: len(student_texts)], matrix[len(student_texts) :]
