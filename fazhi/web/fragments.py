"""Page bodies kept rendered until the corpus changes.

Why: on a large corpus the data of the review and compare pages is already kept (fazhi.web.review,
fazhi.web.comparison), and what remained of a request's CPU was mostly Jinja walking the same
findings, figures, forms and table rows for every colleague who opened the page — at 20 users
sending back to back, the template was half of what a reader process did. The `main` block of such
a page depends only on the corpus (its version keys the entry) and on a few request values (in the
key: the search words, whether the user may review); the header with the user's name is rendered
for each request, and the session's CSRF token, which the body's forms carry, is put in at the end.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

MAX_KEPT = 256  # bodies kept (a review page is some 100 KB at most: the marked text is most of it)
# stands for the session's CSRF token in a kept body; random, so that no report's text can contain it
CSRF_SLOT = "csrf-" + secrets.token_hex(16)
_KEPT: "OrderedDict[Hashable, str]" = OrderedDict()
_LOCK = threading.Lock()


def kept_main(env: Environment, template: str, key: Hashable, context: Callable[[], dict[str, Any]] | None,
              csrf: str) -> Markup | None:
    """The `main` block of `template`, rendered from `context()` once per `key` and kept (the last
    MAX_KEPT), with this request's `csrf` in its forms. `context` is called only on a miss, with
    the CSRF token left to this function: the block may use nothing that is not in the key.
    Without `context`, None on a miss (the event loop asks first, and leaves a miss to a thread)."""
    with _LOCK:
        body = _KEPT.get(key)
        if body is not None:
            _KEPT.move_to_end(key)
    if body is None:
        if context is None:
            return None
        tpl = env.get_template(template)
        body = "".join(tpl.blocks["main"](tpl.new_context({**context(), "csrf": CSRF_SLOT})))
        with _LOCK:
            _KEPT[key] = body
            while len(_KEPT) > MAX_KEPT:
                _KEPT.popitem(last=False)
    return Markup(body.replace(CSRF_SLOT, str(escape(csrf))))
