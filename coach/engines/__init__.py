"""Engines: offline (scripted, the default) and OpenAI-compatible (LangChain)."""
