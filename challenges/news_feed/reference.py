"""Reference news feed, fanout-on-read (the seed's "pull" model): each user's posts in a list sorted by
(timestamp, post_id), and a feed is a k-way merge of the newest ends of those lists with a heap of one
head per author: O(followees + limit * log followees) per feed, whatever the number of posts."""
import heapq
from bisect import insort


class FeedService:
    def __init__(self) -> None:
        self.posts = {}      # user -> sorted list of (timestamp, post_id)
        self.following = {}  # user -> set of followees

    def post(self, user_id, post_id, timestamp) -> None:
        insort(self.posts.setdefault(user_id, []), (timestamp, post_id))

    def follow(self, a, b) -> None:
        if a != b:
            self.following.setdefault(a, set()).add(b)

    def unfollow(self, a, b) -> None:
        self.following.get(a, set()).discard(b)

    def feed(self, user_id, limit=10) -> list:
        heads = []
        for author in self.following.get(user_id, set()) | {user_id}:
            items = self.posts.get(author)
            if items:
                timestamp, post_id = items[-1]
                heads.append((-timestamp, -post_id, author, len(items) - 1))
        heapq.heapify(heads)
        result = []
        while heads and len(result) < limit:
            _, neg_id, author, index = heapq.heappop(heads)
            result.append(-neg_id)
            if index:
                timestamp, post_id = self.posts[author][index - 1]
                heapq.heappush(heads, (-timestamp, -post_id, author, index - 1))
        return result
