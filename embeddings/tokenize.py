"""Chinese tokenisation for keyword search: jieba with the policy-domain user dictionary, in one place."""
from __future__ import annotations

import logging
import re
from pathlib import Path

DEFAULT_USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_STOPWORDS = frozenset(
    "的 了 和 与 及 等 在 是 为 对 将 把 被 从 以 于 或 并 其 之 也 都 就 要 有 我们 我 你 您 他 它 这 那 一个 一些 "
    "哪些 什么 怎么 怎样 如何 多少 是否 吗 呢 吧 啊 么 请问 请 问 想 一下 能 可以 会 这个 那个 哪个 还 又 里 中".split()
)


class JiebaTokenizer:
    """Callable text → list of terms; loads jieba and its dictionaries on first use, not at import."""

    def __init__(self, user_dict: Path = DEFAULT_USER_DICT):
        self.user_dict = user_dict
        self._jieba = None

    def _tokenizer(self):
        if self._jieba is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            if self.user_dict.exists():
                tokenizer.load_userdict(str(self.user_dict))
            self._jieba = tokenizer
        return self._jieba

    def words(self, text: str) -> list[str]:
        """Every word of text in order, nothing left out (joining text's words gives text back)."""
        return self._tokenizer().lcut(text)

    def __call__(self, text: str) -> list[str]:
        terms = self._tokenizer().lcut_for_search(text)
        return [t.lower() for t in terms if _KEEP.search(t) and t not in _STOPWORDS]
