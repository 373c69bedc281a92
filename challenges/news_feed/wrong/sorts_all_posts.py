# expect: TLE  correct, but every feed gathers and sorts all posts of all followees
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
        everything = [item for a in authors for item in self.by_user.get(a, ())]
        everything.sort(reverse=True)
        return [post_id for _, post_id in everything[:limit]]
