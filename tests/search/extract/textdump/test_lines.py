"""Lines of a text dump: words of scripts without spaces counted, kept as prose; a line that
holds one string twice read once."""
from __future__ import annotations

import pytest

from search.extract.textdump.lines import classify, undoubled
from search.extract.textdump.reader import extract_text_dump


CHINESE_PAGE = ("首页\n新闻\n体育\n\n河边的老茶馆今年春天重新开门\n\n"
                "　　本报讯 位于河边的老茶馆在关闭三年之后，于本周一重新开门营业。店主表示，茶馆保留了"
                "原来的木桌和老照片，希望让老顾客找回过去的感觉。附近居民纷纷前来品茶聊天。\n\n"
                "　　据了解，茶馆每天早上七点开门，晚上九点关门。周末还有评书表演，吸引了不少年轻人。\n\n"
                "上一篇：公园里的樱花开了\n下一篇：图书馆延长开放时间\n")


def test_chinese_and_japanese_words_are_counted_without_spaces():
    from search.extract.textdump.lines import count_words

    assert count_words("River talks end") == 3
    assert count_words("茶馆每天早上七点开门") == 1 + 5
    assert count_words("岸田総理が会見で明らかに") == 1 + 6
    assert count_words("엘제이의 리벤지인가") == 2  # Korean puts spaces between its words


def test_a_chinese_page_gives_its_headline_and_article():
    # Its sentences had no spaces: each counted one word, so no line was prose and the page
    # was skipped with "no text found".
    found = extract_text_dump(CHINESE_PAGE)
    assert found.title == "河边的老茶馆今年春天重新开门"
    assert found.body.startswith("本报讯 位于河边的老茶馆") and "评书表演" in found.body
    assert "上一篇" not in found.body and "首页" not in found.body


@pytest.mark.parametrize("text, once", [
    ("Sardines de campagneSardines de campagne", "Sardines de campagne"),
    ("Harbour news Harbour news", "Harbour news"),
    ("LikenLiken", "Liken"),
    ("KenKen", None),  # a word of its own
    ("----------", None),
    ("New crane doubles harbour capacity", None),
])
def test_a_line_holding_one_string_twice_is_read_once(text: str, once: str | None) -> None:
    assert undoubled(text) == once
    line = classify(f"{text}\n")[0]
    assert (line.text, line.doubled) == (once or text, once is not None)
