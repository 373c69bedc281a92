# expect: RE  unfollow uses set.remove: unfollowing someone not followed raises KeyError
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
        self.follows[a].remove(b)

    def feed(self, user_id, limit=10):
        authors = set(self.follows.get(user_id, ())) | {user_id}
        streams = [reversed(self.by_user[a]) for a in authors if a in self.by_user]
        out = []
        for timestamp, post_id in heapq.merge(*streams, reverse=True):
            if len(out) == limit:
                break
            out.append(post_id)
        return out
