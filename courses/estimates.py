"""How long a lesson takes, estimated from what it holds, for lessons whose trainer leaves the time empty.

Reading at 180 words a minute (a careful reading in Spanish on a phone), a video at the pace of its transcript
spoken (130 words a minute), and a few minutes for each thing to do beyond reading: a document to download and
fill in, a toolkit method to try.
"""

import math

from django.utils.html import strip_tags

READING_WORDS_PER_MINUTE = 180
SPOKEN_WORDS_PER_MINUTE = 130
MINUTES_PER_ACTIVITY = {"document": 5, "method": 5}


def words(html):
    return len(strip_tags(str(html)).split())


def block_words(block):
    """Words a learner reads in one block, whatever its kind."""
    value = block.value
    if block.block_type in ("heading", "paragraph"):
        return words(value)
    if block.block_type == "callout":
        return words(value.get("title", "")) + words(value.get("text", ""))
    if block.block_type == "image":
        return words(value.get("caption", ""))
    if block.block_type == "takeaways":
        return sum(words(idea) for idea in value)
    return 0


def estimate_minutes(body):
    """Whole minutes (at least one) to read ``body`` (a lesson's StreamValue) and do its activities."""
    reading = sum(block_words(block) for block in body) / READING_WORDS_PER_MINUTE
    watching = (
        sum(words(block.value.get("transcript", "")) for block in body if block.block_type == "video")
        / SPOKEN_WORDS_PER_MINUTE
    )
    doing = sum(MINUTES_PER_ACTIVITY.get(block.block_type, 0) for block in body)
    return max(1, math.ceil(reading + watching + doing))
