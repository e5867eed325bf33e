"""Text handling before any rule runs: structure, unwrapping, sentences with offsets."""

from coach.text.sentences import QUOTE_MASK, Sentence, mask_quotes, split_sentences

__all__ = ["QUOTE_MASK", "Sentence", "mask_quotes", "split_sentences"]
