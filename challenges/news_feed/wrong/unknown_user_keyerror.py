# expect: RE  feed reads self.by_user[user_id] directly: a user who never posted raises KeyError
import heapq
from bisect import insort


class FeedService:
    def __init__(self):
        self.by_user = {}
        self.follows = {}

    def post(self, user_id, post_id, timestamp):
        insort(self.by_user.setdefault(user_id, []), (timestamp, post_id))

    def follow(self, a, b):
        if a == b:
            return
        self.follows.setdefault(a, set()).add(b)

    def unfollow(self, a, b):
        if a in self.follows:
            self.follows[a].discard(b)

    def feed(self, user_id, limit=10):
        authors = set(self.follows.get(user_id, ())) | {user_id}
        streams = [reversed(self.by_user[a]) for a in authors if a in self.by_user or a == user_id]
        out = []
        for timestamp, post_id in heapq.merge(*streams, reverse=True):
            if len(out) == limit:
                break
            out.append(post_id)
        return out
