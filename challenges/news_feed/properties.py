"""Properties of news_feed: a stateful differential test (hypothesis generates a list of post, follow,
unfollow and feed operations, recorded on the program as lru_cache does) against the reference, with
few distinct timestamps so ties on timestamp (broken by post_id, descending) are frequent and post ids
that do not follow posting order; explicit edge cases; and a scaling check that a feed is a k-way
merge of the followees' newest posts, not a sort of all of them."""
from hypothesis import strategies as st

from judge.harness import prop, scaling

users = st.sampled_from([1, 2, 3, 4])
op = st.one_of(
    st.tuples(st.just("post"), users, st.integers(0, 5)),
    st.tuples(st.just("post"), users, st.integers(0, 5)),
    st.tuples(st.just("follow"), users, users),
    st.tuples(st.just("unfollow"), users, users),
    st.tuples(st.just("feed"), st.sampled_from([1, 2, 3, 4, 9]), st.one_of(st.none(), st.integers(0, 12))),
)


def record(f, ops):
    for i, o in enumerate(ops):
        if o[0] == "post":
            f.post(o[1], (i * 7919) % 1009, o[2])  # unique post ids, not in posting order
        elif o[0] == "feed":
            if o[2] is None:
                f.feed(o[1])
            else:
                f.feed(o[1], o[2])
        else:
            getattr(f, o[0])(o[1], o[2])


@prop(st.lists(op, max_size=60), max_examples=300)
def matches_reference(p, ops):
    """Any sequence: a feed holds the user's own posts and their current followees' posts, newest first,
    ties by post_id descending, at most `limit` (default 10); follow/unfollow of oneself does nothing;
    unfollowing someone not followed does nothing; an unknown user's feed is []."""
    f = p.new("FeedService")
    record(f, ops)
    for user in (1, 2, 3, 4, 9):
        f.feed(user, 100)


@prop(st.lists(st.tuples(st.integers(0, 30), st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)),
               max_size=30), st.integers(0, 40), max_examples=150)
def float_timestamps_and_limits(p, posts, limit):
    """Float and negative timestamps, posts not in time order, limits from 0 past the number of posts."""
    f = p.new("FeedService")
    for k, (author, ts) in enumerate(posts):
        f.post(author % 3, 1000 - k * 37 % 1000, ts)
    f.follow(0, 1)
    f.follow(0, 2)
    f.feed(0, limit)
    f.feed(1, limit)
    f.unfollow(0, 1)
    f.feed(0, limit)
    f.feed(0)


@prop(st.just(None), max_examples=1)
def edge_cases(p, _):
    """Following oneself, following twice, unfollowing twice or someone never followed, limit 0, a
    user who follows people but never posts, and a user nobody knows."""
    f = p.new("FeedService")
    f.feed(1)
    f.feed(1, 0)
    f.follow(1, 1)
    f.feed(1)
    f.post(1, 10, 5)
    f.post(1, 11, 5)
    f.post(2, 12, 5)
    f.post(2, 9, 7)
    f.follow(1, 1)
    f.feed(1)
    f.unfollow(1, 1)
    f.feed(1)
    f.follow(3, 2)
    f.follow(3, 2)
    f.feed(3)
    f.unfollow(3, 2)
    f.unfollow(3, 2)
    f.unfollow(3, 4)
    f.unfollow(7, 1)
    f.feed(3)
    f.feed(7)
    f.follow(1, 2)
    f.feed(1, 0)
    f.feed(1, 1)
    f.feed(1, 3)
    f.feed(1)
    for i in range(12):
        f.post(4, 100 + i, i // 3)
    f.follow(1, 4)
    f.feed(1)
    f.feed(1, 11)
    f.feed(4, 20)


@scaling(ratio=8)
def merge_not_sort(p, rng):
    """100,000 posts by 10,100 users (inside the sandbox), then 10 feeds of a user following all of them
    and 300 feeds of a user following the 100 most active posters: a k-way merge needs
    O(followees + limit * log followees) per feed, sorting every followee's posts is far slower."""
    f = p.new("FeedService")
    p.helper("build", f, rng.randrange(1 << 30))
    for _ in range(10):
        f.feed(-1)
    for k in range(300):
        f.feed(-2, 5 + k % 20)
