"""The Telegram layer: translates updates into core calls and core results into messages."""
