"""A faithful Telegram Bot API double for end-to-end tests.

``BotApiDouble`` serves :class:`bot.telegram.localapi.LocalBotApi` over HTTP on 127.0.0.1;
python-telegram-bot reaches it through ``base_url=double.base_url``. In a test::

    camille = double.user(1001, "Camille", language_code="fr")
    await camille.send("/start")                      # or chat=double.group(-1001, "Org X")
    [welcome] = await camille.wait_reply()            # the bot's next message(s) to that chat
    welcome.text, welcome.entities, welcome.source, welcome.button_texts, welcome.history
    query = await camille.press(welcome, "Plus tard")  # button text or callback data
    answer = await camille.wait_answer(query)          # answerCallbackQuery (text, show_alert)
    await double.wait_for(lambda: "Merci" in welcome.text)   # edits update messages in place
    await camille.reply(welcome, "texte"); await camille.inline("indicateur 4")
    double.messages(chat_id), double.documents(chat_id), double.commands("fr")
    double.callback_answers, double.inline_answers, double.calls_to("sendMessage")
    double.fail_next("sendMessage", status=429, retry_after=3, times=2)   # also 400/403/5xx
    double.delay_next("sendMessage", 1.0); double.limit_rate("sendMessage", per_second=30)
    camille.block()  # later sends get 403 "Forbidden: bot was blocked by the user"
"""

from tests.botapi.fake_user import FakeUser
from tests.botapi.server import TEST_TOKEN, BotApiDouble, RecordedCall

__all__ = ["TEST_TOKEN", "BotApiDouble", "FakeUser", "RecordedCall"]
