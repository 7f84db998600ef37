"""The phrase tables behind ``replykit check``, as data: regular expressions per language.

Patterns are matched case-insensitively, one line (or one paragraph, where a rule says so)
at a time. Russian stems are written to cover the endings (``благодар`` finds «благодарим»,
«благодарны»). The advice behind them is in shared/design/playbooks.md and seeds-coverage.md.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Steps: what each step is called, and the words that show it in a hand-written reply.

#: A step's name as the reply's reader would say it, per language.
STEP_NAMES: dict[str, dict[str, str]] = {
    "greeting": {"ru": "обращение по имени", "en": "greeting by name"},
    "receipt": {"ru": "подтверждение получения", "en": "confirmation of receipt"},
    "thanks": {"ru": "благодарность", "en": "thanks"},
    "empathy": {"ru": "признание чувств клиента", "en": "acknowledging their feelings"},
    "summary": {"ru": "пересказ обращения", "en": "summary of the complaint"},
    "apology": {"ru": "извинение", "en": "apology"},
    "findings": {"ru": "итоги проверки", "en": "what the check found"},
    "explanation": {"ru": "объяснение причины", "en": "explanation of the cause"},
    "actions": {"ru": "что сделано и будет сделано", "en": "what has been and will be done"},
    "compensation": {"ru": "компенсация", "en": "compensation"},
    "evidence": {"ru": "подтверждение", "en": "proof"},
    "prevention": {"ru": "как не допустить повторения", "en": "how it will not happen again"},
    "follow_up": {"ru": "обратная связь после решения", "en": "follow-up"},
    "closing": {"ru": "заключительная формула", "en": "closing"},
    "signature": {"ru": "подпись", "en": "signature"},
    "claim_summary": {"ru": "суть претензии", "en": "what the claim says"},
    "position": {"ru": "позиция по требованиям", "en": "position on each demand"},
    "decision": {"ru": "итоговое решение", "en": "decision"},
    "acknowledge": {"ru": "признание вопроса о цене", "en": "acknowledging the concern"},
    "clarify": {"ru": "уточнение, что именно смущает", "en": "clarifying question"},
    "value": {"ru": "ценность предложения", "en": "value of the offer"},
    "options": {"ru": "варианты на выбор", "en": "options to choose from"},
    "close": {"ru": "следующий шаг", "en": "next step"},
    "plan": {"ru": "план действий со сроком", "en": "a dated plan"},
    "contact": {"ru": "прямой контакт", "en": "a direct contact"},
    "care": {"ru": "забота о пациенте", "en": "care for the patient"},
    "invitation": {"ru": "приглашение вернуться", "en": "an invitation back"},
    "solution": {"ru": "решение", "en": "solution"},
    "open_door": {"ru": "готовность продолжить разговор", "en": "an open door"},
}

#: Words that show a step is present, per step id and language. A playbook-specific entry
#: ``"<playbook>:<step>"`` wins over the shared one. Every step a built-in playbook requires
#: has one (a test checks it).
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
        "ru": r"понима|понятн|вправе|сочувств|разделяем|представля|неприятн|не очень приятно"
        r"|расстро|вижу, что"
        r"|слушаю|слышу вас|жаль|нелегко|обидно|досадно"
        r"|ваше (разочарование|возмущение|беспокойство)",
        "en": r"\bunderstand|sorry to hear|frustrat|disappoint|must have been|we hear you"
        r"|can see (why|that|how|you)|unhappy|\bupset\b|right to be|sounds like"
        r"|can(not|['’]t) have been|I['’]m listening|I am listening|I hear you",
    },
    "apology": {
        "ru": r"извин|простите|прощени|приносим .*извинени|сожалеем",
        "en": r"\bapolog|\bsorry\b",
    },
    "actions": {
        "ru": r"(сделал|сделаем|отправил|отправим|провер|вернул|вернём|вернем|замен|исправ|передал|"
        r"передадим|устран|доведём|доведем|занимаемся|занялись)"
        r"|будет (сделано|исправлено|отправлено)",
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
        "ru": r"свяж(итесь|емся)|позвон|напиш(ите|ем)|телефон|почт|контакт|\+?\d[\d ()-]{8,}\d",
        "en": r"\bcontact\b|\bcall\b|write to|e-?mail|phone|reach (out|me|us)|\bDM\b"
        r"|\+?\d[\d ()-]{8,}\d",
    },
    "open_door": {
        "ru": r"обращайтесь|готовы (ответить|помочь)|вопрос|на связи|пишите|звоните|напишите"
        r"|уточнить",
        "en": r"questions|happy to help|let (us|me) know|get in touch|write to|I am here|"
        r"if you (need|would like|have)",
    },
    "claim_summary": {
        "ru": r"ваш\w* (претензи|обращени|письм|требовани)|претензи\w* от|требовани\w* об?",
        "en": r"your (claim|letter|complaint|demand)|claim (of|dated)|the claim",
    },
    "position": {
        "ru": r"позици|по каждому|требование:|признаём|признаем|признаю|считаем"
        r"|основани|обоснован|оспарива",
        "en": r"our position|demand:|\b(we|I) (accept|do not accept|dispute|acknowledge|consider)"
        r"|basis:|(well|un)founded|is (not )?(due|owed)",
    },
    "decision": {
        "ru": r"таким образом|решени|удовлетвор|в удовлетворении|отказ|перечисл|погасим|выплатим",
        "en": r"decision|rejected|accepted|we will (pay|refund|transfer)|for the reasons"
        r"|is (granted|upheld)|in full|in part",
    },
    "acknowledge": {
        "ru": r"хорошо, что|спасибо, что|понима|правильно, что|честн|открыто|вопрос о (цене|стоим)",
        "en": r"glad you|thank you for|I understand|fair question|good question|makes sense"
        r"|openly|honest",
    },
    "clarify": {
        "ru": r"правильно (ли )?(я )?понима|насколько я понимаю|уточн|что именно|подскажите"
        r"|вас (беспокоит|смущает)|сомневаетесь|не совсем понятно|для вас (важн|главн)"
        r"|какой бюджет",
        "en": r"as I understand|if I understand|do I understand|what exactly|concerned about"
        r"|to clarify|am I right|not quite clear|worried (about|that)|matters most to you",
    },
    "value": {
        "ru": r"вы платите|входит|результат|эконом|выгод|окуп|ценност|гаранти|преимуществ",
        "en": r"includes|paying for|value|saves? you|result|guarantee|return on|pays for itself"
        r"|edge|benefit",
    },
    "options": {
        "ru": r"рассрочк|оплат\w* частями|частями|пробн|пакет|вариант|способ|скидк|тариф",
        "en": r"instal?lments?|trial|bundle|option|ways to|discount|\bplan\b|pay (in|monthly)",
    },
    "close": {
        "ru": r"следующий шаг|предлагаю|давайте|созвон|встреч|напишу вам|договор(имся|иться)"
        r"|запиш|позвоню",
        "en": r"next step|I suggest|shall we|\bcall\b|let['’]s|get in touch|\bbook\b|reserve",
    },
    "plan": {
        "ru": r"проверим|разбер[её]м|выясним|план|проведём|проведем|рассмотрим|обсудим|займ[её]мся"
        r"|сделаем",
        "en": r"we will (look|review|check|go through|investigate|find out|talk)|here is what"
        r"|\bplan\b|look into",
    },
    "care": {
        "ru": r"здоров|забот|важнее всего|самочувстви|спокойстви|берегите себя",
        "en": r"health|well-?being|care about|matters most|peace of mind|take care",
    },
    "explanation": {
        "ru": r"вот как обстоят|причин|произошл|случил|дело в том|из-за|связан|потому что|так как"
        r"|выяснил|оказалось",
        "en": r"here is what happened|reason|because|was caused|happened|this is how|due to"
        r"|what went wrong|turned out|found that",
    },
    "solution": {
        "ru": r"(уже )?(вернул|замен|исправ|отправ|сделал|разобрал|продлил|начислил)\w*"
        r"|вернём|вернем|заменим|исправим|решени|предлагаю|готовы|сделаем|привез|заберём|заберем|заберёт"
        r"|бесплатн|нов(ый|ую|ое)",
        "en": r"\b(has|have) (already )?been (resolved|fixed|sorted)|\b(we|I) have \w+ed\b"
        r"|we have (sent|sorted)|we will (refund|"
        r"replace|fix|send|sort)|solution|we can offer|we would like to offer|I have (refunded|"
        r"replaced|fixed|sent|sorted)|I will (refund|replace|fix|send|sort)",
    },
}

#: What to add for a missing step, per language.
STEP_TIPS: dict[str, dict[str, str]] = {
    "greeting": {
        "ru": "Начните с обращения по имени и отчеству.",
        "en": "Start by addressing the person by name.",
    },
    "thanks": {
        "ru": "Поблагодарите за обращение: оно показало вам слабое место.",
        "en": "Thank them for telling you: it shows you a weak spot.",
    },
    "empathy": {
        "ru": "Признайте чувства человека и его точку зрения, например: «Понимаю, как это "
        "неприятно».",
        "en": "Acknowledge how they feel and their point of view, e.g. 'I can see how "
        "frustrating this has been.'",
    },
    "apology": {
        "ru": "Извинитесь искренне и за конкретное, без оправданий.",
        "en": "Apologise sincerely for the specific thing, without excuses.",
    },
    "actions": {
        "ru": "Скажите, что уже сделано и что будет сделано, кем и к какому сроку.",
        "en": "Say what has been and will be done, by whom and by when.",
    },
    "follow_up": {
        "ru": "Скажите, когда вы свяжетесь, чтобы убедиться, что всё в порядке, и дайте прямой "
        "контакт.",
        "en": "Say when you will check back, and give a direct contact.",
    },
    "closing": {
        "ru": "Завершите формулой вежливости («С уважением») и подпишитесь: имя и должность.",
        "en": "Close formally ('Yours sincerely', 'Kind regards') and sign with name and position.",
    },
    "signature": {
        "ru": "Подпишите ответ: имя, фамилия и должность того, кто отвечает.",
        "en": "Sign the reply: the name and position of the person who answers.",
    },
}

# ---------------------------------------------------------------------------------------------
# Conditions: what a hand-written reply shows about an answer a step's ``when`` reads.

#: Words that show the reply answers a problem, not praise.
PROBLEM: dict[str, str] = {
    "ru": r"жаль|сожале|извин|жалоб|недовол|ожидани|ждал|проблем|не устроил|разочаров|не помог"
    r"|плохо|груб",
    "en": r"\bsorry\b|apolog|complain|disappoint|unhappy|did not go|problem|wait|not helping"
    r"|had not eased|rude",
}

#: ``"<playbook>:<field>"`` → (per language: (pattern, value) tried in order; the value when
#: none matches). A condition reading a field with no entry cannot be decided from plain text.
FIELD_SIGNS: dict[str, tuple[dict[str, tuple[tuple[str, object], ...]], object]] = {
    "complaint:fault": (
        {
            "ru": (
                (
                    r"(проверк\w*|провер\w+)[^.]{0,80}(показал|не выявил|не подтвердил)"
                    r"|нарушени\w* не (выявлен|обнаружен)|(ждали|ожидали) другого ответа"
                    r"|нашей вины (здесь |в этом )?нет",
                    "nobody",
                ),
            ),
            "en": (
                (
                    r"(check|review|investigation)\w*[^.]{0,60}(found no|showed that|did not find)"
                    r"|not the answer you (hoped|wanted|expected)|found no (sign|evidence|fault|"
                    r"error)|\bnot by us\b",
                    "nobody",
                ),
            ),
        },
        "us",
    ),
    "patient-review:variant": (
        {
            "ru": ((PROBLEM["ru"], "negative"),),
            "en": ((PROBLEM["en"], "negative"),),
        },
        "positive",
    ),
    "objection-expensive:options": (
        {lang: ((STEP_PATTERNS["options"][lang], True),) for lang in ("ru", "en")},
        None,
    ),
}

# ---------------------------------------------------------------------------------------------
# Wording the sources advise against.

#: Phrases to avoid in every playbook (a playbook's ``rules.avoid`` adds more): (pattern, tip).
AVOID: dict[str, tuple[tuple[str, str], ...]] = {
    "ru": (
        (r"к сожалению", "Скажите, что вы делаете, без «к сожалению»."),
        (r"это не наша вина|мы не виноваты", "Не спорьте о вине; скажите, что вы сделаете."),
        (r"успокойтесь", "Признайте чувства человека вместо того, чтобы просить его успокоиться."),
        (r"это сложно", "Объясните простыми словами, что и к какому сроку вы сделаете."),
        (r"так получилось", "Назовите причину фактами и скажите, что уже сделано."),
        (
            r"приносим извинения за (возможные |доставленные )?неудобства",
            "Извинитесь за то конкретное, что пошло не так.",
        ),
        (
            r"вы (не правы|неправы|ошибаетесь)",
            "Не спорьте с клиентом: изложите факты и предложите решение.",
        ),
        (r"вы сами виноваты", "Не перекладывайте вину на клиента: скажите, чем вы поможете."),
        (
            r"ваше мнение (очень )?важно для нас",
            "Дежурная фраза звучит как шаблон: ответьте на то, что человек написал.",
        ),
        (
            r"если (мы )?(вас )?(чем-то |чем-нибудь )?(обидели|задели)",
            "Условное извинение звучит как отговорка: извинитесь за конкретное.",
        ),
        (r"если оплатите сегодня", "Не торопите с оплатой: предложите условия без давления."),
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
        (
            r"\byou(['’]re| are) (wrong|mistaken)\b",
            "Do not contradict the customer: give the facts and offer a solution.",
        ),
        (
            r"\b(it['’]s|it is) your own fault\b|\byou have only yourself to blame\b",
            "Do not blame the customer: say how you will help.",
        ),
        (
            r"\byour (opinion|feedback|call) is (very )?important to us\b",
            "A stock phrase sounds templated: answer what the person actually wrote.",
        ),
        (
            r"\bsorry (if|that) you (feel|felt|were offended)\b",
            "A conditional apology sounds like an excuse: apologise for the specific thing.",
        ),
        (r"\bif you pay today\b", "Do not rush the payment: offer terms without pressure."),
    ),
}

# Putting the blame on someone else (a courier, a supplier, the weather, «the system»).
_OTHERS_RU = (
    r"(курьер|поставщик|перевозчик|подрядчик|партн[её]р|служб\w* доставки|почт|банк|склад|"
    r"логист|транспортн\w* компани|погод|систем|сбо[йя]|сторонн\w* (сервис|компани|организаци|"
    r"систем|поставщик|подрядчик))\w*"
)
_OTHERS_EN = (
    r"(courier|supplier|carrier|contractor|partner|delivery (company|partner|service)|post office|"
    r"bank|warehouse|weather|system|vendor|manufacturer|third[- ]party \w+)"
)
BLAME: dict[str, tuple[str, ...]] = {
    "ru": (
        rf"виноват\w*\s+(\w+\s+)?{_OTHERS_RU}",
        rf"{_OTHERS_RU}\w*\s+(\w+\s+)?виноват",
        rf"по вине\s+(\w+\s+)?{_OTHERS_RU}",
        rf"вина\s+(\w+\s+)?{_OTHERS_RU}",
        rf"{_OTHERS_RU}\w*\s+(нас\s+)?подв[её]л",
        rf"из-за\s+(\w+\s+)?{_OTHERS_RU}",
        r"сторонн\w+ (сервис|компани|организаци|систем)\w*",
        r"магнитн\w+ бур\w*",
        r"полнолуни\w*",
        r"ретроградн\w+ меркури\w*",
        r"на стороне (банка|партн[её]ра|поставщика|сервиса|перевозчика|платёжн|платежн)\w*",
        r"это не (мы|к нам)\b",
        r"от нас не завис",
    ),
    "en": (
        rf"\b{_OTHERS_EN}('s|s'|s)?\s+fault\b",
        rf"\bfault of (the |our |a )?{_OTHERS_EN}",
        rf"\b(due to|caused by|because of) (the |our |a )?{_OTHERS_EN}",
        rf"\bblame (lies with |is on )?(the |our )?{_OTHERS_EN}",
        rf"\b(the |our )?{_OTHERS_EN}s? (is|are|was|were) to blame\b",
        rf"\b(the |our )?{_OTHERS_EN}s? let (us|you) down\b",
        r"\bthird[- ]party (service|provider|system|company)\b",
        r"\bmagnetic storms?\b|\bfull moon\b|\bmercury (is )?in retrograde\b",
        r"\bon (the bank['’]s|their|the partner['’]s|the provider['’]s) side\b",
        r"\bbeyond our control\b|\bout of our hands\b",
    ),
}
#: A failure of our own systems is owned, not blamed («из-за сбоя на нашем сервере»): the
#: blame phrase names a failure, and «наш»/"our" is in it or right after it.
OWN_FAILURE: str = r"сбо|систем|сервер|system|server|outage"
OUR_OWN: str = r"^\W*(\w+\W+){0,2}(наш|нами|у нас|с нашей|our\b|on our|ours\b)"

# ---------------------------------------------------------------------------------------------
# Time and dates.

VAGUE_TIME: dict[str, str] = {
    "ru": r"в ближайшее время|в кратчайшие сроки|как можно (скорее|быстрее)|\bскоро\b|на днях|"
    r"в скором времени|как только (сможем|сможем|появится возможность|будет возможность)"
    r"|по мере (возможности|сил)|когда (сможем|будет возможность)",
    "en": r"\bsoon\b|\basap\b|as soon as (possible|we can)|shortly|in due course"
    r"|in the near future|when we can|at the earliest opportunity|when (time|possible) allows",
}

_MONTHS_RU = r"(январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*"
_MONTHS_EN = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)"
)
_WEEKDAYS_RU = r"(понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресень)"
_WEEKDAYS_EN = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: A concrete date or deadline, in either language.
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
#: A promise to do something: the paragraph where a deadline belongs.
PROMISE: dict[str, str] = {
    "ru": r"\b(исправим|заменим|вернём|вернем|отправим|доставим|решим|устраним|перечислим|"
    r"проверим|разберёмся|разберемся|починим|компенсируем|доведём|доведем|погасим|выплатим"
    r"|сделали|отправили|вернули|заменили|исправили|перечислили|привез\w*|заберём|заберем"
    r"|заберёт|заберет)\b|\bсрок\w*\s*[—–:-]\s*(до|не позднее|\d)"
    r"|будет (сделан|исправлен|заменен|заменён|отправлен|доставлен|возвращ)\w*",
    "en": r"\bwe(['’]ll| will) (fix|replace|refund|send|deliver|resolve|repair|compensate|"
    r"transfer|pay|check|look into|sort|review|go through)\b|will be (done|fixed|replaced|"
    r"refunded|sent|delivered|resolved|settled)\b|\bwe have \w+ed\b|\b(all|everything) done\b"
    r"|\b(put|make|set) (it|this|things) right\b|\b(are|am|['’]re) (already )?on it\b"
    r"|\bdeadline\b",
}

# ---------------------------------------------------------------------------------------------
# Greeting, closing, signature.

NAMELESS_GREETING: dict[str, str] = {
    "ru": r"^\s*(здравствуйте|добрый (день|вечер)|доброе утро|приветствуем( вас)?|привет|"
    r"уважаем\w+ (клиент|покупател|пациент|заказчик|пользовател)\w*|уважаем\w+ господа)"
    r"\s*[!,.]*\s*$",
    "en": r"^\s*((hello|hi|hey)( there| all| everyone)?|greetings|good (morning|afternoon|evening)|"
    r"dear (customer|client|patient|user|valued customer|sir or madam|sir/madam|sir|madam|all))"
    r"\s*[!,.]*\s*$",
}

SLANG_CLOSING: dict[str, str] = {
    "ru": r"^\s*(чао|пока|покеда|бай|до связи|целую|обнимаю|удачи|счастливо|ходл\w*|держите "
    r"крипту)\b|\bhodl\b|(хорошего|отличного|удачного) (дня|вечера|настроения)\s*[:;]-?[)D]|\){2,}",
    "en": r"^\s*(cheers|xoxo|ciao|bye|later|ttyl|peace|hugs|take it easy|toodles|wagmi|gm)\b|"
    r"\bhodl\b|to the moon\b|have a (good|great|nice) (one|day)\s*[:;]-?[)D]",
}
EMOJI = r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2764]|(?<![\w\d])[:;]-?[)(DPp](?![\w\d])"

#: A company or a team in a signature: a legal form, a quoted name, «команда», "team".
COMPANY: str = (
    r"\b(ООО|ОАО|ЗАО|ПАО|АО|ИП|ГК|НКО|LLC|Ltd|Inc|PLC|GmbH|Corp)\b|«[^»]+»|"
    r"\b(команда|служба|отдел|администрация|клиника|магазин|компания|team|support|service|"
    r"department|company|clinic|store|shop)\b"
)
#: A person's name in a signature: «Мария Соколова», «М. А. Соколова», "Laura Chen".
PERSON: str = (
    r"^(?:[A-ZА-ЯЁ]\.\s?){1,2}\s?[A-ZА-ЯЁ][a-zа-яё'’-]+"
    r"|^[A-ZА-ЯЁ][a-zа-яё'’-]+(?:\s+[A-ZА-ЯЁ]\.){1,2}"
    r"|^(?:Dr\.?\s+)?[A-ZА-ЯЁ][a-zа-яё'’-]+\s+(?:[A-ZА-ЯЁ]\.\s?)?[A-ZА-ЯЁ][a-zа-яё'’-]+"
)

# ---------------------------------------------------------------------------------------------
# Placeholders.

PLACEHOLDERS: tuple[tuple[str, str, str], ...] = (
    (r"\{\{.*?\}\}|\{\{|\}\}", "синтаксис шаблона {{ }}", "template syntax {{ }}"),
    (r"\{%.*?%\}|\{%|%\}", "синтаксис шаблона {% %}", "template syntax {% %}"),
    (r"\[[^\]\d\n][^\]\n]{0,40}\]", "[заглушка] в скобках", "a [placeholder] in brackets"),
    (
        r"(?<![\w@])<[A-Za-zА-Яа-яЁё_][\w .-]{0,30}>",
        "<заглушка> в угловых скобках",
        "a <placeholder> in angle brackets",
    ),
    (r"%[A-Za-zА-Яа-яЁё_]{2,30}%", "%ЗАГЛУШКА%", "a %PLACEHOLDER%"),
    (r"\$\{\w+\}", "${заглушка}", "a ${placeholder}"),
    (r"\b[XxХх]{3,}\b", "XXX", "XXX"),
    (r"(?<!_)_{3,}", "пропуск ___ для заполнения", "a blank ___ to fill in"),
    (r"\b(TODO|TBD|FIXME)\b", "пометка TODO", "a TODO note"),
)

# ---------------------------------------------------------------------------------------------
# The public channel.

#: (pattern, what in ru, what in en); every kind found on a line is reported.
PERSONAL_DATA: tuple[tuple[str, str, str], ...] = (
    (r"(?<![\w/])\+?\d[\d\s().-]{7,}\d(?![\w/])", "номер телефона", "a phone number"),
    (r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b", "адрес почты", "an e-mail address"),
    (
        r"(заказ|договор|сч[её]т|обращени|полис|карт)\w*\s*(№|n|#|номер)\s*[\w-]*\d"
        r"|\b(order|contract|invoice|case|ticket|account|policy)\s*(no\.?|number|#)?\s*[A-Z]*\d{3,}",
        "номер заказа, договора или обращения",
        "an order, contract or case number",
    ),
    (
        r"ваш\w* (визит|при[её]м|посещени)\w*\s+\d|your (visit|appointment) (on|of)\b",
        "дата визита",
        "the date of a visit",
    ),
)
#: A «№ 12» that is not an order, contract or case number already reported on the line.
DOCUMENT_NUMBER: str = r"№\s*\d"
HEALTH_DATA: tuple[str, ...] = (
    r"диагноз\w*",
    r"лечени\w*|лечащ\w*",
    r"анализ(ы|ов|ами|ах)\b|сда(ли|ть|вать) анализ\w*|результат\w* анализ\w*",
    r"при[её]м\w* у (врача|доктора|терапевта|специалиста)",
    r"назначени\w* (врача|препарат\w*)|препарат\w*|рецепт\w*",
    r"\bdiagnos\w*",
    r"\btreatment\b|\btreated for\b",
    r"\btest results?\b|\blab results?\b",
    r"\bprescri(be|ption|bed)\b|\bmedication\b",
    r"your (visit|appointment) (on|with dr)",
)
#: Words that show a phone or e-mail is the company's own contact, not the customer's.
OWN_CONTACT: str = (
    r"свяж|связ|позвон|напиш|пишите|звоните|контакт|обращайтесь|по телефону|горяч\w+ лини|"
    r"contact|call|write|reach|hotline|\bDM\b"
)
#: A public reply inviting the person to a private channel.
PRIVATE_INVITE: dict[str, str] = {
    "ru": r"личн\w* (сообщени|переписк|кабинет)|в личку|в директ|напрямую|по телефону|на почту"
    r"|свяж\w+|позвон\w+|напиш\w+ (нам|мне)|пишите|звоните|\+?\d[\d ()-]{8,}\d|@\w+\.\w+",
    "en": r"private message|\bDM\b|direct message|directly|privately|by phone|by e-?mail"
    r"|contact (us|me)|call (us|me)|email (us|me)|write to (us|me)|reach (us|me)"
    r"|\+?\d[\d ()-]{8,}\d|@\w+\.\w+",
}
LEGAL_TALK: dict[str, str] = {
    "ru": r"\bсуд(а|е|у|ом|ебн\w*)?\b|\bиск(а|е|у|ом|ов)?\b|\bюрист\w*|\bадвокат\w*|прокуратур\w*"
    r"|роспотребнадзор\w*",
    "en": r"\bcourts?\b|\blawsuits?\b|\bsue\b|\blawyers?\b|\battorneys?\b|\blegal action\b",
}

# ---------------------------------------------------------------------------------------------
# Tone and wording.

#: Words that a discount needs beside it to be an exchange, not a give-away.
DISCOUNT: dict[str, str] = {
    "ru": r"скидк\w*",
    "en": r"\bdiscounts?\b",
}
DISCOUNT_CONDITION: dict[str, str] = {
    "ru": r"в обмен|при условии|\bесли\b(?! (вы )?оплатите сегодня)|при оплате|при заключении"
    r"|при покупке|при заказе|за (отзыв|рекомендаци|предоплат|годов)",
    "en": r"in exchange|provided|\bif\b(?! you pay today)|when you|on condition"
    r"|for (a|each) (referral|friend)|with (a|an) (annual|yearly|upfront)",
}
#: Abbreviations written in capitals that are not shouting.
ABBREVIATIONS: frozenset[str] = frozenset(
    (
        "ООО",
        "ОАО",
        "ЗАО",
        "ПАО",
        "НКО",
        "ИНН",
        "ОГРН",
        "ОГРНИП",
        "КПП",
        "БИК",
        "НДС",
        "ГОСТ",
        "СНИЛС",
        "ОКПО",
        "ОКВЭД",
        "ОКТМО",
        "ЕГРЮЛ",
        "ЕГРИП",
        "ФНС",
        "МВД",
        "МФЦ",
        "ВТБ",
        "ЦБРФ",
        "ГИБДД",
        "ОСАГО",
        "КАСКО",
        "ДМС",
        "ОМС",
        "СБП",
        "ЕГЭ",
        "ВУЗ",
        "ТЦ",
        "ПВЗ",
        "СДЭК",
        "ФГОС",
        "СанПиН",
        "МРТ",
        "УЗИ",
        "ЭКГ",
        "КТ",
        "ЛОР",
        "ЖКХ",
        "ТСЖ",
        "ТСН",
        "УК",
        "ЭЦП",
        "КЭП",
        "USD",
        "EUR",
        "GBP",
        "RUB",
        "VAT",
        "IBAN",
        "SWIFT",
        "BIC",
        "HTTP",
        "HTTPS",
        "JSON",
        "HTML",
        "UTC",
        "GMT",
        "NASA",
        "FAQ",
        "PDF",
        "DOCX",
        "CSV",
        "ISBN",
        "SEPA",
        "ACH",
        "LLC",
        "PLC",
        "GDPR",
        "HIPAA",
        "CEO",
        "CFO",
        "CTO",
        "SARL",
        "GMBH",
        "OOO",
    )
)
SHOUT_PUNCTUATION: str = r"!{2,}|\?!|!\?"
#: Terms a general reader does not know; info only, since some readers are technical.
JARGON: dict[str, str] = {
    "ru": r"\bхе[шэ]\w*|блокчейн\w*|эксплорер\w*|консенсус\w*|майнер\w*|бэкенд\w*|бекенд\w*"
    r"|фронтенд\w*|\bAPI\b|смарт-контракт\w*|мемпул\w*|\bнонс\w*|деплой\w*|\bбаг(и|ов|а)?\b"
    r"|кэш\w*|синк\w*|тикет\w*",
    "en": r"\bhash(es)?\b|\bblockchain\b|\bblock explorer\b|\bconsensus\b|\bminers?\b"
    r"|\bback-?end\b|\bAPI\b|\bsmart contracts?\b|\bmempool\b|\bnonce\b|\bdeploy(ed|ment)?\b"
    r"|\bcache\b",
}
#: A statement that a claim was considered or decided …
VERDICT: dict[str, str] = {
    "ru": r"рассмотрен[аоы]?\b|решение принято|в удовлетворении\b[^.]{0,40}отказ\w*|отказать",
    "en": r"has been (considered|reviewed|examined)|(a )?decision has been (made|taken)"
    r"|is (rejected|declined|refused)",
}
#: … and the words that show a reason is given for it (in that paragraph or a later one).
REASON: dict[str, str] = {
    "ru": r"потому что|так как|в связи с|поскольку|согласно|\bп\.\s?\d|\bст\.\s?\d|договор"
    r"|ввиду|по результатам|по данным|основани|ниже|причин|установлено|выяснил",
    "en": r"because|\bsince\b|\bas (the|your|our)\b|under (clause|section|the)|\bclause\b"
    r"|\bsection\b|contract|agreement|following|below|for the reasons|reason|records show"
    r"|basis|found that",
}
