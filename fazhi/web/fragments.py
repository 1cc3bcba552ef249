"""Page bodies kept rendered, as UTF-8, until the corpus changes.

Why: on a large corpus the data of the review and compare pages is already kept (fazhi.web.review,
fazhi.web.comparison), and what remained of a request's CPU was mostly Jinja walking the same
findings, figures, forms and table rows for every colleague who opened the page — at 20 users
sending back to back, the template was half of what a reader process did — and then encoding the
same 100 KB of Chinese text to UTF-8 again. The `main` block of such a page depends only on the
corpus (its version keys the entry) and on a few request values (in the key: the search words,
whether the user may review); the header with the user's name is rendered for each request, and
the session's CSRF token, which the body's forms carry, is put in at the end.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

MAX_KEPT_BYTES = 64 * 2 ** 20  # bodies kept, the least recently asked for dropped first (a review page: ~100 KB)
# stand for the session's CSRF token in a kept body, and for the body in the page around it; random,
# so that no report's text can contain them
CSRF_SLOT = "csrf-" + secrets.token_hex(16)
MAIN_SLOT = "main-" + secrets.token_hex(16)
_KEPT: "OrderedDict[Hashable, tuple[bytes, ...]]" = OrderedDict()
_SIZE = 0
_LOCK = threading.Lock()


def kept_main(env: Environment, template: str, key: Hashable, context: Callable[[], dict[str, Any]] | None,
              csrf: str) -> bytes | None:
    """The `main` block of `template` as UTF-8, rendered from `context()` once per `key` and kept, with
    this request's `csrf` in its forms. `context` is called only on a miss, with the CSRF token left to
    this function: the block may use nothing that is not in the key. Without `context`, None on a miss
    (the event loop asks first, and leaves a miss to a thread)."""
    global _SIZE
    with _LOCK:
        parts = _KEPT.get(key)
        if parts is not None:
            _KEPT.move_to_end(key)
    if parts is None:
        if context is None:
            return None
        tpl = env.get_template(template)
        body = "".join(tpl.blocks["main"](tpl.new_context({**context(), "csrf": CSRF_SLOT})))
        parts = tuple(body.encode("utf-8").split(CSRF_SLOT.encode()))
        with _LOCK:
            if key not in _KEPT:
                _KEPT[key] = parts
                _SIZE += sum(map(len, parts))
            while _SIZE > MAX_KEPT_BYTES and len(_KEPT) > 1:
                _SIZE -= sum(map(len, _KEPT.popitem(last=False)[1]))
    return str(escape(csrf)).encode().join(parts)


def around(env: Environment, template: str, main: bytes, context: dict[str, Any]) -> bytes:
    """The whole page as UTF-8: `template`'s title, head and scripts blocks and the site's header
    (`_kept.html` over base.html), rendered from `context`, around the kept body `main`."""
    html = env.get_template("_kept.html").render({**context, "page": template, "main_html": Markup(MAIN_SLOT)})
    head, _, tail = html.partition(MAIN_SLOT)
    return b"".join((head.encode("utf-8"), main, tail.encode("utf-8")))
