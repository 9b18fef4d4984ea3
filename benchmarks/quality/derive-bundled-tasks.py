#!/usr/bin/env python3
"""Derives BenchCluster's bundled HellaSwag-style task file from the bundled corpus (both CC0, written for the project).

Each task is one corpus sentence cut at a word boundary: the context is the previous sentence of its paragraph and the
sentence's first words, the right ending is the rest of that sentence, the three wrong endings are the ends of
sentences from other paragraphs. A model trained on the corpus has seen every right ending, so accuracy on this file
checks that task scoring works; it is not a benchmark of a model. Seeded: the same corpus gives the same file.

usage: derive-bundled-tasks.py CORPUS.txt OUT.jsonl [COUNT]
"""
import json
import random
import re
import sys

SEED = 12
ENDINGS = 4


def sentences(paragraph):
    parts = re.split(r'(?<=[.!?])\s+(?=[A-Z"])', paragraph.strip())
    return [p.strip() for p in parts if p.strip()]


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    paragraphs = [p.replace('\n', ' ') for p in open(corpus, encoding='utf-8').read().split('\n\n') if p.strip()]
    candidates = []  # (paragraph index, previous sentence, head, tail)
    for index, paragraph in enumerate(paragraphs):
        previous = ''
        for sentence in sentences(paragraph):
            words = sentence.split()
            if 12 <= len(words) <= 40 and '"' not in sentence:
                cut = len(words) // 2
                candidates.append((index, previous, ' '.join(words[:cut]), ' '.join(words[cut:])))
            previous = sentence
    rng = random.Random(SEED)
    rng.shuffle(candidates)
    chosen = candidates[:count]
    with open(out, 'w', encoding='utf-8', newline='\n') as file:
        for index, previous, head, tail in chosen:
            others = [c[3] for c in candidates if c[0] != index and c[3] != tail]
            wrong = rng.sample(others, ENDINGS - 1)
            label = rng.randrange(ENDINGS)
            endings = wrong[:label] + [tail] + wrong[label:]
            context = (previous + ' ' + head).strip()
            file.write(json.dumps({'ctx': context, 'endings': endings, 'label': label}, ensure_ascii=False) + '\n')
    print(f'{len(chosen)} tasks from {len(candidates)} candidate sentences in {len(paragraphs)} paragraphs')


if __name__ == '__main__':
    main()
