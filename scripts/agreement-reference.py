#!/usr/bin/python3
"""Reference values for src/shared/agreement.ts, from independent implementations.

Writes src/shared/test/fixtures/agreement-reference.json. Kept as provenance;
the tests read the JSON and never run this script.

    /usr/bin/python3 scripts/agreement-reference.py

Needs Debian's python3-sklearn, python3-nltk and python3-statsmodels (run it
with the system Python, which has them). Unlike Tanda, this script does the
slow, obvious thing: one label per code point per annotator per tag, then

  - Cohen's kappa: sklearn.metrics.cohen_kappa_score(y_a, y_b, labels=[0, 1])
  - Krippendorff's alpha: nltk.metrics.agreement.AnnotationTask(
        data=[(coder, item, label), ...], distance=binary_distance).alpha(),
    one item per (document, code point); for three or more annotators the
    same over all coders
  - Fleiss' kappa: statsmodels.stats.inter_rater.fleiss_kappa(table,
    method='fleiss') on the units x {0, 1} count table. NLTK's multi_kappa()
    is Davies & Fleiss (1982), which averages pairwise Cohen-style expected
    agreement instead of pooling the marginals; it is a different
    coefficient, recorded for information only ("nltk_multi_kappa").

Where a reference is undefined Tanda reports null: sklearn returns NaN when
expected agreement is 1; NLTK's alpha returns 1 by a special case when only
one label occurs (Krippendorff: undefined). Those raw values are kept under
"reference_raw" and the expected value is null.
"""

import json
import math
import platform
import random
import sys
import warnings
from pathlib import Path

import nltk
import numpy
import sklearn
import statsmodels
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

OUT = Path(__file__).resolve().parent.parent / 'src' / 'shared' / 'test' / 'fixtures' / 'agreement-reference.json'


def labels(case, annotator, tag, doc):
    """0/1 per code point of `doc`: 1 inside any of the annotator's `tag` spans."""
    chars = dict(case['documents'])[doc]
    y = [0] * chars
    for a, d, t, start, end in case['spans']:
        if a == annotator and d == doc and t == tag:
            for i in range(start, end):
                y[i] = 1
    return y


def vectors(case, tag, docs):
    """Per annotator, the concatenated label vectors of `docs`."""
    return {a: [v for doc in docs for v in labels(case, a, tag, doc)] for a in case['annotators']}


def kappa(y1, y2):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return float(cohen_kappa_score(y1, y2, labels=[0, 1]))


def alpha(vs, coders):
    data = [(c, i, vs[c][i]) for c in coders for i in range(len(vs[coders[0]]))]
    return float(AnnotationTask(data=data, distance=binary_distance).alpha())


def multi_kappa(vs, coders):
    data = [(c, i, vs[c][i]) for c in coders for i in range(len(vs[coders[0]]))]
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try:
            return float(AnnotationTask(data=data, distance=binary_distance).multi_kappa())
        except ZeroDivisionError:
            return float('nan')


def fleiss(vs, coders):
    n = len(vs[coders[0]])
    table = [[0, 0] for _ in range(n)]
    for c in coders:
        for i, v in enumerate(vs[c]):
            table[i][v] += 1
    with numpy.errstate(all='ignore'):
        return float(fleiss_kappa(numpy.array(table), method='fleiss'))


def single_label(vs, coders):
    return len({v for c in coders for v in vs[c]}) == 1


def measures(case, tag, docs):
    coders = case['annotators']
    vs = vectors(case, tag, docs)
    a, b = coders[0], coders[1]
    out, raw = {}, {}
    k = kappa(vs[a], vs[b])
    out['kappa'] = None if math.isnan(k) else k
    if math.isnan(k):
        raw['kappa'] = 'NaN (sklearn: expected agreement is 1)'
    al = alpha(vs, [a, b])
    if single_label(vs, [a, b]):
        out['alpha'] = None
        raw['alpha'] = f'{al} (NLTK special case: one label only)'
    else:
        out['alpha'] = al
    if len(coders) >= 3:
        aa = alpha(vs, coders)
        if single_label(vs, coders):
            out['alpha_all'] = None
            raw['alpha_all'] = f'{aa} (NLTK special case: one label only)'
        else:
            out['alpha_all'] = aa
        fk = fleiss(vs, coders)
        out['fleiss_kappa'] = None if math.isnan(fk) else fk
        if math.isnan(fk):
            raw['fleiss_kappa'] = 'NaN (statsmodels: expected agreement is 1)'
        pairs = []
        for i in range(len(coders)):
            for j in range(i + 1, len(coders)):
                pk = kappa(vs[coders[i]], vs[coders[j]])
                pairs.append({'a': coders[i], 'b': coders[j], 'kappa': None if math.isnan(pk) else pk})
        out['pairwise'] = pairs
        mk = multi_kappa(vs, coders)
        out['nltk_multi_kappa'] = None if math.isnan(mk) else mk
    if raw:
        out['reference_raw'] = raw
    return out


def expected(case):
    docs = [d for d, _ in case['documents']]
    result = {'tags': {t: measures(case, t, docs) for t in case['tags']}}
    result['per_document'] = {d: {t: measures(case, t, [d]) for t in case['tags']} for d in docs}
    return result


# ---------------------------------------------------------------- cases

HAND = [
    {
        'name': 'two annotators, two documents, own overlaps merged',
        'documents': [['a.txt', 40], ['b.txt', 25]],
        'annotators': ['ann', 'bob'],
        'tags': ['claim', 'actor'],
        'spans': [
            ['ann', 'a.txt', 'claim', 0, 10],
            ['ann', 'a.txt', 'claim', 5, 15],  # overlaps ann's own 0-10
            ['bob', 'a.txt', 'claim', 2, 12],
            ['ann', 'b.txt', 'claim', 20, 25],
            ['bob', 'b.txt', 'claim', 0, 4],
            ['ann', 'a.txt', 'actor', 30, 35],
            ['bob', 'a.txt', 'actor', 30, 35],
            ['bob', 'b.txt', 'actor', 10, 18],
        ],
    },
    {
        'name': 'identical annotations',
        'documents': [['a.txt', 30]],
        'annotators': ['ann', 'bob'],
        'tags': ['claim'],
        'spans': [['ann', 'a.txt', 'claim', 3, 9], ['bob', 'a.txt', 'claim', 3, 9]],
    },
    {
        'name': 'complete disagreement',
        'documents': [['a.txt', 20]],
        'annotators': ['ann', 'bob'],
        'tags': ['claim'],
        'spans': [['ann', 'a.txt', 'claim', 0, 10], ['bob', 'a.txt', 'claim', 10, 20]],
    },
    {
        'name': 'tag nobody used, and one annotator silent',
        'documents': [['a.txt', 12], ['b.txt', 8]],
        'annotators': ['ann', 'bob'],
        'tags': ['claim', 'unused'],
        'spans': [['ann', 'a.txt', 'claim', 2, 6], ['ann', 'b.txt', 'claim', 0, 8], ['bob', 'a.txt', 'claim', 4, 6]],
    },
    {
        'name': 'three annotators',
        'documents': [['a.txt', 20], ['b.txt', 10]],
        'annotators': ['ann', 'bob', 'cyd'],
        'tags': ['claim', 'actor'],
        'spans': [
            ['ann', 'a.txt', 'claim', 0, 8],
            ['bob', 'a.txt', 'claim', 2, 8],
            ['cyd', 'a.txt', 'claim', 4, 12],
            ['ann', 'b.txt', 'claim', 0, 5],
            ['cyd', 'b.txt', 'claim', 0, 3],
            ['ann', 'a.txt', 'actor', 15, 20],
            ['bob', 'a.txt', 'actor', 15, 20],
            ['cyd', 'a.txt', 'actor', 15, 20],
        ],
    },
]


def random_case(name, seed, annotators, n_docs, tags):
    rng = random.Random(seed)
    documents = [[f'doc-{i:02d}.txt', rng.randint(50, 400)] for i in range(n_docs)]
    spans = []
    for doc, chars in documents:
        for tag in tags:
            base = []
            for _ in range(rng.randint(0, 5)):
                start = rng.randrange(chars - 1)
                base.append((start, min(chars, start + rng.randint(1, 40))))
            for annotator in annotators:
                for start, end in base:
                    r = rng.random()
                    if r < 0.2:
                        continue  # missed it
                    if r < 0.6:
                        spans.append([annotator, doc, tag, start, end])  # same span
                    else:  # boundaries off by a few code points
                        s = min(chars - 1, max(0, start + rng.randint(-5, 5)))
                        e = min(chars, max(s + 1, end + rng.randint(-5, 5)))
                        spans.append([annotator, doc, tag, s, e])
                if rng.random() < 0.3:  # one of their own
                    s = rng.randrange(chars - 1)
                    spans.append([annotator, doc, tag, s, min(chars, s + rng.randint(1, 30))])
    rng.shuffle(spans)
    return {'name': name, 'documents': documents, 'annotators': annotators, 'tags': tags, 'spans': spans}


CASES = HAND + [
    random_case('random, two annotators', 20240501, ['ann', 'bob'], 6, ['claim', 'actor', 'number']),
    random_case('random, four annotators', 20240502, ['ann', 'bob', 'cyd', 'dee'], 4, ['claim', 'actor']),
]


def main():
    fixture = {
        'generator': 'scripts/agreement-reference.py (not run by the tests)',
        'references': {
            'kappa': f'scikit-learn {sklearn.__version__}: sklearn.metrics.cohen_kappa_score(y_a, y_b, labels=[0, 1])',
            'pairwise': f'scikit-learn {sklearn.__version__}: sklearn.metrics.cohen_kappa_score, each pair',
            'alpha': f'NLTK {nltk.__version__}: nltk.metrics.agreement.AnnotationTask(data, distance=binary_distance).alpha(), annotators[0] and [1]',
            'alpha_all': f'NLTK {nltk.__version__}: AnnotationTask(data, distance=binary_distance).alpha(), all annotators',
            'fleiss_kappa': f'statsmodels {statsmodels.__version__}: statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss")',
            'nltk_multi_kappa': f'NLTK {nltk.__version__}: AnnotationTask.multi_kappa() (Davies & Fleiss 1982; information only, not asserted)',
            'runtime': f'Python {platform.python_version()}, numpy {numpy.__version__}, Debian packages python3-sklearn, python3-nltk, python3-statsmodels',
        },
        'units': 'one item per code point of every listed document; label 1 inside any of the annotator\'s spans of the tag',
        'undefined': 'null where the reference gives NaN (sklearn, statsmodels) or NLTK alpha\'s special-case 1 for a single label; raw values under reference_raw',
        'spans_format': '[annotator, document_path, tag, start, end], code points, end exclusive',
        'cases': [],
    }
    for case in CASES:
        fixture['cases'].append({**case, 'expected': expected(case)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1, allow_nan=False) + '\n', encoding='utf-8')
    print(f'wrote {OUT}', file=sys.stderr)


if __name__ == '__main__':
    main()
