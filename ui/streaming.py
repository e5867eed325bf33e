"""Bridge from an engine's `on_token` callback to `st.write_stream`'s generator.

The engine call runs in a worker thread (it touches no Streamlit API) and pushes tokens
into a queue the page's generator drains, so tokens appear as the model produces them.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_DONE = object()


class TokenStream(Generic[T]):
    """Run `call(on_token)` in the background; iterate to get its tokens as they come.

    After iteration, `result` holds the call's return value; an exception from the call
    is raised again from the iteration, in the page's thread. If the call produced no
    tokens (an engine that does not stream), its text is yielded word by word by `text_of`.
    """

    def __init__(
        self, call: Callable[[Callable[[str], None]], T], text_of: Callable[[T], str]
    ) -> None:
        self._call = call
        self._text_of = text_of
        self._queue: queue.Queue[object] = queue.Queue()
        self._error: BaseException | None = None
        self._result: T | None = None

    @property
    def result(self) -> T:
        if self._result is None:
            raise RuntimeError("the stream has not finished")
        return self._result

    def __iter__(self) -> Iterator[str]:
        worker = threading.Thread(target=self._work, daemon=True)
        worker.start()
        streamed = False
        while (item := self._queue.get()) is not _DONE:
            streamed = True
            yield str(item)
        worker.join()
        if self._error is not None:
            raise self._error
        if not streamed:
            yield from _words(self._text_of(self.result))

    def _work(self) -> None:
        try:
            self._result = self._call(self._queue.put)
        except BaseException as exc:
            self._error = exc
        finally:
            self._queue.put(_DONE)


def _words(text: str) -> Iterator[str]:
    for i, word in enumerate(text.split(" ")):
        yield word if i == 0 else " " + word
