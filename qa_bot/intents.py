"""Rules for messages that are not questions about the documents: emergencies and small talk."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from qa_bot.cues import QUESTION_OPENING, asks
from qa_bot.text import normalize

__all__ = ["SAFETY_WORDS", "Intent", "detect_safety", "detect_smalltalk"]


@dataclass(frozen=True)
class Intent:
    """What a message is, when it is not a question for retrieval."""

    name: str  # safety: "crisis" | "emergency"; smalltalk: "greeting", "thanks", ...
    rest: str = ""  # for a greeting that carries a question, the question
    sure: bool = False  # a safety match that stands even when asked as a question


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


class _Rules:
    """Rule patterns searched as one: those that weigh the whole message ("^(?!.*unless).*sign") are tried once, from
    its start, not at every position of it (a 2,000-character message would try them 2,000 times)."""

    def __init__(self, *patterns: str) -> None:
        whole = [p for p in patterns if p.startswith("^")]
        self._whole = _rx(*whole) if whole else None
        self._anywhere = _rx(*(p for p in patterns if not p.startswith("^")))

    def search(self, text: str) -> re.Match[str] | None:
        return self._anywhere.search(text) or (self._whole.match(text) if self._whole else None)


def _words(*alternatives: str) -> str:
    """A regex alternation of whole words or phrases."""
    return r"\b(" + "|".join(alternatives) + r")\b"


_ME = _words("i", "im", "ive", "id", "my", "me", "myself")
_OTHER_PERSON = _words("he", "she", "they", "his", "her", "my (son|daughter|wife|husband|partner|mom|dad|mother|father|friend)")
_CANT = r"(cant|cannot|can not|couldnt|unable to|not able to|no longer able to)"
_LIMB = r"(leg|legs|arm|arms|foot|feet|hand|hands|face|side|body|toes|it|them)"
_PILLS = r"(pills|tablets|meds|medicine|medicines|medication|medications|painkillers)"
# Medicines by name, and the words for them (qa_bot/data/medicines.txt).
MEDICINES = frozenset(
    line.strip() for line in resources.files("qa_bot.data").joinpath("medicines.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#"))
_MEDICINE = "(" + "|".join(sorted((re.escape(m) for m in MEDICINES), key=len, reverse=True)) + ")"

_POISONS = r"(bleach|weed ?killer|antifreeze|anti freeze|poison|pesticide|rat poison|drain cleaner|paraquat)"

# Thoughts of suicide, self-harm or overdose: a crisis whatever else the message says.
_CRISIS = _Rules(
    r"\bsuicid\w*",
    r"\bkill(ing)? my ?self\b",
    # ("wanted to die" tells of a past feeling, often a figure of speech: the model weighs it; "wants to die her hair".)
    r"\b(wants?|wanting|wanna|wish(es|ed)?|ready) (to )?die\b(?! (her|his|my|their|your|our|the) hair)",
    # Said of oneself or told of another ("she said she wishes she was dead").
    r"\bwish(es|ed|ing)? (i|he|she|they|we) (was|were|could be) (dead|never born)\b",
    # "It feels like I'm going to die" is the dread of a heart attack or a panic attack, told as it is felt.
    r"(?<!like im )(?<!like i am )(?<!like i was )(?<!like im just )\bgoing (to )?die\b"
    r"(?! (of|from) (embarrassment|shame|boredom|laughter|laughing|cringe|curiosity|old age))",
    r"\bbetter off dead\b",
    r"\b(end|ending|ended|take|taking) (my|my own) life\b",
    r"\bend(ing)? it all\b",
    r"\b(want|wanna|going|gonna|ready|decided|plan|planning|tried|trying|try) to end (it|things|everything)"
    r"(?! (with|between|off|up|early))\b",
    r"\b(if|when|so) i (just |finally )?(end|ended) (it|things|everything)(?! (with|between|off|up|early))\b",
    # A whole message that judges oneself worthless ("I'm useless", "i feel so worthless"): "you're useless" is
    # anger at the bot, which the model hears as small talk, and the two sit too close for it alone.
    r"^(i|im|i am|i feel|i feel like|feeling)( so| just| completely| totally| really| such)? (useless|worthless|a failure"
    r"|a waste of space|no good|no use|no help)( to (anyone|anybody|everyone|my family)| at everything)?$",
    # Voices that command harm; someone who says they will end it; letting death come; a weapon or means made ready.
    r"\b(voices?)( \w+){0,3} (tells?|telling|told|says?|saying) me to (die|overdose|end it|end my life"
    r"|(kill|hurt|harm|cut|stab|burn|drown|hang) (myself|me|my ?self|others|people|someone|him|her|them|my \w+)"
    r"|jump (off|from|out|in front of))\b",
    r"\b(says|said|texted|told me|keeps saying)( that)? (he|she|they)( will|ll| is going to| wants to| want to| is gonna)"
    r" (end it|end (his|her|their) life|kill (himself|herself|themselves)|not be here)\b(?! (with|between|off|up|early))",
    # (The writer letting it come, near a word of dying: "we let it happen peacefully" of a grandmother is not.)
    # (... or switching off what keeps one alive: "turning the oxygen off tonight and just letting it happen".)
    r"\blet (myself|me) die\b|\b(die|dying|death|stop (taking|eating|everything)|(turn|turning|switch|switching|unplug"
    r"|unplugging)( off)?( my| the)? (oxygen|o2|ventilator|breathing machine|pump|lvad|feeds?|feeding tube)( off)?)\b"
    r"( \w+){0,8} (i|and|ill|id)( ll| will| am going to| want to| wanna)?( just)? (let|letting) it (happen|come|take me)\b",
    # ... a means made ready, beside hopelessness or a loss ("since my wife passed I see no point. I have cleaned my
    # shotgun and it is ready"); "the gun is ready for hunting season" is not.
    r"\bnoose( \w+){0,3} (is|are) (ready|up|tied)\b|\brope( \w+){0,3} (is|are) (ready|tied)\b",
    r"\b(no point|no reason|hopeless|goodbye|cant go on|passed away|since (my )?\w+ (died|passed))\b( \w+){0,15}"
    r" (gun|shotgun|rifle|pistol)( \w+){0,4} (is|are|its) (ready|loaded)\b",
    # Joining the dead ("lost too many buddies … about time I went and joined them"), worth more dead (a life policy
    # "worth more than the land"), going past the point of return ("swim out until I can't swim back").
    r"\b(worth more dead|(life insurance|policy on me|insurance on me)( \w+){0,6} (pays out|payout|worth more|if i die"
    r"|when i die|when im gone))\b",
    r"\b(swim|walk|wade|go) (out|into)( \w+){0,6} (until|till|til) i (cant|can not|cannot|wont be able to)"
    r" (swim|get|come|make it|walk) back\b",
    # Warning signs on the 988 Lifeline's list: feeling a burden, others better off without one.
    r"\b(im|i am|i feel like|feel like|being|i feel|ive become|i have become) (such |just |only )?a burden\b",
    r"\b(better|happier) off without me\b|\b(would|d|will) (all )?be (better|happier)( off)? without me\b",
    # ... someone not being a burden for long ("he won't be a burden much longer"; not a thing, "the cast won't be a
    # burden much longer", nor someone recovering), or not meaning to live ("I don't plan to live like this" is not).
    r"\b(i|ill|he|hell|she|shell|they|theyll|mum|mom|dad|nan|gran|grandma|grandad)( says| said| thinks)?( that)?( she| he| i)?"
    r" (wont|will not) be (a|such a) burden( (to|on) (anyone|anybody|you|us|them|everyone|any of (us|you|them)|my family"
    r"|the family|my (kids|children)))?( for)? (much|very) longer\b(?!( \w+){0,8} (once|cast|comes off|settles|recover\w*"
    r"|back on (his|her|my) feet|walk again|heals|healed|home))",
    r"\b(dont|do not|no longer) (intend|plan|expect|mean) to (be alive|still be alive|wake up|live)\b"
    r"(?! (like|in|with|there|here|at|near|on|alone|abroad|together|long|past|to|until|till|by|somewhere|anywhere))",
    # Meaning to take all of the pills at hand ("i have the pills in front of me and i want to take them all tonight").
    # (Not a course taken as prescribed: "going to take them all like the doctor said".)
    r"^(?!.*\b(prescribed|course of|a course|doctor said|doctor told|gp said|pharmacist said|as directed|as told|prep"
    r"|dosette|blister|chemist|pharmacy|holiday|appointment|breakfast|lunch|dinner|with food)\b)"
    rf"(?=.*\b{_PILLS}\b).*\b(want|wanna|going|gonna|plan|planning|about|ready|decided|tempted) to (take|swallow|down)"
    r" ((them|these|those|it) (all at once|all|at once)|the lot|all of (them|these|those|it))\b"
    r"(?! (back|to (the|my|a|your|her|his)|with|as|in|into|out|along|on|at|off|home|round|around|apart|each|every"
    r"|instead|together|morning|evening|night|day)\b)",
    # Eating what one is allergic to on purpose, or no longer carrying the adrenaline "if it happens it happens".
    # (Not a food challenge or desensitisation in clinic, eaten on purpose while the team watches.)
    r"^(?!.*\b(challenge|clinic|hospital|supervis\w*|desensiti\w*|immunotherapy|allergist|while they watch|doctor|nurse)\b)"
    r".*\b(eat|eating|ate|have|having|try|trying|take|taking|drink|drinking)( \w+){0,3} (nuts|peanuts?|shellfish|prawns"
    r"|seafood|sesame|what im allergic to|the thing im allergic to|stuff im allergic to)( \w+){0,3} on purpose\b",
    r"\b(no point|dont see the point|do not see the point|not bothering|stopped bothering|wont bother|not going to bother)"
    r"( of| in| with)? (carrying|taking|using|bringing|keeping)( \w+)? (epipen|epi pen|auto ?injector|adrenaline|inhaler"
    r"|insulin|meds|medication|tablets)\b(?=.*\b(anymore|any more|if it happens it happens|whatever happens|let it happen)\b)",
    # Not expecting to be around for the next appointment ("i dont think ill be around for my next appointment so you can
    # give my slot to someone else"); not away on holiday, moving or working.
    # The slot given up for good says it is no rescheduling.
    r"^(?!.*\b(holiday|vacation|away|abroad|moving|move|moved|work|shift|travel\w*|trip|wedding|married|exam\w*|hospital"
    r"|surgery|operation|visiting|uni|university|college|school|baby|due|jury|court|reschedul\w*|rebook\w*)\b).*"
    r"\b(dont think|do not think|doubt|dont expect|do not expect)( that)? (ill|i will|i ll|i am going to|im going to|im gonna)"
    r"( still)? be around (for|by|at|when|to see)( my| the| our)? (next|following|upcoming|review|follow up)\b"
    r"(?=.*\b((give|offer|pass) (my|the) (slot|appointment|place|spot)( \w+){0,2} (to )?(someone|somebody|anyone)"
    r"|any (other|more) (appointments?|ones?)|anymore|any more|at all)\b)",
    # Hitting oneself until it bruises or bleeds, told of oneself or by a parent ("punching walls and himself until he
    # bruises"); not a toddler's tantrum, nor scratching an itch (eczema "until it bleeds").
    r"^(?!.*\b(toddler|tantrum|meltdown|autis\w*|asleep|in (his|her|my) sleep|on (stuff|things|the|furniture|doors?)"
    r"|(never|didnt|did not) notice|cooking|oven|iron|kettle|accident\w*|by mistake|apixaban|warfarin|blood thinners?)\b).*"
    r"\b(punch|punches|punching|punched|hit|hits|hitting|burn|burns|burning|burned|burnt)( (walls?|doors?|things) and)?"
    r" (my|him|her|them) ?(self|selves)( \w+){0,4} (until|till|til) (it|he|she|i|they|there)( is| are| s)?"
    r" (bruises?|bruised|bleeds?|bleeding|bled|black and blue)\b",
    # Prized things given away while arranging for someone to be looked after, a warning sign on the 988 Lifeline's list
    # ("gave away his xbox and all his games ... told his little brother to look after the dog"); not a move, a stay in
    # hospital or a holiday.
    r"^(?!.*\b(moving|move|moved|abroad|emigrat\w*|holiday|hospital|surgery|operation|replacement|trip|travel\w*|away for"
    r"|charity|declutter\w*|downsiz\w*|chemo\w*|infection|allerg\w*|respite|care home|stroke|drive|driving|pregnan\w*"
    r"|new baby)\b).*"
    r"\b(gave|given|giving|gives|give) away( all)? (his|her|my|their)( \w+){1,5}( \w+){0,12} (told|tells|telling|asked|asks"
    r"|asking)( \w+){1,3} to (look after|take care of|care for|mind) (his|her|my|their|the)\b",
    # A count no one takes as a dose, and the plan said after it ("if u take like 40 paracetamol ... im planning on doing
    # it tonight"); "would 40 paracetamol interact with the implant?" says no plan and is the model's to weigh.
    # (Not a dose, "40 mg omeprazole", nor tablets carried: "take 28 metformin back to the pharmacy".)
    rf"\b(take|taking|swallow|swallowing)( like| about| around| maybe| roughly)? ([2-9]\d|\d{{3,}}|thirty|forty|fifty|a hundred)"
    rf"(?! ?(mg|mcg|ml|g|milligrams?|micrograms?|units?|iu)\b)( \w+){{0,2}} {_MEDICINE}\b"
    r"(?! (back|with me|abroad|away|on holiday|to|into))( \w+){0,10}"
    r" (planning|plan|going|gonna|want|wanna|decided|about)( on| to)? (do|doing) (it|this)( \w+)? (tonight|today|tomorrow"
    r"|this weekend)\b",
    # Thinking of swallowing a poison to hand ("weed killer in the shed and I keep thinking about drinking it").
    rf"\b{_POISONS}\b( \w+){{0,12}} (thinking|thought|think|want|wanna|going|urge|tempted|tempting|plan)( \w+){{0,3}} "
    r"(drink|drinking|swallow|swallowing|take|taking)\b",
    rf"\b(thinking|thought|think|want|wanna|going|urge|tempted|plan)( \w+){{0,3}} (drink|drinking|swallow|swallowing)"
    rf"( \w+){{0,2}} {_POISONS}\b",
    # Harm done on purpose ("I took pills on purpose"; not "took the stairs on purpose", "cut my hair on purpose").
    rf"\b(took|taken|swallowed)( \w+){{0,4}} {_MEDICINE}( \w+){{0,3}} on purpose\b|\boverdosed on purpose\b",
    r"^(?!.*\b(wasnt|was not|didnt|did not|not|never)( \w+){0,2} (cut|cutting|burned|burnt|burning|hurt|hurting|scratched)\b)"
    r".*\b(cut|cutting|burned|burnt|burning|hurt|hurting|scratched)( my| his| her)? ?(self|arms?|wrists?|legs?|thighs?|skin"
    r"|stomach)( \w+){0,3} (?<!not )(?<!wasnt )on purpose\b",
    r"\b(dont|do not|no longer) want to (live|be alive|be here|wake up|go on)\b",
    r"\b(no|nothing) (reason|point) (to|in) (live|living|going on|carry on)\b",
    r"\bself[ -]?harm\w*",
    r"\b(harm|harming|cut|cutting|burn|burning) my ?self\b",
    r"\b(want|wanting|going|urge|thoughts?|thinking)( \w+)? (to|about|of) (hurt|hurting) my ?self\b",
    # An overdose someone took or means to take; "how much counts as an overdose?" asks for information.
    # ("overdosed on coffee today lol" is a figure of speech.)
    r"\b(overdosed|overdosing)\b(?! on (coffee|caffeine|sugar|chocolate|sweets|candy|cake|carbs|junk food|netflix|tv"
    r"|television|social media|christmas|cheese|pizza|fruit))",
    r"\b(took|take|taken|taking|had|done|did|do) (an |a |another )?overdose\b",
    r"\b(going|want|wanna|plan|planning|about|trying|tried|thinking about|think about) (to )?overdose\b",
    r"\bpoison(ing)? my ?self\b",
    # "I want to go to sleep and not wake up": a wish to die, not a sign of someone unresponsive.
    r"\b(sleep|go to sleep|fall asleep)( forever)? and (not|never) wake( up)?\b|\bsleep forever\b",
    r"\bhope i (wont|will not|dont|do not|never) wake( up)?\b",
    # (Nothing after it but when: not "rather not wake up to another hot flush", "the baby", "groggy".)
    r"\b(rather|prefer to|wish i could|want to)( just)? (not|never) wake( up)?(?=( (again|ever|tomorrow|at all|in the"
    r" morning)\b|$| (because|cause|honestly|tbh)\b))",
    # Affairs put in order, with a calm or a means to hand ("wrote letters to each of my kids and sorted the will out
    # today, i feel oddly calm now ... collect the rest of my tablets all at once").
    r"\b(wrote|written|writing|left) (goodbye )?(letters?|notes?) (to|for) (each of )?(my|the) (kids|children|family|wife"
    r"|husband|partner|son|daughter|mum|mom|dad|parents)\b(?=.*\b(sorted|made|wrote|updated|did) (out )?(my |the )?will\b)"
    r"(?=.*\b(oddly calm|strangely calm|the rest of my (tablets|pills|meds)(?! from)|all at once)\b)",
    # ... or putting oneself to sleep for good, as a pet is ("we'd both be better off if I just put us both to sleep for good").
    # (The writer the one to do it: not "the anaesthetist will put me to sleep", nor "counting sheep won't".)
    r"\b(i|ill|id)( just| could| should| will| would| want to| wanna| am going to| m going to)? put (my ?self|me|us|us both"
    r"|both of us|us all|all of us)( both| all)? to sleep (for good|forever|permanently|and (not|never) wake)\b",
    r"\b(put|putting) (me|my ?self|us) down like (a|an) (dog|cat|pet|animal|horse)\b",
    # Stopping what keeps one alive in order to die ("if i skip my next 3 dialysis sessions will it be quick? i've
    # decided i'm done"); a choice to stop treatment asked about calmly is the model's to weigh.
    r"^(?!.*\b(finished|cleared|cured|switched|the course)\b).*"
    r"\b(stop|stopped|stopping|skip|skipping|quit|miss|missing)( \w+){0,4} (dialysis|insulin|meds|medications?|medicines?"
    r"|tablets|treatment|chemo|transplant)\b( \w+){0,12} (be quick|slip away|just die|let me die|thats what i want"
    r"|im done|i am done|be over|end it|done with (it all|all of it|everything|life))\b",
    # Killing another and oneself ("giving him all his morphine and then taking the rest myself").
    r"\b(give|giving|gave)( \w+){0,2} (him|her|them)( \w+){0,3} (all|the whole)\b( \w+){0,8} (take|taking|swallow)"
    r"( \w+){0,2} (the rest|the others|mine|myself|my ?self)\b",
    rf"\b(take|took|taking|swallow|swallowed) (all|a whole bottle of|the whole bottle of|too many|all of)( \w+){{0,2}} {_PILLS}\b",
    rf"\b(going|gonna|want|wanna|plan|planning|about|thinking about|decided) (to )?(take|taking|swallow|swallowing) "
    rf"(([2-9]\d|\d{{3,}})|all|all of|a (whole|full) (bottle|box|pack) of)( \w+){{0,3}} {_MEDICINE}\b",
    # Everything in the medicine cabinet swallowed "so it all stops" ("thinking of just swallowing everything in the med
    # cabinet so it all stops for good").
    # (Meant, said so: not a toddler "eating everything in the medicine drawer", nor pills taken back to the pharmacy.)
    r"\b(thinking of|thinking about|going to|gonna|want to|wanna|about to|planning to|plan to|decided to)( just)?"
    r" (swallow|swallowing|take|taking|down|downing) (everything|all|the lot|all the (pills|tablets|meds))( thats| that is)?"
    r" (in|from) (the|my|our) (med|meds|medicine|bathroom) (cabinet|cupboard|drawer)\b(?! (back|to the|for disposal))",
    # ... or whether anyone could tell it was on purpose, of a death by medicine ("if someone was found after taking all
    # their insulin would anyone be able to tell it was on purpose"); not a cracked crown or a dead phone.
    r"^(?=.*\b(took|take|taking|overdose\w*|insulin|pills|tablets|meds|methadone)\b).*\b(if (i|someone|somebody|a person)"
    r"|would (anyone|they|the coroner|a coroner|the doctors?|a post mortem|an autopsy))\b( \w+){0,14} (tell|know|find out"
    r"|prove|show) (if |that |whether )?(it|this|that) (was|wasnt) (on purpose|deliberate|intentional|suicide|an accident)\b",
    # Thoughts of harming someone close that the writer does not trust themselves with ("thoughts of pushing my partner
    # down the stairs ... i dont trust myself").
    r"^(?!.*\b(sparring|boxing|chess|by accident|reversing|accident|last year|years ago|feelings|when i tell|if i tell)\b).*"
    r"\b(thoughts?|thinking|urges?|keep picturing|keep imagining)( \w+){0,2} (of|about)? ?(pushing|hurting|harming|killing"
    r"|stabbing|strangling|choking|hitting|smothering) (my|our) (partner|wife|husband|boyfriend|girlfriend|mum|mom|dad"
    r"|mother|father|son|daughter|kids?|children|flatmate)\b(?=.*\b(dont|do not|cant|cannot) trust my ?self|.*\bscared of"
    r" (my ?self|what i might do))",
    # Thoughts of harming one's baby, told by a new parent, are a crisis on every maternity service's list.
    # (Thoughts, urges, pictures: not a worry of an accident, "scared I'll drop the baby with my weak wrist".)
    r"\b(thoughts?|thinking|urges?|keep seeing my ?self|keep picturing|picture my ?self|imagining)( \w+){0,2}"
    r" (to |of |about )?(throw|throwing|drop|dropping|hurt|hurting|harm|harming|smother|smothering"
    r"|shake|shaking|drown|drowning|suffocate|suffocating) ((my|the|our) (baby|babies|newborn|son|daughter|twins)"
    r"|(him|her|them) (until|till|til|to make) (he|she|they|it) (stops? crying|stops? screaming|shuts? up|goes quiet))\b",
    # ... or throwing or hurting a crying baby ("when the baby won't stop screaming I picture throwing her against the wall").
    r"^(?=.*\b(baby|babies|newborn|infant|crying|cries|screaming|screams)\b)"
    r".*\b(picture|picturing|imagine|imagining|thoughts? of|thinking (about|of)"
    r"|urges? to)( my ?self)? (throwing|throw|hurting|hurt|shaking|shake|hitting|hit) (him|her|them|it)"
    r" (against|into|at|down|across|out of)\b",
    r"\b(picture|picturing|imagine|imagining|thoughts? of|thinking (about|of))( \w+){0,2} (putting|holding) a pillow over"
    r" (my|the|our|her|his) (babys |baby )?(face|head)\b",
    # The writer's own recurring thought of driving into something ("i keep thinking about driving into a wall"); a
    # son's fear after a scooter fall, or a drive into a valley, is not it.
    r"\b(i|im|ive)( \w+)? (keep|kept|cant stop|been|have been|ve been) (thinking|thought) (about|of) (driving|crashing"
    r"|steering|swerving)( my car| the car)? (into|off) (a|the|that) (wall|tree|bridge|lorry|truck|cliff|barrier|pillar"
    r"|oncoming)\b",
    # An end sought so that a child has a better parent ("wants to walk into the sea so the babies can have a better mum");
    # getting fit "so the kids can have a better dad" is the opposite.
    r"\b(walk|swim|wade|drive|crash|jump|disappear|die|dead|gone|not here|not around|end it)\b( \w+){0,10} so (\w+ ){0,3}"
    r"(can|could|would|will) (have|get) a better (mum|mom|mother|dad|father|parent|wife|husband)\b",
)

# Asking how much of a medicine it takes to die, or what dose is lethal: looking for a way to die is a warning
# sign on the 988 Lifeline's list, however it is worded, so a question is no less sure ("is 40 ibuprofen enough
# to die", "what's a lethal dose of tylenol?"). When unsure between a question and a crisis, the issue says,
# prefer the crisis reply: "what is a lethal dose of radiation?" gets it too. Only the writer's own death and an
# amount of something count otherwise: "how many people die of the flu", "is my mom sick enough to die", "can 2
# extra doses kill me", "can a 40 degree fever kill me", "can my meds kill me if I drink?" are the model's to weigh.
# What a number counts when it is not pills or tablets ("a 40 degree fever", "took 20 minutes").
_UNITS = (r"(degrees?|mg|milligrams?|mcg|ml|percent|years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?"
          r"|secs?|beers?|drinks?|units?|pounds?|lbs?|kg|kilos?|steps?|miles?|km|times|puffs?|breaths?|iu|micrograms?|g|grams?)")
_AMOUNT = (rf"(\d\d+(?! {_UNITS}\b)|twenty|thirty|forty|fifty|sixty|hundred|a hundred"
           r"|a (whole |full )?(bottle|box|packet|pack|strip|handful)( of)?|all( of)? my)")
_TO_DIE = (r"to( just)? (die|kill (me|myself|my ?self)|end it|end my life|not wake up|never wake up)"
           r"(?!( \w+)? (tired|thirsty|hungry|feeling|groggy|sore|stiff|wheezy|sweaty|early|in|with|at|during|from|because"
           r"|due|so))\b")
_MEANS = _Rules(
    rf"\b(is|are|would|will|be) {_AMOUNT}( \w+){{0,3}} enough {_TO_DIE}",
    # ("how many of my hrt tablets plus the sleeping ones would it take to just not wake up")
    rf"\bhow (many|much)( of)?( my| these| those| the)?( \w+){{1,2}}(( plus| and| with)( \w+){{1,4}})?"
    rf"( (would|will|does|do|did) it)?"
    rf"( take| i need| do i need| would i need| (is|are|would be|will be) enough)? {_TO_DIE}",
    r"\bhow (many|much)( of)?( my| these| those| the)?( \w+){1,2} (would|will|could|does|do|is|are)( it)?"
    r"( take to)? (kill|be fatal to|be lethal to) (me|myself|my ?self|you|a person|someone)\b",
    rf"\b(would|will|could|can|does|do)( \w+){{0,2}} {_AMOUNT}( \w+){{0,2}} (kill|end) (me|myself|my ?self)\b",
    rf"\b(will|would|could|can) i die if i (take|took|swallow|swallowed|drink|drank) {_AMOUNT}",
    r"\b(lethal|fatal|deadly) (dose|amount|overdose|number)\b|\b(before|until|till) (its|it is|it becomes|it gets)"
    r" (lethal|fatal|deadly)\b",
    r"\b(overdose|suicide|death|dying|it)( \w+){0,6} look (accidental|like an accident)\b",
    # Asking for a way to do it ("is there a way to overdose that doesn't hurt", "how do I overdose"); "how do
    # people overdose by accident" and "a way to die in your sleep from sleep apnea" ask about others or a disease.
    r"\b(ways?|methods?) (to|of) (overdose|overdosing|kill(ing)? (me|my ?self|your ?self)|end(ing)? (my|your) (own )?life)\b"
    r"(?!.*\b(by accident|accidentally|by mistake)\b)",
    r"\b(painless|pain free|easy|easiest|quick|quickest|fast|fastest|best|peaceful|simplest|surest) (ways?|methods?) "
    r"(to|of) (die|dying)\b",
    r"\bhow (to|do i|can i|could i|would i|should i) (overdose|od)\b",
    # ... or the gentlest way for someone who wants to end it ("if someone wanted to end things what would be the gentlest
    # way? asking for a friend"); not ending things with a boyfriend, where or how someone dying wants to be cared for
    # ("wants to die at the hospice, what's the best way to arrange that"), nor the best way to help them.
    r"^(?!.*\b(hospice|palliative|end of life|advance care|terminal\w*)\b).*"
    r"\b(wanted|wants|want|wanting|wanna) to (end (it|things|everything|it all|my life|their life|his life|her life)|die)\b"
    r"(?! (with|between|off|up|early|of|from|at|in|on|peacefully|naturally|comfortably|surrounded|there|here|home)\b)"
    r"( \w+){0,10} (gentlest|kindest|most peaceful|painless|least painful|easiest|quickest|surest|best|simplest)"
    r" (way|method|option)\b(?!( \w+){0,3} (help|support|talk|respond|approach|reach|stop|convince|comfort|care|look after"
    r"|arrange|organi[sz]e|plan|set up)\b)",
    r"\b(overdose|overdosing|die|dying) (that|which|without it)( \w+){0,2} (doesnt|does not|wont|will not|hurting|hurt)\b",
    # Joining the dead ("lost too many buddies … about time I went and joined them", "my son died last year and I want
    # to be where he is"): sure whenever the loss was.
    r"\b(lost|died|passed|dead|gone|killed|grave|heaven)\b(?! \d+ (pounds|lbs|kg|kilos|stone))( \w+){0,12}"
    r" (went|go|going|gonna|want to|ready to|time to|time i)( \w+)? (and )?(join|joined|be with) (them|him|her)\b"
    r"|\b(died|passed|dead|gone)\b( \w+){0,10} (want|wanna|ready) to be where (he|she|they) (is|are)\b",
    # Not meaning to be around much longer, asked or not: the question around it is no real question ("whats the point of
    # rehab when i dont plan on being around much longer"); not a move, a job or a ward ("I don't plan on being around
    # much longer, we're moving to Leeds"), nor a prognosis told ("stage 4 cancer and I don't expect to be around much
    # longer, how do I write an advance care plan?").
    r"^(?!.*\b(cancer|stage (\d|four|iv)|terminal\w*|prognosis|palliative|hospice|advance care|spread|(weeks|months) to live"
    r"|motor neurone|mnd|als|heart failure)\b).*"
    r"\b(dont|do not|no longer) (intend|plan|expect|mean) (on being|to be) around( for)? (much|very)( much)? long(er)?\b"
    r"(?!( \w+){0,8} (move|moving|moved|emigrat\w*|relocat\w*|job|company|contract|ward|discharged|retir\w*|leaving"
    r"|transfer\w*)\b)",
    # A whole pen or supply of a medicine at once, to sleep ("thinking about injecting the whole pen of novorapid at once
    # and just going to sleep. is that weird"); asked or not, a means is named. (Not a pen used up over a week.)
    r"\b(inject|injecting|injected|take|taking|use|using|do|doing|swallow|swallowing)( \w+)? (the|a|my) whole (pen|pens"
    r"|vial|cartridge|box|bottle|pack|packet|supply|stash)\b( of \w+)?( \w+){0,3} (at once|in one go|all at once)( \w+){0,3}"
    r" (sleep|go to sleep|going to sleep|drift off|drifting off|not wake|never wake|be done|end it)\b",
    # A way to die named, asked about or not ("what happens to your body if you hang yourself").
    r"\b(hang|hanging|hanged|hung) (my|your|him|her|them|our) ?(self|selves)\b(?! ?(portraits?|photos?|pictures?))",
    r"\b(slit|slitting|slash|slashing) (my|your|his|her|their) (wrists?|throat)\b",
    r"\b(cut|cutting) (my|your|his|her|their) wrists\b",  # one wrist cut is as often an accident
    # ("jumping off the roof of the shed" tells of an accident.)
    r"\b(want|wanna|going|gonna|thinking about|thought about|think about|plan|planning|decided|ready|about|tells me"
    r"|telling me|told me) (to )?"
    r"(jump|jumping) (off|from|in front of) (a|the|that|this) (bridge|building|roof|cliff|balcony|tower|train|car|bus)\b",
    # ... or whether dying by one hurts ("is it painful to die from carbon monoxide"; "from cancer" asks about a disease)
    r"\b(painful|hurt|hurts|quick|peaceful|painless|fast)( \w+){0,2} (die|death|dying) (from|by|of|with|in) (the |a )?"
    r"(carbon monoxide|car exhaust|exhaust fumes|fumes|gun|gunshot|hanging|drowning|jumping|pills|an overdose|overdose"
    r"|bleeding out|starving|freezing|poison|bleach|weed ?killer)\b",
    # ... or whether one hurts, or how many it would take ("is tylenol overdose painful", "can u overdose on benadryl,
    # like how many would it take"); "how much counts as an overdose?" asks what the word means.
    r"\b(overdose|overdosing)( \w+){0,2} (painful|hurt|hurts|quick|peaceful)\b"
    r"|\b(painless|painful|quick|peaceful) to (overdose|od)\b",
    r"\bdoes (hanging|drowning) (yourself |oneself )?(hurt|feel)\b",
    r"\b(die|dying) (from|by) (hanging|being hanged|a noose)\b",
    r"\bhow (long|much time)( does it| would it| will it| do you| till you| until you)?( take)?( to)?( for me to)?"
    r" (bleed out|bleed to death)( \w+){0,3} (wrist|wrists|arm|throat|neck)\b",
    r"\b(overdos\w*|od)\b( \w+){0,8} how (many|much)( \w+){0,3} (would|will|does|do|did|could) it take\b",
    # Meaning to swallow a whole box with an end said, however it is asked ("what's the strongest painkiller I can buy, i
    # want to take the whole box tonight"); "I want to take the whole pack with me on the trip" says none.
    r"\b(going|gonna|want|wanna|plan|planning|about|thinking about|decided) (to )?(take|taking|swallow|swallowing) "
    r"(the|a|this|that) (whole|entire|full) (box|bottle|pack|packet|strip|tub|lot)\b( \w+){0,6}"
    r" (tonight|and be done|be done with|and end|end it|and die|and not wake|and never wake|and sleep forever"
    r"|in one go|all at once|at once)\b",
    # ("is it painless to go in your sleep if you take all your blood pressure pills at once")
    r"\b(painless|peaceful)( \w+){0,3} (to )?(go|die|pass away|slip away)(?! (back )?to sleep)( in (my|your|their) sleep)?"
    r"( \w+){0,3} (if|after)? ?(you|i|someone|somebody|a person)? ?(take|took|taking|swallow|swallowed) (all|the whole)"
    r"( \w+){0,4} (pills|tablets|meds|medicine|medication)\b(?!( \w+){0,4} as prescribed)",
    # ("if someone took all their antimalarials at once would it be quick?")
    r"\b(took|take|taking|swallowed|swallow) (all|the whole|a whole|too many)( \w+){0,4} (at once|in one go|together)"
    r" (would|will|does|is) (it|that|death|dying)( be)? (quick|painless|peaceful|fast)\b(?! to)",
)

# Someone else who can't be woken or isn't breathing ("my brother took his pills and won't wake up"); the writer's
# own "I want to sleep and not wake up" is a wish, not a sign.
_SOMEONE = r"(he|she|they|him|her|them|hes|shes|theyre|my \w+|friend|brother|sister|mum|mom|dad|son|daughter|wife|husband|partner)"
_NOT_WAKING = r"(wont|will not|cant|cannot|can not|doesnt|does not|isnt|is not|not) (wake|waking|be woken|be roused|breathing)"
# An overdose or an attempt already made, with its signs now ("I already took all the pills in the bottle. I'm
# feeling sleepy."): the body needs the emergency number first, as for someone who can't be woken.
_ATTEMPTED = _rx(r"\b(already|just) (took|taken|swallowed|drank|did it)\b", r"\bon purpose\b",
                 r"\btried to hang\b",
                 r"\boverdosed\b", r"\btried to (kill|end it|hurt|overdose)\b",
                 r"\b(cut|slit|slashed) (my|his|her|their) (wrists?|throat)\b", r"\b(hanged|hung) (him|her|my|them) ?self\b",
                 rf"\b(took|taken|swallowed) (all|the whole|a whole|too many)( \w+){{0,3}} {_PILLS}\b")
_SIGNS_NOW = _rx(r"\b(sleepy|drowsy|stay awake|throwing up|vomiting|puking|being sick|sick now|really sick|so sick|feel sick"
                 r"|feeling sick|feel ill|feeling ill|nauseous|nausea"
                 r"|dizzy|confused|blue|grey|gray|not breathing|breathing (slow|slowly|weird|funny|shallow)|cant breathe"
                 r"|(trouble|difficulty|struggling|hard) (to )?breath\w*"
                 r"|seizure|fitting|shaking|fading|passing out|pass out|blacking out|black out|cold and clammy"
                 r"|blood|bleeding|hoarse|cant swallow"
                 r"|neck (hurts|is sore))\b")
# ... but not when the attempt is told as long past ("I overdosed once when I was 16. Now I'm dizzy ...").
_YEARS_AGO = re.compile(r"\b(in (19|20)\d\d|when i was (a |\d)|(years?|months?) ago|last (month|year)"
                        r"|as a (teen|teenager|kid|child))\b")
_UNRESPONSIVE = _rx(
    rf"\b{_SOMEONE}( \w+){{0,3}} {_NOT_WAKING}\b",
    rf"\b{_SOMEONE}( \w+){{0,2}} (took|has taken|had taken|swallowed|drank|had)( \w+){{0,10}} {_NOT_WAKING}\b",
    rf"\b{_SOMEONE}( \w+){{0,3}} (not responding|isnt responding|is not responding|barely breathing)\b",
    r"\b(passed out|unconscious|unresponsive|stopped breathing)\b",
)

# Signs that need emergency care now, whoever has them.
_EMERGENCY = _Rules(
    r"\bchest (pain|pains|hurts|pressure|tightness|is tight)\b",
    # ("my chest feels tight after the bench press" and "the toy chest is too heavy" are no such sign.)
    r"\b(my|his|her|their) chest( \w+){0,5} (hurting|crushing|crushed|squeezing|squeezed)\b",
    r"\b(my|his|her|their) chest (is|feels|felt|has been|has felt|keeps feeling) (so |really |very )?(heavy|tight)\b"
    r"(?!( \w+){0,4} (cold|cough|flu|phlegm|workout|gym|exercise|exercising|bench|press|lifting|run|running|asthma|inhaler))",
    r"\b(pain|pressure|tightness|heaviness|squeezing|crushing (feeling|sensation|weight)) (in|on) (my|the|his|her) chest\b",
    r"\bheart attack\b",
    rf"\b{_CANT} (breathe|breath|catch my breath)\b",
    r"\b(trouble|difficulty|struggling) breathing\b",
    r"\bshort(ness)? of breath\b",
    r"\b(face|mouth|smile) (is )?(drooping|droops|droopy)\b",
    r"\bslurr(ed|ing)\b",
    rf"\b{_CANT} (move|feel)( my| the)?( \w+)? {_LIMB}\b",
    rf"\b{_CANT} (move|feel) (at all|anything)\b",
    r"\bparaly[sz]\w*",
    rf"\b{_CANT} (control|hold|feel)( \w+)? (my )?(bladder|bowels?|pee|urine|poop|stool)\b",
    r"\b(lost|losing|loss of|no) (control of )?(my )?(bladder|bowels?)( control)?\b",
    r"\b(wet|wetting|soiled|peed|pooped|pooping|peeing) my ?self\b",
    r"\bnumb\w* (between|around|in) (my )?(legs|groin|genitals|inner thighs?|private)\b",
    r"\bsaddle (area )?numb\w*",
    r"\bbone (is )?(sticking|poking) out\b",
    r"\b(bleeding|blood) (wont|will not|doesnt|does not) stop\b",
    # ("blood keeps pouring from the needle spot", "still gushing blood after the extraction")
    r"^(?!.*\b(periods?|film|movie|horror|tv|not gushing|as long as)\b).*(\b(gushing|pouring|spurting|squirting|spraying)"
    r"( out)? (blood|with blood)\b|\bblood (is |keeps |kept |still )?(gushing|pouring|spurting|squirting|spraying)( out)?"
    r" (from|out of)\b)",
    # Flashes and a shadow or curtain over one eye (a retina coming away).
    r"^(?!.*\b(aura|migraine|zigzag|eyelid|droopy|photo|picture|look out for|no shadow|last year|years ago)\b)"
    r"(?=.*\b(now|since|started|suddenly|just|ago|today)\b).*(\b(flash|flashes|flashing)( \w+){0,8} (shadow|curtain|veil)"
    r" (coming|came|moving|over|across|down)\b|\b(shadow|curtain|veil) (coming|came|moving|going) (down |across |up |in )?"
    r"(over|across|from) (my|one|the|his|her) (eye|vision|edge)\b)",

    r"\b(heavy|severe|a lot of|lots of) bleeding\b",
    r"\b(throat|tongue|lips?) (is |are )?(swelling|swollen|closing)\b",
    r"\banaphyla\w*",
    r"\b(passed out|fainted|unconscious|unresponsive|having a seizure)\b",
    # Seeing things that are not there days after stopping drink (delirium tremens: "day 3 no drinking and im seeing
    # bugs crawling up the walls").
    r"^(?=.*\b(no (drinking|drink|booze|alcohol)|stopped drinking|off the (drink|booze)|(alcohol|drink|booze) (withdrawal|detox)"
    r"|withdrawal from (alcohol|drink|booze)|detox\w* (from|off) (alcohol|drink|booze)|without a drink)\b)"
    r".*\b(seeing|see|hearing|hear) (bugs|insects|spiders|ants|things|people|snakes)( \w+){0,2} (crawling|that"
    r" (arent|are not|wasnt|isnt|werent) there|on the walls?|up the walls?)\b",
    # An asthma attack now ("help asthma attack", "my son is having an asthma attack"); asked about, the model weighs it.
    # (Not how to help someone having one.)
    r"^(?!.*\b(someone|somebody|a person|people|anyone|a child|a kid|others)\b).*"
    r"\b(help|having|got|in|is having|s having|mid)( an| a)?( bad| severe| really bad| serious| massive| big)? asthma attack\b",
    # A catheter not draining with pain, a hard belly or a fever.
    r"\bcatheters?( \w+){0,3} (not draining|isnt draining|stopped draining|blocked|not working|nothing coming out|no urine)\b"
    r"(?=.*\b(pain|painful|sore|agony|swollen|hard|bloated|fever|shivering|shaking|temp|temperature|3[89])\b)",
    # Wheezing or a tight throat after a sting or a food someone is allergic to ("gone all blotchy and is wheezing after a
    # bee sting, says he's allergic, no pen on him").
    r"^(?=.*\b(sting|stung|allergic|allergy|peanuts?|nuts|shellfish|prawns|epipen|epi pen|auto ?injector)\b)"
    r"(?!.*\b(years? ago|as a (kid|child)|back in|last (year|summer)|once)\b)"
    r".*\b(wheez\w*|throat (is |feels |getting |going )?(tight|closing|swelling|swollen)|cant swallow|struggling to breathe)\b",
    # A wound come apart ("my sternum wound has split open"; a caesarean wound gaping); asked about, the model weighs it.
    # (Not a dressing, a spot on a scar, nor memories or an old wound of grief that open up.)
    r"^(?!.*\b(memories|memory|feelings|old wounds?|grief|dressing|plaster|bandage|spot|pimple|blister)\b).*"
    r"\b(wound|incision|sternum|breastbone|c ?section|caesarean|cesarean|scar)( \w+){0,3} (has |have |is |are |just |has just"
    r" |had )?(split|burst|come apart|came apart|coming apart|opened|opened up|reopened|re opened|popped open|pulled apart"
    r"|broken open|gaping)\b",
    # An implanted defibrillator firing more than once ("my ICD just shocked me 3 times in the last half hour").
    r"\b(icd|defibrillator|defib)( \w+){0,3} (shocked|zapped|fired|went off|gone off|has gone off|keeps going off|keeps"
    r" shocking|keeps firing)( me| him| her)?( \w+){0,2} (twice|again and again|([2-9]|\d\d+|two|three|four|five|six|several"
    r"|multiple|a few|few|a couple of|couple of) times|more than once|repeatedly)\b(?!( \w+){0,2} (years?|months?|ago)\b)",
    r"\bjust had (a|another|a first|a febrile|her first|his first) (fit|seizure|convulsion)\b(?! (of|test|check))"
    r"(?!( \w+){0,4} (because|over|when|about))",
    r"\b(seizing|convulsing|having a fit|having fits)\b",
    r"\bworst headache\b",
    # ("... need to not wake up thirsty" is a purpose, never a sign.)
    r"\b(wont|will not|cant|cannot|can not|doesnt|does not|(?<!to )(?<!rather )(?<!rather just )not) (wake|waking|be woken"
    r"|be roused)\b",
    r"\b(not|stopped|isnt|is not|arent|are not|hasnt|wasnt) breathing\b",
    r"\b(turning|turned|gone|going) (blue|grey|gray)\b|\blips (are |have |went |turned )?(gone )?blue\b",
    r"\b(is|are|started|keeps|keep) choking\b",
    r"\bcough(ing|ed|s)? (up )?blood\b",
    r"\b(really|very|so|extremely|too) (breathless|out of breath)\b|\b(cant|cannot) (lie|lay) (down )?flat\b",
    r"\b(stopped|not|havent|have not|no longer) (been )?(peeing|urinating|passing urine|weeing)\b",
    # Dialysis missed, with the heart or breath telling of what builds up ("heart feels like it's fluttering").
    r"\b(missed|skipped|skip|miss) (my |a |the )?dialysis\b( \w+){0,12} (heart|palpitations|flutter\w*|weak|breathless"
    r"|short of breath|chest|swollen|swelling|confused)\b",
    # A head hit, and then vomiting or drowsiness ("rolled off the changing table and hit her head and now shes
    # vomiting and really sleepy").
    r"\b(hit|banged|bumped|knocked|smacked|cracked)( \w+)? (his|her|their|my|the babys|its) head\b( \w+){0,6}"
    r" (now|since|since then|and then|after that|afterwards|started|keeps|has been|hasnt stopped)( \w+){0,4}"
    r" (vomiting|vomited|throwing up|thrown up|being sick|sleepy|drowsy|wont wake|hard to wake|confused|floppy"
    r"|fitting|seizure|unconscious|knocked out)\b",
    # Someone suddenly confused ("used my insulin pen and now he's shaky and not making sense"): a hypo, a stroke or
    # sepsis; "the leaflet isn't making sense" and "he says the dose isn't making sense to him" are no sign.
    # (Sudden, said so: a parent with dementia "not making sense most evenings" is not news.)
    r"\b(now|suddenly|all of a sudden)( (he|she|they|hes|shes|theyre|he is|she is|they are|my \w+|mum|mom|dad|nan))?"
    r"( is| s| isnt| is not| are| arent)?( \w+ and)? (not making (any )?sense|making no sense|talking (nonsense|gibberish"
    r"|rubbish))\b(?! (of|to (me|him|her|them)|about|when|with))(?!.*\b(dementia|alzheimers?|deaf|drunk|in (his|her|their)"
    r" sleep)\b)",
    # An animal bite that is deep, bleeding or swelling (rabies abroad, infection).
    r"\b(dog|cat|monkey|bat|snake|fox|animal)s?( \w+){0,2} (bit|has bitten|bitten|bite)\b( \w+){0,12}"
    r" (deep|still bleeding|bleeding (a lot|heavily|badly)|wont stop bleeding|pouring|swelling up|is swelling|really swollen"
    r"|very swollen|red and hot|hot and red)\b(?!( \w+){0,6} (getting better|healing|last week|days ago))",
    # A part of the body cut off ("cut two fingers clean off on the table saw").
    r"\b(cut|chopped|sliced|sawed|sawn|torn|ripped|severed)( \w+){0,3} (fingers?|fingertips?|toes?|thumbs?|hand|arm|leg"
    r"|foot|ear)( (clean|right|completely|clear))? off\b|\b(fingers?|fingertips?|toes?|thumbs?|hand|arm|leg|foot)"
    r" (is |was |got |came )?(cut|chopped|torn|ripped|severed) off\b",
    # A small child and a medicine box found open or emptied ("my pill organizer open, monday through thursday are empty").
    r"\b(kid|child|toddler|baby|son|daughter|grandson|granddaughter|grandkid|grandchild|\d+ ?(yr|year|month) old)\b"
    r"( \w+){0,10} (pills?|tablets|meds|medicines?|pill organi[sz]er|pill ?box|pill bottle|medicine bottle|blister)\b"
    r"( \w+){0,8}"
    r" (open|opened|empty|emptied|missing|gone)\b",
    r"\b(got into|into my|into the|chewed|ate|eaten|swallowed)( \w+)? (pills|tablets|meds|medicine|pill organi[sz]er|pill ?box)\b"
    r"(?=( \w+){0,10} (kid|child|toddler|baby|son|daughter|grandson|granddaughter|\d+ ?(yr|year|month) old)\b)",
)
# Many pills or doses of a medicine swallowed at once, whyever and however the writer feels: "feel fine" is the
# early phase of a paracetamol or iron overdose, and the embedding model cannot tell 30 tablets from 2. Not a count
# of anything else ("took 20 tries", "a handful of almonds"), nor doses spread over time ("28 paracetamol over two
# weeks", "30 ibuprofen this month", "as prescribed").
_MANY = (rf"(([1-9]\d|\d{{3,}})(?! ?{_UNITS}\b)|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
         r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds of"
         r"|a (whole|full) (bottle|box|pack|packet|strip|tub|blister pack|sheet) of|the (whole|full) (bottle|box|pack|packet)( of)?"
         r"|a handful of|a bunch of|a load of|loads of|all (of )?(my|his|her|their|the)"
         r"|(a|my|the|his|her) (whole|full|entire) (weeks?|months?|days?)( worth of| supply of)?)")
# Doses spread over time, said within a few words of the medicine ("since Monday", "1 every 6 hours", "over the weekend",
# "as the nurse told me"); further on, "I've been on it for 2 years" says nothing of how the pills were taken.
_SPREAD = (r"(?!( \w+){0,12} (since (monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last|the weekend"
           r"|\d+ days|my (operation|surgery)|(my|the) (last|first) \w+)"
           r"|every (\d+|two|three|four|six|eight|twelve) hours|every (morning|night|day|evening)"
           r"|throughout the day|a day|per day|each day|a week|this (week|month)"
           r"|during (my|the|his|her) (hospital )?stay"
           r"|(over|in|during|across|within) (the )?((last|past|next|coming|this|several|few|a|couple|of|bank|holiday|one|two"
           r"|three|four|five|six|\d+) ){0,3}(days?|weeks?|weekend|months?|years?)"
           r"|as (prescribed|directed|told|the (gp|doctor|nurse|pharmacist) (said|told))))")
# ... or before it ("Over the past two weeks I've taken 28 paracetamol").
_SPREAD_BEFORE = re.compile(r"\b(over|in|during|across|within) (the )?(past|last|next) (\w+ )?(days?|weeks?|months?)\b")
# (The words between the count and the medicine name it, never count it again: "10 of the 28 tablets", "14 different
# medications" tell of a course or a list.)
_TAKEN_MANY = re.compile(
    # ("tooke": the typo corrector would make it "take", a habit.)
    rf"\b(took+e?|tok|taken|sw[ao]ll?owe?d|ate|eaten|drank|downed)( (like|about|around|maybe|over|nearly|almost|at least|roughly"
    rf"|just|already))? {_MANY}(?! different)( of (my|his|her|their|the|those|these))?( (my|his|her|their) [a-z]+s)?"
    rf"( (\d+ ?(mg|mcg|g)|x|[a-z]+)){{0,2}}"
    rf" {_MEDICINE}\b"
    rf"{_SPREAD}")

# Chest pain that spreads to the jaw, arm, neck or back: a heart attack's sign however it is asked ("how long should I
# wait to see if this chest pain goes away? it's been 40 min and it's spreading to my jaw").
_CHEST_SPREADING = re.compile(r"\bchest (pain|pains|pressure|tightness|hurts|ache|is hurting)\b( \w+){0,10} (spreading|spreads"
                              r"|spread|radiating|moving|shooting|goes|going down|travels|travelling)( down| up)?( (in)?to)?"
                              r" (my|his|her|the|both) (jaw|left arm|arms?|neck|back|shoulders?)\b")

# Pain in the jaw or left arm with sweating, sickness or breathlessness: a heart attack without chest pain, as women
# and older people often have it ("feel sick with jaw ache and sweating after shovelling snow"). Not a tooth's pain.
_HEART_PAIN = re.compile(r"\b(jaw|left arm)( \w+){0,2} (ache|aches|aching|pain|pains|hurts|hurting|is sore|tightness)\b"
                         r"|\b(ache|aching|pain|pains|tightness|heaviness) (in|down|up) (my|his|her|the) (jaw|left arm)\b")
_HEART_WITH = re.compile(r"\b(sweat|sweats|sweating|sweaty|clammy|feel sick|feeling sick|felt sick|nause\w*|vomit\w*"
                         r"|breathless|short of breath|out of breath)\b")
# ... nor an ache with a cause of its own: a tooth, a jab in that arm, a workout.
_ACHE_CAUSE = re.compile(r"\b(tooth|teeth|dentist|dental|wisdom|braces?|grind\w*|clench\w*|tmj|gum|gums|chewing|jab|jabs"
                         r"|vaccine|vaccination|injection|shot|booster|gym|workout|lifting|weights|press ups|push ups|flu|cold"
                         r"|infection|mumps|ear|earache|root canal|retainer|cannula|blood test|crutches|tennis|carrying"
                         r"|chemo|chemotherapy|at night)\b")
_ON_CHEMO = re.compile(r"\b(my|on|after|since|from|had|having|doing|started|last) (\w+ )?(chemo|chemotherapy)\b"
                      r"|\b(my|low) (blood|white( blood)?|neutrophil) (counts?|cells)( (were|are|is|was) low)?\b")
# A question about chemotherapy fevers in general ("what counts as a fever after chemo?") is the documents' to answer.
_IN_GENERAL = re.compile(r"\b(counts? as|what is|whats|what temperature|when should|when do|in general|is it normal for people)\b")
# A leg turned the wrong way after a fall or a clunk, and no weight on it: a dislocated or broken hip ("heard a clunk,
# now my leg's turned in and I can't put any weight on it"). Not a posture ("my foot is turned in when I stand"), an
# exercise ("with your leg turned out slightly") or "turned out ok".
_LEG_TURNED = re.compile(r"\b(leg|legs|foot|knee)( has| is| s)?( now| gone| all)? (turned|twisted|rotated|pointing|points|bent)"
                         r"( right| all the way| round)? (in|out|inwards|outwards|inward|outward|sideways|the wrong way)\b"
                         r"(?! (ok|okay|fine|alright|all right|to be|well|great|good|slightly|a bit|when))")
_INJURED = re.compile(r"\b(fell|fall|fallen|tripped|slipped|clunk|pop|popped|crack|cracked|snap|snapped|dislocat\w*)\b")
_NO_WEIGHT = re.compile(rf"\b{_CANT} (put|bear|take|stand|walk|move)\b|\b(agony|unbearable|screaming)\b")
_MALARIA = re.compile(r"\b(malaria|antimalarials?|anti malarials?|anti malaria|malarone)\b")  # (doxycycline treats acne too)
_IF_EVER = re.compile(r"\b(if|what if|in case) (i|we|you|he|she|they|my \w+) (get|gets|got|have|has|develop|develops|start)\b")
# Birth under way or its emergencies ("I can see the head", "the cord is coming out before the baby"), in labour: not the
# head of a tick or a femur, a charger's cord, nor a birth told as over.
_BIRTH_SIGN = re.compile(r"\b(can see|seeing|i see) (the|her|its|his) (babys |baby )?(head|hair)\b|\bbaby is (crowning"
                         r"|coming out)\b|\bcord( is)? (coming|came|hanging|sticking) out\b|\bcord prolapse\b")
_IN_LABOUR = re.compile(r"\b(labou?r|contractions|pushing|waters|(\d\d|thirty|forty) ?(weeks|wks)|before the baby"
                        r"|ambulance|no midwife|midwife not|coming now)\b")
# A child's (or anyone's) ribs, chest or neck sucking in with each breath: the breathing muscles working too hard.
_RECESSION = re.compile(r"\b(ribs|chest|neck|tummy|belly|stomach|skin)( \w+){0,3} (is |are |keeps |keep )?(sucking|pulling"
                        r"|caving|sinking) in\b(?=.*\b(breath\w*|asthma|wheez\w*|inhaler|cough\w*)\b)")
# Skin blistering or coming off, with a fever, after a new medicine: Stevens-Johnson syndrome (not sunburn or a scald).
_SKIN_OFF = re.compile(r"\b(skins?|rash|lips?|mouth|eyes)( \w+){0,8} (blister\w*|peel\w*|coming off|came off|sloughing"
                       r"|shedding)\b|\b(blister\w*|peeling)( \w+){0,3} (skin|rash|mouth|lips|eyes)\b")
_NEW_MEDICINE = re.compile(r"\b(new|started|starting|since)( \w+){0,3} (tablets?|medicines?|meds?|medication|pills?|antibiotics?"
                           r"|drugs?|capsules?)\b")
_SUN = re.compile(r"\b(sun\w*|burn|burnt|burned|scald\w*|athletes foot|heels|cold sore)\b")
# Ketones raised: said so, or a reading of 1.5 mmol/L or more (the text has lost its decimal point: "3 8" is 3.8).
_KETONES = re.compile(r"\b(ketones?( levels?| reading| test)?( are| is| of| at| was| were| came back| showed)?"
                      r" (high|raised|up|large|moderate|([2-9]|[1-9]\d|1 [5-9])\b)|(high|raised|large|moderate) ketones)")
_DIABETES = re.compile(r"\b(type 1|type one|t1d?|diabetic|diabetes|insulin|insulin pump|pump site)\b")
_DKA_SIGN = re.compile(r"\b(breathing (really |very |so )?(fast|deep|deeply|heavy|heavily|hard)|breathing like (she|he|they|i|you)"
                       r"( has| have| had| just)? (ran|run|been running|did)|panting|fruity|pear drops)\b")
_DKA_IF = re.compile(r"\b(if|what if|in case|when|whenever)( \w+){0,3} (ketones|vomit\w*|sick|throw\w* up)\b")
_VOMITING = re.compile(r"\b(vomit\w*|throwing up|thrown up|threw up|being sick|been sick|sick \d+ times"
                       r"|sick (three|four|five|several) times|puking|cant keep (anything|water|fluids|food|it) down)\b")
# A painful eye that can barely see (after an operation, an infection or acute glaucoma): urgent eye care now.
_EYE_PAIN = re.compile(r"\beyes?\b( \w+){0,6} (in agony|agony|agonising|agonizing|excruciating|(really|so|super|very|extremely)"
                       r" (painful|hurts|hurting)|severe pain)\b"
                       r"|\b(severe|excruciating|agonising|agonizing|terrible) (pain|ache)( \w+){0,3} (in|behind)"
                       r" (my|his|her|the|one) eyes?\b")
_CANT_SEE = re.compile(r"\b(cant|cannot|can not|can barely|can hardly|barely|hardly|couldnt|could barely) see\b"
                       r"(?! (the point|without|to read|the screen))"
                       r"|\blost (the |my |his |her )?(sight|vision)\b|\bvision (has )?(gone|went) (dark|black)\b")
# Thoughts of shaking a child "until she stops", where the crying is what is to stop.
_SHAKE_THOUGHT = re.compile(r"\b(thoughts?|thinking|urges?|keep picturing|keep imagining|feel like)( \w+){0,2} (of |about )?"
                            r"(shaking|shake) (him|her) (until|till|til) (he|she) stops\b")
_CRYING = re.compile(r"\b(cry|crying|cries|cried|screaming|screams|baby|newborn|colic\w*)\b")
# A swollen calf or leg with breathlessness, a racing heart or fainting: a clot that may have reached the lungs.
_CALF = re.compile(r"\b(calf|calves|legs?|ankles?)( \w+){0,4} (swollen|swelling|puffy|hot and red|red and hot)\b"
                   r"|\b(swollen|swelling in (my|the|his|her)|hot|puffy) (calf|calves|legs?|ankles?)\b")
# ... not a swelling that is always there or comes with effort (lymphoedema, a stump after physio, heart failure).
_CALF_OTHER = re.compile(r"\b(always|lymph\w*|stump|residual|walking|stairs|physio|frame|heart failure|exercise)\b")
_CLOT_SIGN = re.compile(r"\b(breathless|short of breath|out of breath|cant breathe|racing heart|heart (is )?racing"
                        r"|heart pounding|faint|fainted|chest pain|coughing (up )?blood)\b")
# A chemical or glue in the eye: rinse and get help now, however it is asked ("got bleach in my eye, how long should I
# rinse?"); not "I wear goggles so no chemicals get in my eyes".
_EYE_CHEMICAL = re.compile(
    r"^(?!.*\b(goggles|so no|for a second|fine now|totally fine|yesterday|last week|if|in case|kit|count as|always)\b)"
    r".*\b(super ?glue|nail glue"
    r"|lash glue|bleach|chemicals?|acid|oven cleaner|drain cleaner|cement|ammonia|pepper spray|sanitiser|sanitizer"
    r"|detergent)( \w+){0,3} (in|into|splashed in|splashed into|sprayed in|sprayed into|squirted in|squirted into|got in"
    r"|got into|went in|went into) (my|his|her|their|the babys|both|my \w+s) eyes?\b")
_EYE_OTHER = re.compile(r"\b(dilat\w*|screen|hay ?fever|styes?|sty|crying|contact lens\w*|contacts|glasses|lenses)\b")
# A sign's onset told, which makes it someone's now ("is it normal to see flashes ...? started about an hour ago").
_ONSET = re.compile(r"\b(started|began|came on|come on|happened)( about| around| like)? (an? |\d+ |a few |few |couple of )?"
                    r"(minutes?|mins?|hours?|hrs?) ago\b|\b(started|began|came on) just now\b")
# Asked for a course or a job, of anyone ("if someone is having a hypo and has passed out what should you NOT do? asking
# for general knowledge for my job as a carer").
_HYPOTHETICAL = re.compile(r"\b(general knowledge|hypothetically|for (my|a) (job|course|exam|training|class|essay|first aid"
                           r"|work))\b")
_ANYONE = re.compile(r"\b(if|when|what if) (someone|somebody|a person|people|you|a patient|a resident|a client)\b")
# ... unless a real person or a present time is named ("for my job as a carer, my client just collapsed").
_SOMEONE_REAL = re.compile(r"\b(just|right now|now|at the moment|my (client|resident|patient|service user|nan|gran|mum|mom"
                           r"|dad|husband|wife|son|daughter|friend))\b")
_BORN = re.compile(r"\b(was born|were born|born \w+ (days|weeks|months) ago|(weeks|months) ago)\b")
_PAST = re.compile(r"\b(last (year|month|week)|(\w+ )?(days?|years?|months?|weeks?) ago|in (19|20)\d\d)\b")  # told as over

# A fever in a baby under three months is an emergency on every national health service's list, and so is one
# who won't feed or is floppy.
_INFANT_AGE = r"(([1-9]|[1-8]\d) ?(day|days)|([1-9]|1[0-2]) ?(week|weeks|wk|wks)|(1|one|2|two) ?(month|months))"
# ("a fever for 3 days" is no age: the age is "N weeks old", or said of the baby.)
_YOUNG_INFANT = (rf"\b(newborn|new born|{_INFANT_AGE} old|(baby|infant|newborn|she|he|shes|hes|daughter|son)( is)? "
                 rf"{_INFANT_AGE}(?! ago))\b")
# ... the baby the one unwell, said right after its age ("my 3 week old is floppy and not feeding"; not "I'm not eating
# much, my baby is 4 weeks old", nor "not feeding as much as usual").
_UNWELL_INFANT = re.compile(_YOUNG_INFANT + r"( \w+){0,5} (not feeding|wont feed|will not feed|not eating|wont eat"
                            r"|refusing (to feed|feeds)|(?<!head is )(?<!head )floppy|limp|hard to wake)\b"
                            r"(?! as (much|well|often)| (from|on|with) the bottle)")
_NO_FEVER = re.compile(r"\b(no|without|not|hasnt|hasnt had|doesnt have|isnt|never had)( a| any)?"
                       r" (fever|feverish|temperature|temp)\b")
# Sudden loss of strength or feeling, or fever with a hot, red, swollen site: both halves needed.
_SUDDEN = _words("sudden", "suddenly", "all of a sudden", "out of nowhere", "just now", "now", "whole", "both",
                 "completely", "after (the|my) (injection|shot|fall)")
_NEURO = _words("numb", "numbness", "weak", "weakness", "dead", "cant stand", "cant walk", "cannot stand",
                "cannot walk", "collapsed", "gave out", "gives out")
_SEVERE = rf"{_CANT}|" + _words("whole", "both", "sudden", "suddenly")
_FEVER = _words("fever", "feverish", "chills", "burning up", "shivering", "temperature of", "high temperature",
                "(have|having|running|got) a temperature", r"(temp|temperature) (is |of |was )?(3[89]|4[01]|10\d)")
_SITE = _words("red", "hot", "swollen", "swelling", "pus", "oozing", "streak", "streaks", "injection", "shot",
               "site", "wound")

# Words the typo corrector must know, so that a misspelt emergency is still recognised.
SAFETY_WORDS = frozenset(
    "suicide suicidal overdose overdosing kill die dead chest breathe breathing paralyzed paralysed bladder "
    "bowel bowels numb numbness weak weakness fever bleeding unconscious seizure pills breath burden swallowed took"
    .split()) | MEDICINES


def detect_safety(message: str) -> Intent | None:
    """Crisis or emergency, decided on the words alone, before any retrieval."""
    text = " ".join(re.sub(r"[^\w\s]", " ", normalize(message)).split())
    means, crisis = bool(_MEANS.search(text)), bool(_CRISIS.search(text))
    if (means or crisis) and (
            _UNRESPONSIVE.search(text)
            or (_ATTEMPTED.search(text) and _SIGNS_NOW.search(text) and not _YEARS_AGO.search(text))):
        return Intent("emergency")  # someone who can't be woken needs the emergency number first, whatever they took
    if _SHAKE_THOUGHT.search(text) and _CRYING.search(text):
        return Intent("crisis", sure=True)  # asked or not: "is it normal to feel like shaking her until she stops crying?"
    if means or crisis:
        return Intent("crisis", sure=means)
    many = _TAKEN_MANY.search(text)
    if (many and not _SPREAD_BEFORE.search(text[:many.start()])) or (_CHEST_SPREADING.search(text) and not _PAST.search(text)):
        return Intent("emergency", sure=True)
    if _HYPOTHETICAL.search(text) and _ANYONE.search(text) and not _SOMEONE_REAL.search(text):
        return None
    # "Is numbness a symptom?" asks for information; a person's own situation is what's urgent, and so is a sign
    # that "started about an hour ago".
    if not (re.search(_ME, text) or re.search(_OTHER_PERSON, text) or _ONSET.search(text)) and QUESTION_OPENING.match(text):
        return None
    # A fever during chemotherapy may be an infection the body cannot fight: every cancer centre says to call or come in
    # at once, however well the patient feels and however it is asked ("temp 38.8 after chemo, prob fine to sleep it off?").
    # ("No fever" is news that there is none.)
    feverish = re.search(_FEVER, _NO_FEVER.sub("", text))
    if _ON_CHEMO.search(text) and feverish and not _IN_GENERAL.search(text):
        return Intent("emergency", sure=True)
    # Raised ketones with vomiting, or diabetes with vomiting and deep fast breathing: diabetic ketoacidosis, which every
    # diabetes service says needs emergency care that day, however it is asked ("vomiting since last night, type 1, blood
    # ketones 3.8 and sugar 22. is it ok to wait till clinic opens"); not asked "if" or "when" it happens, nor in the past.
    if ((_KETONES.search(text) or (_DIABETES.search(text) and _DKA_SIGN.search(text))) and _VOMITING.search(text)
            and not _DKA_IF.search(text) and not _PAST.search(text)):
        return Intent("emergency", sure=True)
    # A fever after a stay where malaria is ("got back from Ghana 10 days ago, now high fever ... didnt take the malaria
    # tablets"): every travel-health service says to get urgent care the same day.
    if feverish and _MALARIA.search(text) and not _IN_GENERAL.search(text) and not _IF_EVER.search(text):
        return Intent("emergency")
    if _BIRTH_SIGN.search(text) and _IN_LABOUR.search(text) and not _BORN.search(text):
        return Intent("emergency")
    if _CALF.search(text) and _CLOT_SIGN.search(text) and not _PAST.search(text) and not _CALF_OTHER.search(text):
        return Intent("emergency")
    if _RECESSION.search(text) and not _IN_GENERAL.search(text) and not _IF_EVER.search(text):
        return Intent("emergency", sure=True)  # the ribs pulling in with each breath: however it is asked
    if (_SKIN_OFF.search(text) and feverish and _NEW_MEDICINE.search(text) and not _SUN.search(text)
            and not _IN_GENERAL.search(text)):
        return Intent("emergency", sure=True)  # skin blistering or peeling with a fever after a new medicine (SJS)
    if _EYE_CHEMICAL.search(text):
        return Intent("emergency", sure=True)
    if _EYE_PAIN.search(text) and _CANT_SEE.search(text) and not _EYE_OTHER.search(text) and not _PAST.search(text):
        return Intent("emergency", sure=True)  # however it is asked: "is it normal that ... i can barely see?"
    if (_HEART_PAIN.search(text) and _HEART_WITH.search(text) and not _ACHE_CAUSE.search(text) and not _PAST.search(text)
            and not _IN_GENERAL.search(text)):
        return Intent("emergency")
    if _EMERGENCY.search(text) or (_LEG_TURNED.search(text) and _INJURED.search(text) and _NO_WEIGHT.search(text)):
        return Intent("emergency")
    if re.search(_NEURO, text) and re.search(_SUDDEN, text) and re.search(_SEVERE, text):
        return Intent("emergency")
    if feverish and len(set(re.findall(_SITE, text))) >= 2:
        return Intent("emergency")
    if (feverish and re.search(_YOUNG_INFANT, text)) or _UNWELL_INFANT.search(text):
        return Intent("emergency")
    return None


_FILLER = r"(\s*(so much|very much|a lot|a bunch|again|bot|qa-bot|there|everyone|all|friend|buddy|mate|guys?|folks))*"
_END = r"[\s!.?,:;)(~*♥❤️😀-🙏]*$"
_GREETING = re.compile(
    rf"^(hi+|hello+|hey+|hiya|howdy|greetings|yo|sup|good (morning|afternoon|evening|day)){_FILLER}\b[\s!.,]*")
_THANKS = (r"(thanks|thank you|thank u|thx|ty|cheers|many thanks|much appreciated|appreciate it"
           r"|i appreciate (it|that|the help))")
_PRAISE = (r"(\W+(that|this|it|you)('?s| is| was| has been| really| really was| were)?( really| very| so| super)?"
           r" ?(helps|helped|helpful|useful|great|good|perfect|clear|what i needed)\w*)?")
_GOES_ON = (r"but|however|though|although|still|and|also|what|how|why|when|where|which|who|can|could|should|would"
            r"|is|are|am|any|do|does|did|tell|more|need|my|im|i|scared|worried|hurts?|pain|worse|now")
_HELPED = (r"(helped|helps|helpful|useful|clears|cleared|answers|answered|explains|explained|makes sense"
           r"|was great|was clear|is clear|what i needed)")
_SMALLTALK = [
    ("thanks", _rx(rf"^((ok(ay)?|great|perfect|awesome|cool|nice|wow)\W+)?{_THANKS}{_FILLER}{_PRAISE}{_END}",
                   # thanks that names what helped ("thanks for the info about ice", "thanks, that cataract
                   # info helped"): a question after it is caught by the caller, which asks whether one follows
                   # One sentence, and nothing in it that goes on to ask or tell ("thanks for that. what about heat",
                   # "thanks for the info, I still don't understand what causes it").
                   rf"^(?!.*\b({_GOES_ON})\b)((ok(ay)?|great|perfect|awesome|cool|nice|wow)\W+)?{_THANKS}"
                   rf"( (so|very) much| a lot| again)?(\W+for\b|\W+((that|this|it|the|your|all)\b[^.!?;]*)?\b{_HELPED}\b"
                   rf"|\W+good to know\b)[^.!?;]*[.!?\s]*{_END}",
                   r"^(cheers|ta)\W+good to know\b.*$")),
    ("goodbye", _rx(r"^(bye|bye bye|goodbye|good bye|see (you|ya)( later| soon)?|cya|farewell|take care|good night"
                    rf"|gotta go|thats all|that is all|im done|i am done|done for now|talk (to you )?later){_FILLER}{_END}")),
    ("who", _rx(r"^(who|what) (are|r) (you|u)\b.*$",
                r"^(are|r) (you|u) (a |an )?(bot|robot|human|person|real|ai|doctor|nurse|machine|computer)\b.*$",
                # The bot's own life ("do you ever sleep? 😄", "do u get bored").
                rf"^(do|did|can|will) (you|u) (ever (sleep|eat|rest|get tired|take (a )?breaks?)|dream|get bored|have"
                rf" (feelings|a name|a family|a life|friends))( at all| ever| lol| haha)?{_END}",
                r"^(whats|what is) your name\b.*$",
                rf"^(tell me )?about (you|yourself){_END}")),
    ("help", _rx(rf"^(help|menu|start|options|topics|\?){_END}",
                 r"^(?!.*\babout\b)(what|which|how)( \w+){0,3} (can|could|do|should) (you|u)( \w+){0,2}"
                 r" (do|help|answer|know|cover|tell)( (me|us|with|for|about|anything|stuff|things|questions))*\W*$",
                 # "what should I ask my doctor?" asks the documents, not about the bot
                 r"^what( \w+){0,3} (can|could|should) i ask( (you|u|here|this bot|the bot|about))?\W*$",
                 r"^what (do|can) (you|u) (know|do|cover)( (about|anything|stuff|things))*\W*$",
                 r"^how (does|do) (this|you) work\b.*$")),
    ("how_are_you", _rx(rf"^(how are (you|u)|how r u|hows it going|how is it going|how are things|whats up){_FILLER}{_END}")),
    ("ack", _rx(r"^(ok|okay|k|cool|great|got it|nice|awesome|perfect|sounds good|alright|understood|i see"
                rf"|makes sense|good to know|wow){_FILLER}{_END}")),
]


def detect_smalltalk(message: str) -> Intent | None:
    """Greetings, thanks, "who are you", "what can you do", goodbyes; None for a real question."""
    text = " ".join(normalize(message).split())
    greeting = _GREETING.match(text)
    if greeting:
        return Intent("greeting", rest=text[greeting.end():].strip())
    for name, pattern in _SMALLTALK:
        if pattern.match(text) and not (name == "thanks" and asks(text)):
            return Intent(name)
    return None
