# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every image and link of an HTML page resolves to a file beside it.

Usage: links.py PAGE.html  prints the number of images (img src) and links (a href) and
exits 1, naming them, when any points to a file that does not exist (relative to the
page); absolute URLs and fragments are not followed.
"""
import os
import sys
from html.parser import HTMLParser


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.img, self.href = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and a.get("src"):
            self.img.append(a["src"])
        if tag == "a" and a.get("href"):
            self.href.append(a["href"])


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: links.py PAGE.html")
    page = sys.argv[1]
    r = Refs()
    r.feed(open(page, encoding="utf-8").read())
    local = [u for u in r.img + r.href if "://" not in u and not u.startswith("#")]
    missing = [u for u in local if not os.path.exists(os.path.join(os.path.dirname(page), u))]
    print("images %d links %d" % (len(r.img), len(r.href)))
    if missing:
        print("missing: " + " ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    main()
