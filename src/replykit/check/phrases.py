"""The phrase lists behind ``replykit check``, as data: one regular expression per entry.

Patterns are matched case-insensitively against one line at a time. Russian stems
are written to cover the endings (``благодар`` finds «благодарим», «благодарны»).
The advice behind them is in shared/design/playbooks.md (rules per playbook).
"""

from __future__ import annotations

# Words that show a step is present in a hand-written reply, per step id and language.
# A required step without an entry here cannot be checked in plain text and is skipped.
STEP_PATTERNS: dict[str, dict[str, str]] = {
    "greeting": {
        "ru": r"^\s*([\w -]+,\s*)?"
        r"(уважаем|здравствуй|добрый (день|вечер)|доброе утро|приветствуем)",
        "en": r"^\s*(dear|hello|hi|good (morning|afternoon|evening)|greetings)\b",
    },
    "receipt": {
        "ru": r"получил|зарегистрир|поступил|дошл[оа]|принял",
        "en": r"\breceived\b|\bregistered\b|reached us|\blogged\b",
    },
    "thanks": {
        "ru": r"спасибо|благодар",
        "en": r"\bthank|\bgrateful\b|\bappreciate",
    },
    "empathy": {
        "ru": r"понима|понятн|вправе|сочувств|разделяем|представля|неприятн|"
        r"ваше (разочарование|возмущение|беспокойство)",
        "en": r"\bunderstand|sorry to hear|frustrat|disappoint|must have been|we hear you"
        r"|can see why|unhappy|\bupset\b|right to be",
    },
    "apology": {
        "ru": r"извин|простите|приносим .*извинени|сожалеем",
        "en": r"\bapolog|\bsorry\b",
    },
    "actions": {
        "ru": r"(сделал|сделаем|отправил|отправим|провер|вернул|вернём|вернем|замен|исправ|передал|"
        r"передадим|устран|доведём|доведем|занимаемся)|будет (сделано|исправлено|отправлено)",
        "en": r"\b(we|I)(\s+(have|will|are|am)|['’](ve|ll|re|m))\b|will be (done|sent|fixed)"
        r"|\blet['’]s\b",
    },
    "follow_up": {
        "ru": r"свяж(емся|усь|итесь)|позвон|напиш(ем|ите|у)|обращайтесь|контакт|убедиться",
        "en": r"get in touch|\bcontact\b|reach (out|me|us)|\bcall\b|write to|follow up"
        r"|check (back|in)|let (us|me) know|\bDM\b|direct message",
    },
    "closing": {
        "ru": r"^\s*(с уважением|с благодарностью|с почтением|искренне ваш"
        r"|с наилучшими пожеланиями|всего (доброго|хорошего))",
        "en": r"^\s*(yours (sincerely|faithfully|truly)|sincerely|(kind|best|warm) regards|regards"
        r"|with (thanks|gratitude)|respectfully)",
    },
    "signature": {
        "ru": r"^\s*(с уважением|директор|руководител|генеральн|по доверенности|подпись)",
        "en": r"^\s*(yours (sincerely|faithfully)|sincerely|director|head of|manager|signed)",
    },
    "invitation": {
        "ru": r"ждём вас|ждем вас|будем рады|рады вам|приходите|снова|в следующий раз|"
        r"двер\w* .*открыт",
        "en": r"\bwelcome\b|see you again|look forward|visit us again|come back|next time"
        r"|next visit|another chance|the chance to",
    },
    "contact": {
        "ru": r"свяж(итесь|емся)|позвон|напиш(ите|ем)|телефон|почт|контакт",
        "en": r"\bcontact\b|\bcall\b|write to|e-?mail|phone|reach (out|me|us)|\bDM\b",
    },
    "open_door": {
        "ru": r"обращайтесь|готовы (ответить|помочь)|вопрос|на связи|пишите|звоните|напишите"
        r"|уточнить",
        "en": r"questions|happy to help|let (us|me) know|get in touch|write to|I am here|"
        r"if you (need|would like|have)",
    },
}

# Phrases the sources advise against, in every playbook (a playbook's rules.avoid adds more).
AVOID: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (
        (r"к сожалению", "Say what you are doing, without «к сожалению»."),
        (r"это не наша вина|мы не виноваты", "Do not argue about blame; say what you will do."),
        (
            r"успокойтесь",
            "Acknowledge the customer's feelings instead of telling them to calm down.",
        ),
        (r"это сложно", "Explain in plain words what you will do and by when."),
        (r"так получилось", "Name the cause in facts and say what has been done."),
        (
            r"приносим извинения за (возможные |доставленные )?неудобства",
            "Apologise for the specific thing that went wrong.",
        ),
    ),
    "en": (
        (r"\bunfortunately\b", "Say what you are doing instead of 'unfortunately'."),
        (
            r"\bnot our fault\b|\bwe are not to blame\b",
            "Do not argue about blame; say what you will do.",
        ),
        (
            r"\bcalm down\b",
            "Acknowledge the customer's feelings instead of asking them to calm down.",
        ),
        (r"\bit'?s complicated\b", "Explain in plain words what you will do and by when."),
        (
            r"\b(we )?apologi[sz]e for any inconvenience\b",
            "Apologise for the specific thing that went wrong.",
        ),
        (r"\bcompany policy\b", "Explain the reason in plain words instead of citing policy."),
    ),
}

# Putting the blame on someone else (a courier, a supplier, the weather, «the system»).
_OTHERS_RU = (
    r"(курьер|поставщик|перевозчик|подрядчик|партн[её]р|служб\w* доставки|почт|банк|склад|"
    r"логист|транспортн\w* компани|погод|систем|сбо[йя])\w*"
)
_OTHERS_EN = (
    r"(courier|supplier|carrier|contractor|partner|delivery (company|partner|service)|post office|"
    r"bank|warehouse|weather|system|vendor|manufacturer)"
)
BLAME: dict[str, tuple[str, ...]] = {
    "ru": (
        rf"виноват\w*\s+(\w+\s+)?{_OTHERS_RU}",
        rf"{_OTHERS_RU}\w*\s+(\w+\s+)?виноват",
        rf"по вине\s+(\w+\s+)?{_OTHERS_RU}",
        rf"вина\s+(\w+\s+)?{_OTHERS_RU}",
        rf"{_OTHERS_RU}\w*\s+(нас\s+)?подв[её]л",
        rf"из-за\s+(\w+\s+)?{_OTHERS_RU}",
        r"это не (мы|к нам)\b",
        r"от нас не завис",
    ),
    "en": (
        rf"\b{_OTHERS_EN}('s|s'|s)?\s+fault\b",
        rf"\bfault of (the |our )?{_OTHERS_EN}",
        rf"\bdue to (the |our |a )?{_OTHERS_EN}",
        rf"\bblame (lies with |is on )?(the |our )?{_OTHERS_EN}",
        rf"\b(the |our )?{_OTHERS_EN}s? (is|are|was|were) to blame\b",
        rf"\b(the |our )?{_OTHERS_EN}s? let (us|you) down\b",
        r"\bbeyond our control\b|\bout of our hands\b",
    ),
}

# Vague time words where a date belongs.
VAGUE_TIME: dict[str, str] = {
    "ru": r"в ближайшее время|в кратчайшие сроки|как можно (скорее|быстрее)|\bскоро\b|на днях|"
    r"в скором времени",
    "en": r"\bsoon\b|\basap\b|as soon as (possible|we can)|shortly|in due course"
    r"|in the near future",
}

_MONTHS_RU = r"(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
_MONTHS_EN = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)"
)
_WEEKDAYS_RU = r"(понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресень)"
_WEEKDAYS_EN = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# A concrete date or deadline, in either language.
DEADLINE = (
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b",
    r"\b\d{4}-\d{1,2}-\d{1,2}\b",
    rf"\b\d{{1,2}}\s+{_MONTHS_RU}",
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTHS_EN}\b",
    rf"\b{_MONTHS_EN}\s+\d{{1,2}}(st|nd|rd|th)?\b",
    r"в течение\s+(\d+|одного|двух|трёх|трех|пяти|десяти|суток|дня|недели|месяца)",
    r"через\s+\d+\s+(рабоч\w+\s+|календарн\w+\s+)?(дн|день|недел|час|месяц)",
    r"\bwithin\s+(\d+|one|two|three|five|ten|a|an)\s+(working |business |calendar )?"
    r"(days?|hours?|weeks?|months?)\b",
    r"\bin\s+\d+\s+(working |business |calendar )?(days?|hours?|weeks?)\b",
    rf"\bдо\s+(конца\s+(дня|недели|месяца)|{_WEEKDAYS_RU})",
    rf"\b(by|on|this|next)\s+(the end of (the )?(day|week|month)|{_WEEKDAYS_EN})\b",
    r"\bзавтра\b|\btomorrow\b|\bсегодня\b|\btoday\b",
)

# A greeting that names nobody.
NAMELESS_GREETING: dict[str, str] = {
    "ru": r"^\s*(здравствуйте|добрый (день|вечер)|доброе утро|приветствуем( вас)?|привет|"
    r"уважаем\w+ (клиент|покупател|пациент|заказчик|пользовател)\w*|уважаем\w+ господа)"
    r"\s*[!,.]*\s*$",
    "en": r"^\s*((hello|hi|hey)( there| all| everyone)?|greetings|good (morning|afternoon|evening)|"
    r"dear (customer|client|patient|user|valued customer|sir or madam|sir/madam|sir|madam|all))"
    r"\s*[!,.]*\s*$",
}

# Slang or jokes where a formal closing belongs (checked in the last lines).
SLANG_CLOSING: dict[str, str] = {
    "ru": r"^\s*(чао|пока|покеда|бай|до связи|целую|обнимаю|удачи|счастливо)\b|"
    r"(хорошего|отличного|удачного) (дня|вечера|настроения)\s*[:;]-?[)D]|\){2,}",
    "en": r"^\s*(cheers|xoxo|ciao|bye|later|ttyl|peace|hugs|take it easy|toodles)\b|"
    r"have a (good|great|nice) (one|day)\s*[:;]-?[)D]",
}
EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764]|(?<![\w\d])[:;]-?[)(DPp](?![\w\d])"

# Leftover placeholders: what a template or a hand-made draft forgot to fill.
PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    (r"\{\{.*?\}\}|\{\{|\}\}", "template syntax {{ }}"),
    (r"\{%.*?%\}|\{%|%\}", "template syntax {% %}"),
    (r"\[[^\]\d\n][^\]\n]{0,40}\]", "a [placeholder] in brackets"),
    (r"(?<![\w@])<[A-Za-zА-Яа-яЁё_][\w .-]{0,30}>", "a <placeholder> in angle brackets"),
    (r"%[A-Za-zА-Яа-яЁё_]{2,30}%", "a %PLACEHOLDER%"),
    (r"\$\{\w+\}", "a ${placeholder}"),
    (r"\b[XxХх]{3,}\b", "XXX"),
    (r"(?<!_)_{3,}", "a blank ___ to fill in"),
    (r"\b(TODO|TBD|FIXME)\b", "a TODO note"),
)

# On a public channel: personal data (warning) and health data (error).
PERSONAL_DATA: tuple[tuple[str, str], ...] = (
    (r"(?<![\w/])\+?\d[\d\s().-]{7,}\d(?![\w/])", "a phone number"),
    (r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b", "an e-mail address"),
    (
        r"(заказ|договор|счёт|счет|обращени|полис|карт)\w*\s*(№|n|#|номер)\s*[\w-]*\d",
        "an order, contract or case number",
    ),
    (
        r"\b(order|contract|invoice|case|ticket|account|policy)\s*(no\.?|number|#)?\s*[A-Z]*\d{3,}",
        "an order, contract or case number",
    ),
    (r"№\s*\d", "a document number"),
    (
        r"ваш\w* (визит|при[её]м|посещени)\w*\s+\d|your (visit|appointment) (on|of)\b",
        "the date of a visit",
    ),
)
HEALTH_DATA: tuple[str, ...] = (
    r"диагноз",
    r"лечени|лечащ",
    r"анализ(ы|ов|ами|ах)\b|сда(ли|ть|вать) анализ\w*|результат\w* анализ\w*",
    r"при[её]м\w* у (врача|доктора|терапевта|специалиста)",
    r"назначени\w* (врача|препарат)|препарат|рецепт",
    r"\bdiagnos",
    r"\btreatment\b|\btreated for\b",
    r"\btest results?\b|\blab results?\b",
    r"\bprescri(be|ption|bed)\b|\bmedication\b",
    r"your (visit|appointment) (on|with dr)",
)

# Words that show a phone or e-mail in the reply is the company's own contact, not the customer's.
OWN_CONTACT: str = (
    r"свяж|позвон|напиш|пишите|звоните|контакт|обращайтесь|"
    r"contact|call|write|reach|hotline|\bDM\b"
)
