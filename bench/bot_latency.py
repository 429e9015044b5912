"""Bot latency benchmark: the real bot (``digestbot run``) against the fake Bot API and a local
article server, on SQLite.

    python bench/bot_latency.py [--new 10] [--stored 30] [--busy-links 50] [--crowd 100]

Prints:
- link-to-digest latency (user message → placeholder edited into the digest), median and p95,
  for new articles (fetch + extract + analyse + store) and for stored ones (from storage);
- p99 latency of /help (command → reply) while --busy-links new links are being digested
  (target under 200 ms);
- fetches (counted at the article server) and analyses (revisions stored) when --crowd chats
  send the same new link at once (target 1 and 1).

Every new article is the realistic test page under its own canonical URL, so each one is
analysed for real. Each link comes from its own chat, so the per-chat flood limit never applies.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage import repository  # noqa: E402
from tests.article_server import ArticleServer  # noqa: E402
from tests.bot_harness import BotProcess, in_db  # noqa: E402
from tests.fake_telegram import FakeTelegram, Message  # noqa: E402

PAGE = (ROOT / "tests" / "data" / "crocus-city-hall.html").read_bytes()
CANONICAL = b'<link rel="canonical" href="/world/usa-russia-crocus-attack/">'
TIMEOUT = 300.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


class Bench:
    def __init__(self, workers: int) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="digestbot-bench-"))
        self.db_url = f"sqlite+aiosqlite:///{self.dir / 'bench.sqlite'}"
        self.fake = FakeTelegram().start()
        self.articles = ArticleServer().start()
        self.bot = BotProcess(
            self.fake,
            self.db_url,
            self.dir / "bot.log",
            env={"DIGESTBOT_WORKERS": str(workers), "DIGESTBOT_LOG_LEVEL": "WARNING"},
        )
        self._next_chat = 100_000
        self._next_page = 0

    def chat(self) -> int:
        self._next_chat += 1
        return self._next_chat

    def new_article(self) -> str:
        """A page never seen: the test article under a canonical URL of its own."""
        self._next_page += 1
        path = f"/news/{self._next_page}"
        return self.articles.add(
            path, PAGE.replace(CANONICAL, f'<link rel="canonical" href="{path}">'.encode())
        )

    def send_link(self, url: str) -> tuple[int, Message]:
        chat = self.chat()
        return chat, self.fake.send_user_message(chat, url)

    def digest_done(self, chat: int, sent: Message) -> float | None:
        """When the placeholder for ``sent`` became a digest (monotonic), None if not yet."""
        for m in self.fake.messages.get(chat, []):
            if m.from_bot and m.message_id > sent.message_id:
                for version in m.history[1:]:
                    if version.text and "Key facts" in version.text:
                        return version.time
        return None

    def wait_digests(self, sent: list[tuple[int, Message]]) -> list[float]:
        done = self.fake.wait_for(
            lambda: (t := [self.digest_done(c, m) for c, m in sent]) and all(t) and t,
            TIMEOUT,
            "the digests",
        )
        return [end - m.time for end, (_, m) in zip(done, sent, strict=True)]

    def one_by_one(self, urls: list[str]) -> list[float]:
        latencies = []
        for url in urls:
            latencies += self.wait_digests([self.send_link(url)])
        return latencies

    def help_latency(self) -> float:
        chat = self.chat()
        sent = self.fake.send_command(chat, "help")
        reply = self.fake.wait_for_message(chat, after=sent, timeout=30)
        return reply.time - sent.time

    def revisions(self) -> int:
        return in_db(self.db_url, repository.count_rows)["revisions"]

    def stop(self) -> None:
        if self.bot.running:
            self.bot.stop()
        self.fake.stop()
        self.articles.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--new", type=int, default=10, help="new articles, one at a time")
    parser.add_argument("--stored", type=int, default=30, help="stored articles, one at a time")
    parser.add_argument("--busy-links", type=int, default=50, help="links in flight during /help")
    parser.add_argument("--crowd", type=int, default=100, help="chats sending one link at once")
    parser.add_argument("--workers", type=int, default=1, help="DIGESTBOT_WORKERS")
    args = parser.parse_args()

    bench = Bench(args.workers)
    try:
        started = time.monotonic()
        bench.bot.start()
        print(f"bot started in {time.monotonic() - started:.1f} s (workers={args.workers})")
        bench.one_by_one([bench.new_article()])  # warm-up: the first analysis in the worker

        new = bench.one_by_one([bench.new_article() for _ in range(args.new)])
        print(
            f"new article:    median {ms(statistics.median(new))}, "
            f"p95 {ms(percentile(new, 95))}  (n={len(new)})"
        )
        stored_urls = [bench.articles.url(f"/news/{1 + i % args.new}") for i in range(args.stored)]
        stored = bench.one_by_one(stored_urls)
        print(
            f"stored article: median {ms(statistics.median(stored))}, "
            f"p95 {ms(percentile(stored, 95))}  (n={len(stored)})"
        )

        busy = [bench.send_link(bench.new_article()) for _ in range(args.busy_links)]
        helps: list[float] = []
        finished = threading.Event()

        def watch() -> None:
            bench.wait_digests(busy)
            finished.set()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        burst = time.monotonic()
        slow: list[str] = []
        while not finished.is_set() or len(helps) < 20:
            at = time.monotonic() - burst
            helps.append(bench.help_latency())
            if helps[-1] > 0.2:
                slow.append(f"{ms(helps[-1])} at +{at:.1f} s")
            time.sleep(0.05)
        busy_seconds = max(bench.digest_done(c, m) or 0 for c, m in busy) - min(
            m.time for _, m in busy
        )
        print(
            f"/help while {args.busy_links} links are digested ({busy_seconds:.1f} s): "
            f"p99 {ms(percentile(helps, 99))}, median {ms(statistics.median(helps))}, "
            f"max {ms(max(helps))}  (n={len(helps)}; target p99 < 200 ms)"
        )
        if slow:
            print(f"  slow /help replies: {', '.join(slow)}")

        url = bench.new_article()
        path = url.split(str(bench.articles.port), 1)[1]
        before = bench.revisions()
        crowd = [bench.send_link(url) for _ in range(args.crowd)]
        crowd_latency = bench.wait_digests(crowd)
        print(
            f"{args.crowd} chats, same new link at once: "
            f"{bench.articles.fetch_count(path)} fetch(es), "
            f"{bench.revisions() - before} analysis(es) (target 1 and 1); "
            f"all {len(crowd_latency)} digests within {max(crowd_latency):.1f} s"
        )
    finally:
        bench.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
