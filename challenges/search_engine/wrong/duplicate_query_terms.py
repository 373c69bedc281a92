# expect: WA  sums over every query token, so a repeated query term counts twice
import heapq
import math
import re

K1 = 1.2
B = 0.75


def tokenize(text):
    return re.findall(r"\w+", text.lower())


class SearchIndex:
    def __init__(self):
        self.docs = {}  # doc_id -> its tokens
        self.postings = {}  # term -> {doc_id: [positions]}
        self.total_tokens = 0

    def add(self, doc_id, text):
        if doc_id in self.docs:
            self.remove(doc_id)
        tokens = tokenize(text)
        self.docs[doc_id] = tokens
        self.total_tokens += len(tokens)
        for position, term in enumerate(tokens):
            self.postings.setdefault(term, {}).setdefault(doc_id, []).append(position)

    def remove(self, doc_id):
        tokens = self.docs.pop(doc_id)
        self.total_tokens -= len(tokens)
        for term in set(tokens):
            posting = self.postings[term]
            del posting[doc_id]
            if not posting:
                del self.postings[term]

    def search(self, query, k=10):
        count = len(self.docs)
        scores = {}
        for term in tokenize(query):
            posting = self.postings.get(term)
            if not posting:
                continue
            avgdl = self.total_tokens / count
            idf = math.log(1 + (count - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc_id, positions in posting.items():
                tf = len(positions)
                norm = 1 - B + B * len(self.docs[doc_id]) / avgdl
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * tf * (K1 + 1) / (tf + K1 * norm)
        best = heapq.nsmallest(k, ((-score, doc_id) for doc_id, score in scores.items()))
        return [(doc_id, -negative) for negative, doc_id in best]

    def phrase_search(self, phrase):
        terms = tokenize(phrase)
        if not terms or any(term not in self.postings for term in terms):
            return []
        candidates = set(self.postings[terms[0]])
        for term in terms[1:]:
            candidates &= self.postings[term].keys()
        found = []
        for doc_id in candidates:
            later = [set(self.postings[term][doc_id]) for term in terms[1:]]
            if any(all(start + i + 1 in positions for i, positions in enumerate(later))
                   for start in self.postings[terms[0]][doc_id]):
                found.append(doc_id)
        return sorted(found)
