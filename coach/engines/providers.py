"""Chat models of other providers (`COACH_MODEL=provider:model`) through LangChain's
`init_chat_model`, so Anthropic, Gemini, Ollama, Mistral or Bedrock play the client and
judge with the same prompts, token budget and offline fallback as an OpenAI-compatible
endpoint. Each provider's package is an optional extra; a missing one is one clear line.
"""

from __future__ import annotations

import json
import math
from typing import Any

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel, ValidationError

from coach.settings import PROVIDER_EXTRAS, ModelSetupError, Settings


def provider_chat_model(settings: Settings, temperature: float, max_tokens: int) -> BaseChatModel:
    """The provider's chat model for COACH_MODEL; `ModelSetupError` (one line, no secrets)
    when its package is missing or it refuses the settings, never a traceback."""
    provider = settings.model_provider()
    try:
        return init_chat_model(
            settings.model_name(),
            model_provider=provider,
            **_limits(provider, settings, temperature, max_tokens),
        )
    except ImportError as exc:
        extra = PROVIDER_EXTRAS[provider]
        raise ModelSetupError(
            f'COACH_MODEL={settings.coach_model} needs the "{extra}" extra: '
            f"pip install 'client-exit-coach[{extra}]'"
        ) from exc
    except ValueError as exc:  # pydantic's ValidationError too: a missing key, a bad region
        raise ModelSetupError(
            f"COACH_MODEL={settings.coach_model} could not be set up: {_reason(exc)}"
        ) from exc


def _limits(
    provider: str, settings: Settings, temperature: float, max_tokens: int
) -> dict[str, Any]:
    """The OpenAI path's limits in each provider's own words. Retries are left to the
    provider's client: the engine's own retry loop only knows OpenAI's errors."""
    if provider == "ollama":  # ChatOllama has no max_tokens/timeout fields and drops them
        return {
            "temperature": temperature,
            "num_predict": max_tokens,
            "client_kwargs": {"timeout": settings.coach_timeout_s},
        }
    return {
        "temperature": temperature,
        "max_tokens": max_tokens,
        "timeout": math.ceil(settings.coach_timeout_s),  # some providers take whole seconds
        "max_retries": settings.coach_max_retries,
    }


def _reason(exc: ValueError) -> str:
    """The first line of a setup error; for pydantic, the field and message without the
    input value, which could be a key."""
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']}" if where else first["msg"]
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def structured_judge(model: BaseChatModel, schema: type[BaseModel]) -> Runnable[Any, BaseMessage]:
    """A judge request for a provider without OpenAI's `response_format`: its own
    structured output (tool calling or JSON mode) held to `schema`, turned back into a
    message whose content is the JSON `coach.judge` parses. A model with neither is asked
    as it is and its text parsed the same way."""
    try:
        structured = model.with_structured_output(schema, include_raw=True)
    except NotImplementedError:
        return model
    return structured | RunnableLambda(_as_json_message)


def _as_json_message(result: dict[str, Any] | BaseModel) -> AIMessage:
    """The parsed answer (`include_raw` gives {"raw", "parsed", "parsing_error"}) as JSON
    text, with the raw reply's usage for the token counts. An answer the schema refused (a
    verdict on a rule that does not exist) is passed on as the model sent it, so the
    judge's own parser drops only the bad verdict."""
    if not isinstance(result, dict) or not isinstance(result.get("raw"), AIMessage):
        raise ValueError("the judge's structured output could not be parsed")
    raw, parsed = result["raw"], result.get("parsed")
    if isinstance(parsed, BaseModel):
        content = parsed.model_dump_json()
    elif raw.tool_calls:
        content = json.dumps(raw.tool_calls[0]["args"])
    else:
        content = str(raw.content)
    return AIMessage(content, usage_metadata=raw.usage_metadata)
