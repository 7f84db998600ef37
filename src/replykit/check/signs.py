"""What a hand-written reply shows about its steps and answers, for ``replykit check``:
each step's name and the words that show it, and the signs of the answers a ``when`` reads.

Patterns are matched case-insensitively, like those of :mod:`replykit.check.phrases`.
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
        "ru": r"извин|простите|прощени|приносим .*извинени|сожалеем"
        r"|(нам|мне) (очень |искренне )?жаль",
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
    # A public reply that says the clinic has already written to the author in private.
    "patient-review:contacted_privately": (
        {
            "ru": ((r"(написали|ответили|отправили) (вам|Вам) лично|в личн\w+ сообщени", True),),
            "en": ((r"(written|replied|sent|messaged) (to )?you (privately|directly)", True),),
        },
        None,  # silence says nothing: the reply may simply not mention it
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
