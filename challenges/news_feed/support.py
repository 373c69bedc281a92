"""Runs on both sides: builds a large social graph inside the sandbox (one call instead of 10^5 wire
round trips), so the scaling check times the feed queries."""


def build(service, seed):
    """100 celebrities (users 0-99) with 900 posts each and 10,000 other users (100-10099) with one post
    each: 100,000 posts with pseudo-random timestamps (many ties). User -1 follows all 10,100 users,
    user -2 follows the 100 celebrities. Returns None."""
    x = seed
    post_id = 0
    for celebrity in range(100):
        for _ in range(900):
            x = (x * 1103515245 + 12345) % 2147483648
            service.post(celebrity, post_id, x % 50_000)
            post_id += 1
    for user in range(100, 10_100):
        x = (x * 1103515245 + 12345) % 2147483648
        service.post(user, post_id, x % 50_000)
        post_id += 1
    for user in range(10_100):
        service.follow(-1, user)
    for celebrity in range(100):
        service.follow(-2, celebrity)
