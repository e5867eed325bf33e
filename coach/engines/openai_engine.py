"""The model engine: a LangChain chat model plays the client and judges drafts.

`ChatOpenAI` reaches any server speaking the Chat Completions API (OpenAI, Azure OpenAI's v1
endpoint, Ollama, vLLM, llama.cpp); other providers' models come through `init_chat_model`
(`COACH_MODEL=provider:model`, see coach/engines/providers.py). Three promises shape this
module:
- the user's text only ever travels as user-role content inside <draft> tags, and the system
  prompt tells the client to stay in character whatever a draft says;
- no request carries more than `coach_max_prompt_tokens` prompt tokens (counted with
  tiktoken): the system prompt and the newest turns are kept, older turns are replaced by a
  one-line deterministic note;
- any failure of the endpoint (timeout, refused connection, 429 beyond a bounded wait, 5xx,
  unusable output, a turn over `coach_turn_deadline_s`, a reply over `coach_max_reply_chars`)
  completes the turn with the offline engine and says so in a notice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, SecretStr

from coach.checking.checker import Review
from coach.checking.rewrite import verify
from coach.engines.base import (
    ClientReply,
    Coaching,
    Engine,
    ReplyContext,
    TokenSink,
    Usage,
)
from coach.engines.client_prompt import (
    SYSTEM_SHARE,
    FittedPrompt,
    client_prompt,
    count_tokens,
    fit_draft,
    role_of,
)
from coach.engines.providers import provider_chat_model, structured_judge
from coach.engines.request_limits import (
    DeadlinePassed,
    ReplyTooLarge,
    bounded_http_client,
    check_deadline,
    seconds_left,
    turn_deadline,
)
from coach.judge import (
    JudgeRewrite,
    JudgeVerdicts,
    RuleJudgement,
    draft_message,
    judge_systems,
    merge,
    parse_rewrite,
    parse_verdicts,
    response_format,
    rewrite_systems,
)
from coach.scenarios.schema import Difficulty, Scenario
from coach.settings import OPENAI_COMPATIBLE, Settings
from coach.tokens import TOKENS_PER_REPLY, counter_for
from coach.types import Record
from coach.validation import plain_text

log = logging.getLogger(__name__)
T = TypeVar("T")

CLIENT_MAX_COMPLETION_TOKENS = 300
VERDICT_MAX_COMPLETION_TOKENS = 400  # six short verdicts with quotes
REWRITE_MAX_COMPLETION_TOKENS = 1000
RETRY_AFTER_CAP_S = 20.0  # a longer Retry-After falls back at once rather than stall the user
BACKOFF_S = 1.0  # wait before retrying a 429/5xx that gave no Retry-After (doubles per try)
WIRE_BYTES_PER_CHAR = 100  # a streamed token costs ~200 bytes of SSE framing
NO_KEY = "not-needed"  # local servers (Ollama, llama.cpp) ignore the key but the client wants one


class EmptyReply(ValueError):
    """The model answered with no text."""


class BudgetTooSmall(RuntimeError):
    """Even the instructions alone would not fit in `coach_max_prompt_tokens`."""


def chat_model(settings: Settings, temperature: float, max_tokens: int) -> BaseChatModel:
    """A `ChatOpenAI` for the configured endpoint (retries are ours, not the client's), or
    the chat model of the provider COACH_MODEL names."""
    if settings.model_provider() != OPENAI_COMPATIBLE:
        return provider_chat_model(settings, temperature, max_tokens)
    return ChatOpenAI(
        model=settings.model_name(),
        api_key=settings.openai_api_key or SecretStr(NO_KEY),
        base_url=settings.openai_base_url,
        temperature=temperature,
        timeout=settings.coach_timeout_s,
        max_retries=0,
        max_tokens=max_tokens,
        stream_usage=True,
        use_responses_api=False,
        http_client=bounded_http_client(settings.coach_max_reply_chars * WIRE_BYTES_PER_CHAR),
    )


def retry_delay(exc: openai.APIStatusError, attempt: int) -> float | None:
    """Seconds to wait before retrying, from Retry-After(-ms) or a backoff; None = too long."""
    headers = exc.response.headers
    delay = BACKOFF_S * 2**attempt
    try:
        if "retry-after-ms" in headers:
            delay = float(headers["retry-after-ms"]) / 1000
        elif "retry-after" in headers:
            value = headers["retry-after"]
            try:
                delay = float(value)
            except ValueError:
                delay = parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        pass  # an unreadable header: keep the backoff
    delay = max(0.0, delay)
    return delay if delay <= RETRY_AFTER_CAP_S else None


def describe_fault(exc: BaseException, settings: Settings, stand_in: str) -> str:
    """A notice for the user: what went wrong, in words that never include secrets."""
    if isinstance(exc, BudgetTooSmall):
        what = "was not asked: COACH_MAX_PROMPT_TOKENS is too small for the instructions"
    elif isinstance(exc, DeadlinePassed):
        what = f"did not finish within the turn deadline of {settings.coach_turn_deadline_s:g} s"
    elif isinstance(exc, ReplyTooLarge):
        what = f"sent a reply over the {settings.coach_max_reply_chars:,}-character limit"
    elif isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        what = f"did not answer within {settings.coach_timeout_s:g} s"
    elif isinstance(exc, openai.APIConnectionError):
        what = "could not be reached"
    elif isinstance(exc, openai.RateLimitError):
        what = "is rate-limiting requests (HTTP 429)"
    elif isinstance(exc, openai.APIStatusError):
        what = f"returned an error (HTTP {exc.status_code})"
    elif isinstance(exc, ValueError):
        what = "returned output that could not be used"
    else:
        what = f"failed ({type(exc).__name__})"
    return f"The model endpoint {what}; {stand_in} Your text is kept."


def estimate_cost(settings: Settings, prompt: int, completion: int) -> float | None:
    """US dollars for one call, when a price is configured."""
    p_in, p_out = settings.coach_price_input_per_1k, settings.coach_price_output_per_1k
    if p_in is None and p_out is None:
        return None
    return (prompt * (p_in or 0.0) + completion * (p_out or 0.0)) / 1000


class _Attempts:
    """Counts requests so failed ones still show in the usage."""

    def __init__(self) -> None:
        self.n = 0


@dataclass
class Judged:
    """The outcome of one verdict request: the verdicts, or the fault that left none."""

    verdicts: list[RuleJudgement] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    fault: Exception | None = None


class OpenAIEngine:
    """Client role-play and LLM judge over an OpenAI-compatible endpoint or another
    provider's chat model, with a fallback. Named after the provider ("openai" for any
    OpenAI-compatible endpoint), so notices and the settings panel say who answers."""

    def __init__(
        self,
        settings: Settings,
        fallback: Engine,
        *,
        client_model: BaseChatModel | None = None,
        judge_model: BaseChatModel | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.fallback = fallback
        self.name = settings.model_provider()
        self.counter = counter_for(settings.model_name())
        self._client = client_model or chat_model(
            settings, settings.coach_temperature, CLIENT_MAX_COMPLETION_TOKENS
        )
        self._verdicts = self._structured(
            judge_model or chat_model(settings, 0.0, VERDICT_MAX_COMPLETION_TOKENS), JudgeVerdicts
        )
        self._rewriter = self._structured(
            judge_model or chat_model(settings, 0.0, REWRITE_MAX_COMPLETION_TOKENS), JudgeRewrite
        )
        self._sleep = sleep

    def opening(self, scenario: Scenario, difficulty: Difficulty) -> ClientReply:
        """The opening line is scripted in the scenario file, so no request is spent on it."""
        return self.fallback.opening(scenario, difficulty)

    def client_reply(self, ctx: ReplyContext, on_token: TokenSink | None = None) -> ClientReply:
        fitted = client_prompt(ctx, self.counter, self.settings.coach_max_prompt_tokens)
        attempts = _Attempts()
        try:
            with turn_deadline(self.settings.coach_turn_deadline_s):
                text, message = self._with_retries(lambda: self._stream(fitted, on_token), attempts)
        except Exception as exc:  # any endpoint failure: the offline engine completes the turn
            log.warning("client reply failed: %s", type(exc).__name__)
            reply = self.fallback.client_reply(ctx, on_token)
            stand_in = "the offline client answered this turn instead."
            reply.notices.insert(0, describe_fault(exc, self.settings, stand_in))
            reply.usage.add(Usage(requests=attempts.n))
            return reply
        notices = []
        if fitted.draft_shortened:
            notices.append("Your message was shortened for the model; your full text is kept.")
        return ClientReply(
            text=text,
            accepted=fitted.may_accept,
            usage=self._usage(fitted.prompt_tokens, text, message, attempts.n),
            notices=notices,
            engine=self.name,
        )

    def coach(
        self,
        draft: str,
        review: Review,
        scenario: Scenario | None,
        record: Record | None = None,
        wanted: tuple[str, ...] | None = None,
    ) -> Coaching:
        """The judge's verdicts, then (only when something needs fixing) the model's rewrite,
        verified like the offline one: two requests at most, one for a draft that needs
        nothing. The offline coaching when the verdicts fail, the offline rewrite when the
        rewrite does; the verdicts are kept either way."""
        offline = self.fallback.coach(draft, review, scenario, record, wanted)
        with turn_deadline(self.settings.coach_turn_deadline_s):
            judged = self._judge(draft)
            if judged.fault is not None:
                stand_in = "the offline coach's advice is shown instead."
                notices = [*offline.notices, describe_fault(judged.fault, self.settings, stand_in)]
                return replace(offline, notices=notices, usage=judged.usage)
            merged = merge(review, judged.verdicts)
            usage, notices = judged.usage, [*judged.notices, *merged.notices]
            rewrite, to_fix = "", merged.to_fix(review, wanted)
            if to_fix:
                rewrite = self._rewrite(draft, review, scenario, record, to_fix, usage, notices)
        return Coaching(
            review=review,
            rewrite=rewrite or offline.rewrite,
            judge=merged.verdicts,
            disagreements=merged.disagreements,
            notices=notices,
            usage=usage,
            suggestions=offline.suggestions,
        )

    def judge(self, draft: str) -> Judged:
        """The judge's verdicts on one draft, without a rewrite (what `coach eval` scores)."""
        with turn_deadline(self.settings.coach_turn_deadline_s):
            return self._judge(draft)

    def _judge(self, draft: str) -> Judged:
        attempts = _Attempts()
        try:
            messages = self._prompt(judge_systems(), draft)
            text, message = self._ask(self._verdicts, messages, attempts)
            verdicts, notices = parse_verdicts(text)
        except Exception as exc:  # any judge failure: the caller decides what stands in
            log.warning("judge failed: %s", type(exc).__name__)
            return Judged(usage=Usage(requests=attempts.n), fault=exc)
        usage = self._usage(count_tokens(self.counter, messages), text, message, attempts.n)
        return Judged(verdicts, notices, usage)

    def _rewrite(
        self,
        draft: str,
        review: Review,
        scenario: Scenario | None,
        record: Record | None,
        to_fix: list[str],
        usage: Usage,
        notices: list[str],
    ) -> str:
        """The model's rewrite if it verifies, else "" (the offline one stands); its
        request's usage and any notice are added to the turn's `usage` and `notices`."""
        attempts = _Attempts()
        try:
            messages = self._prompt(rewrite_systems(scenario, to_fix), draft)
            text, message = self._ask(self._rewriter, messages, attempts)
            proposed = parse_rewrite(text)
        except Exception as exc:  # the verdicts stand; only the rewrite is offline
            log.warning("rewrite failed: %s", type(exc).__name__)
            usage.add(Usage(requests=attempts.n))
            stand_in = "the offline rewrite is shown instead."
            notices.append(describe_fault(exc, self.settings, stand_in))
            return ""
        usage.add(self._usage(count_tokens(self.counter, messages), text, message, attempts.n))
        checked = verify(draft, proposed, review.mode, record=record)
        if checked.verified:
            return checked.text
        notices.append(
            "The model's rewrite was not used ("
            + "; ".join(checked.problems)
            + "); the offline rewrite is shown."
        )
        return ""

    def _structured(
        self, model: BaseChatModel, schema: type[BaseModel]
    ) -> Runnable[Any, BaseMessage]:
        """A judge request held to `schema`: OpenAI's json_schema response format, or the
        provider's own structured output."""
        if self.name == OPENAI_COMPATIBLE:
            return model.bind(response_format=response_format(schema))
        return structured_judge(model, schema)

    def _ask(
        self, runnable: Runnable[Any, BaseMessage], messages: list[BaseMessage], attempts: _Attempts
    ) -> tuple[str, BaseMessage]:
        message = self._with_retries(lambda: runnable.invoke(messages), attempts)
        return self._bounded(str(message.content)), message

    def _prompt(self, systems: Iterable[SystemMessage], draft: str) -> list[BaseMessage]:
        """The first of `systems` that fits its share of the budget, and the draft in the
        room left (shortened if it must be)."""
        limit = int(self.settings.coach_max_prompt_tokens * SYSTEM_SHARE)
        system = next((s for s in systems if self._tokens(s) <= limit), None)
        if system is None:
            raise BudgetTooSmall("the judge's instructions do not fit the token budget")
        room = self.settings.coach_max_prompt_tokens - TOKENS_PER_REPLY - self._tokens(system)

        def render(text: str) -> str:
            return str(draft_message(text).content)

        return [system, HumanMessage(render(fit_draft(self.counter, render, draft, room)))]

    def _tokens(self, message: BaseMessage) -> int:
        return self.counter.count_message(role_of(message), str(message.content))

    def _stream(self, fitted: FittedPrompt, on_token: TokenSink | None) -> tuple[str, AIMessage]:
        parts: list[str] = []
        length = 0
        whole: AIMessageChunk | None = None
        for chunk in self._client.stream(fitted.messages):
            if not isinstance(chunk, AIMessageChunk):
                continue
            piece = plain_text(str(chunk.text))
            if piece:
                parts.append(piece)
                length += len(piece)
                if length > self.settings.coach_max_reply_chars:
                    raise ReplyTooLarge("the streamed reply went over the limit")
                check_deadline()
                if on_token is not None:
                    on_token(piece)
            whole = chunk if whole is None else whole + chunk
        text = "".join(parts).strip()
        if not text or whole is None:
            raise EmptyReply("the model sent no text")
        return text, AIMessage(text, usage_metadata=whole.usage_metadata)

    def _bounded(self, text: str) -> str:
        if len(text) > self.settings.coach_max_reply_chars:
            raise ReplyTooLarge(f"the reply went over {self.settings.coach_max_reply_chars:,}")
        return text

    def _with_retries(self, call: Callable[[], T], attempts: _Attempts) -> T:
        """Retry 429 and 5xx a bounded number of times, honouring Retry-After, never past
        the turn's deadline.

        Why not the client's own retries or `with_retry`/`with_fallbacks`: this loop caps a
        long Retry-After (falling back at once instead of stalling the user), stops at the
        turn deadline, and counts attempts for the usage line; and the offline stand-in must
        say why it stood in (the notice names the fault), which a fallback chain hides."""
        while True:
            attempts.n += 1
            try:
                return call()
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                delay = retry_delay(exc, attempts.n - 1)
                if delay is None or attempts.n > self.settings.coach_max_retries:
                    raise
                left = seconds_left()
                if left is not None and delay >= left:
                    raise DeadlinePassed("no time left to retry") from exc
                self._sleep(delay)

    def _usage(self, counted: int, text: str, message: BaseMessage, requests: int) -> Usage:
        """Model-reported usage when given, else our tiktoken counts (maybe approximate)."""
        reported = getattr(message, "usage_metadata", None)
        if reported:
            prompt, completion = reported["input_tokens"], reported["output_tokens"]
            approximate = False
        else:
            prompt, completion = counted, self.counter.count(text)
            approximate = self.counter.approximate
        return Usage(
            requests=requests,
            prompt_tokens=prompt,
            completion_tokens=completion,
            largest_prompt_tokens=prompt,
            approximate=approximate,
            cost_usd=estimate_cost(self.settings, prompt, completion),
        )
