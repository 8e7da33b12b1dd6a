"""Built-in detectors for what a lexicon cannot express.

Identification is a combination problem: a first name, an age, a village, a
school, a relative or a photo each say little alone and single a person out
together, and only when they belong to a victim rather than an official or a
convicted offender. `read_cues` extracts those parts from one passage;
`run_detectors` combines them into evidence the rules name. The same cues
feed the trained model as features.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from classifier import gazetteer as gz

WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d,.]*", re.UNICODE)
AGE_PATTERNS = [
    re.compile(r"\b(\d{1,2})\s?-?\s?(?:year|yr)s?[- ]old\b", re.IGNORECASE),
    re.compile(r"\baged\s+(\d{1,2})\b", re.IGNORECASE),
    re.compile(r"\b(?:at|at the) age of\s+(\d{1,2})\b", re.IGNORECASE),
    re.compile(r"\bage\s+(\d{1,2})\b", re.IGNORECASE),
    re.compile(r"\b(\d{1,2}) years old\b", re.IGNORECASE),
    re.compile(r"(?<=[^\W\d_][.’'\w]),\s(\d{1,2})(?=\s?[,;)]|\s(?:and|from|of|who|was|is|had)\b)"),
    re.compile(r"(?<=[^\W\d_])\s\((\d{1,2})\)"),
]
SENTENCE_INITIAL_NAME = re.compile(
    r"(?:'s|’s|\s\(\d|,\s(?:\d|who|aged|a\s|an\s|the\s\w+ of|now|then|just|only|like|whose|not her|not his)|"
    r"\s(?:who|whose|said|says|told|tells|was|is|had|has|recalls|recalled|remembers|alleged|alleges|disclosed|"
    r"explained|added|wept|cried|says|said|describes|described|fled|escaped|left|arrived|went|came|worked|"
    r"works|lives|lived|hopes|wanted|wants|dreamed|dreams|agreed|spent|paid|still|now|never|did|does|"
    r"would|could|became|got|managed|tried|found|thought|knew|believed|returned|smiles|smiled|laughs|"
    r"pauses|paused|shrugs|nods|sighs|struggled|ran|walked|and\s[A-Z]))")
DATELINE_START = re.compile(r"^[A-Z][\w' ]{1,30}(?:\s?\([^)]{1,30}\))?(?:,\s?[A-Z][a-z]{2,8}\.?\s\d{1,2})?"
                            r"(?:\s?\([A-Za-z ]{2,12}\))?\s?(?::|—|–|-\s)")
INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}(?:[A-Z]\b\.?)?(?=[\s,;:)]|$)")
LOCALITY_OF = re.compile(
    r"\b(?:village|hamlet|town|township|district|municipality|neighbou?rhood|suburb|commune|tehsil|"
    r"upazila|mahall?[ae]|settlement|slum|estate|parish|locality)\s+of\s+([A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)")
NAMED_LOCALITY = re.compile(
    r"\b([A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?)\s+(?:village|district|town|township|block|tehsil|upazila|"
    r"neighbou?rhood|municipality|suburb|commune|mahall?[ae]|area|colony|slum|camp|estate)\b")
STREET = re.compile(
    r"\b(?:\d{1,4}[A-Za-z]?,?\s)?(?:[A-Z][\w'’\-]+\s){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|"
    r"Boulevard|Square|Drive|Close|Crescent|Terrace|Way|Alley|Bazaar|Market)\b|\b(?:Rruga|Ulica|Strada|"
    r"Strada|Sokak|Caddesi|Calle|Via)\s[A-Z][\w'’\-]+")
ADDRESS = re.compile(r"\b(?:house|flat|apartment|building|block|room)\s(?:number\s|no\.?\s)?\d{1,4}[a-z]?\b|"
                     r"\bno\.\s?\d{1,4}\b", re.IGNORECASE)
INSTITUTION = re.compile(
    r"\b(?:[A-Z][\w'’\-]+(?:'s|’s)?\s){1,4}(?:School|College|Academy|Kindergarten|Shelter|Hospital|Clinic|"
    r"Farm|Factory|Restaurant|Bar|Hotel|Caf[eé]|Car Wash|Hand Car Wash|Nail Bar|Salon|Bakery|Club|Motel|"
    r"Orphanage|Mosque|Church|Madrasa|Workshop|Mill|Kiln|Brickworks|Carwash|Spa)\b|"
    r"\b[A-Z][\w'’\-]+(?:'s|’s)\s(?:farm|factory|restaurant|bar|hotel|caf[eé]|shop|house|home|bakery|"
    r"workshop|kiln|brick kiln|car wash|salon|flat|apartment)\b")
LOCAL_FIGURE = re.compile(
    r"\b(?:the\s)?(?:only\s)?(?:local|village|town's|village's|neighbourhood)\s(?:baker|bakery|priest|imam|"
    r"teacher|doctor|shop|shopkeeper|school|mosque|church|caf[eé]|butcher|mechanic|bus driver|pharmacy|"
    r"pharmacist|postman|football club|mayor's|hairdresser|market)\b", re.IGNORECASE)
INSTITUTION_TIE = re.compile(
    r"\b(?:pupil|student|schoolgirl|schoolboy|worked|working|employed|waitress|cleaner|class|grade|year)\s"
    r"(?:at|in|of|for)\s(?:the\s)?(?:(?-i:[A-Z][\w'’\-]+)|local|village|town|secondary|primary|high)", re.IGNORECASE)
SHELTER = re.compile(r"\b(?:shelter|safe\s?house|refuge|reception cent(?:re|er)|care home|children's home)\b"
                     r"[^.;]{0,40}\b(?:in|on|at|near|run by)\s(?:the\s)?(?-i:[A-Z][\w'’\-]+)", re.IGNORECASE)
NOW_LIVES = re.compile(r"\b(?:now|currently|still)\s(?:lives?|living|stays?|staying|sheltered|hiding|housed)\s"
                       r"(?:with|in|at|near)\b|\b(?:returned|moved back|went back|is back|came back)\s(?:home\s)?"
                       r"to\s(?:her|his|their|the)\s(?:family(?:'s)?\s)?(?:village|home|house|parents)\b",
                       re.IGNORECASE)
KIN_DETAIL = re.compile(
    r"\b(?:her|his|their|the girl's|the boy's|the woman's|the victim's|whose)\s(?:\w+\s)?(?:"
    + "|".join(sorted(gz.KIN_WORDS, key=len, reverse=True)) +
    r")(?:,?\s(?-i:[A-Z][\w'’\-]+)|,\s(?:a|an|who|aged|\d{2})\b|\s(?:who|is a|was a|works|worked|drives|drove|runs|ran|owns|owned)\b)",
    re.IGNORECASE)
KIN_OF = re.compile(r"\b(?:the\s)?(?:only\s|eldest\s|youngest\s|second\s)?(?:daughter|son|niece|nephew|wife|sister|"
                    r"brother|widow|granddaughter|grandson)\sof\s(?:a|an|the)\s", re.IGNORECASE)
CAPTION_PERSON = re.compile(
    r"\b(?:woman|women|girl|girls|man|men|boy|boys|child|children|victim|victims|survivor|survivors|teenager|"
    r"mother|father|family|she|he|her|his|worker|workers|bride|returnee|pictured)\b", re.IGNORECASE)
PICTURED = re.compile(r"\((?:pictured|above|left|right|centre|center)\)|\bpictured\b|\bin the photo\b|"
                      r"\bshown here\b|\bseen here\b|\bin this picture\b", re.IGNORECASE)
# Large figures about people (not money): "tens of thousands of women", "30,000 children".
BIG_FIGURE = re.compile(
    r"\b(?:tens of thousands|hundreds of thousands|thousands|millions|lakhs|crores|countless|"
    r"untold numbers?|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s(?:million|billion))\b(?:\s(?:of|more))?\s(?:\w+\s){0,2}?"
    r"(?:people|persons|victims|women|girls|children|boys|men|workers|migrants|refugees|minors|kids|youngsters|"
    r"teenagers|survivors|slaves|brides|labourers|laborers|beggars)\b", re.IGNORECASE)
GUILT_WORDS = re.compile(
    r"\b(?:kingpins?|masterminds?|ringleaders?|gang bosses|gang boss|godfathers?|monsters?|predators?|"
    r"evil|leaders? of the (?:network|gang|ring)|the traffickers?|trafficking gang|slave masters?|"
    r"sex traffickers?|the pimps?|brutal gang|callous)\b", re.IGNORECASE)
ACT_WORDS = re.compile(r"\b(?:tricked|trafficked|sold|lured|forced|exploited|enslaved|ran|run|led|raped|"
                       r"abused|smuggled|kept|held|recruited|duped|preyed)\b", re.IGNORECASE)
PRETRIAL = re.compile(r"\b(?:arrest(?:ed|s)?|detained|suspects?|charged|raid(?:ed|s)?|custody|held|nabbed|"
                      r"busted|on the run|abscond\w*|caught|apprehended|remanded|in court|appeared|appears?\s(?:at|in|before)|"
                      r"not yet entered a plea|plea|"
                      r"indicted|investigation|probe|accused)\b", re.IGNORECASE)


def _has(text_lower: str, cues) -> bool:
    return any(c in text_lower for c in cues)


LETTER_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _bare(word: str) -> str:
    """The word without a possessive or a closing apostrophe."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _words(text_lower: str) -> set[str]:
    return {_bare(w) for w in LETTER_WORD.findall(text_lower)}


@dataclass
class Cues:
    """The parts of an identification found in one passage, and their roles."""
    names: list[tuple[int, int, str]] = field(default_factory=list)    # start, end, role
    initials: list[tuple[int, int]] = field(default_factory=list)
    ages: list[tuple[int, int, int]] = field(default_factory=list)     # start, end, age
    places: list[tuple[int, int, str]] = field(default_factory=list)   # start, end, kind
    kin: list[tuple[int, int]] = field(default_factory=list)
    child: bool = False
    pseudonym: bool = False
    victim_context: bool = False
    official_context: bool = False
    offender_context: bool = False
    caption_person: tuple[int, int] | None = None
    appearance: tuple[int, int] | None = None
    pictured: tuple[int, int] | None = None
    figures: list[tuple[int, int]] = field(default_factory=list)
    attributed: bool = False
    guilt: list[tuple[int, int]] = field(default_factory=list)
    hedged: bool = False
    convicted: bool = False


@dataclass(frozen=True)
class Evidence:
    detector: str
    start: int          # relative to the passage
    end: int
    detail: str


OFFICIAL_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "prosecutor", "judge", "minister", "director", "inspector",
    "detective", "officer", "lawyer", "attorney", "professor", "researcher", "coordinator", "co-ordinator",
    "head", "chief", "mayor", "commissioner", "journalist", "reporter", "expert", "campaigner", "founder",
    "manager", "superintendent", "sergeant", "constable", "analyst", "ambassador", "official", "activist",
    "chairman", "chairwoman", "counsel", "barrister", "solicitor", "magistrate", "governor", "president",
    "secretary", "rapporteur", "caseworker", "psychologist", "doctor", "advocate", "representative", "deputy",
    "commander", "captain", "colonel", "agent", "investigator", "inspectors", "officers", "spokesmen",
    "in-charge", "ceo", "executive", "specialist", "consultant", "adviser", "advisor", "mp", "senator",
}
OFFENDER_NOUNS = {
    "suspect", "suspects", "accused", "defendant", "defendants", "trafficker", "traffickers", "pimp", "recruiter",
    "ringleader", "kingpin", "mastermind", "madam", "gangmaster", "smuggler", "smugglers", "fugitive", "boss",
    "convict", "offender", "agent", "broker", "dalal", "owner", "employer", "landlord", "driver", "gang",
}
# What the sentence says the named person did or underwent, read from the words right after the name.
_FILLER = r"^\W*(?:\(?\d{1,2}\)?,?\s)?(?:(?!she\b|he\b|they\b|her\b|him\b)[\w'’\-]+,?\s){0,2}?(?:who\s)?"
OFFENDER_PREDICATE = re.compile(
    _FILLER + r"(?:(?:was|were|is|has been|had been|have been|being)\s)?(?:allegedly\s|reportedly\s)?"
    r"(?:arrested|charged|convicted|sentenced|jailed|detained|nabbed|indicted|accused|denies|denied|pleaded|"
    r"remanded|extradited|imprisoned|apprehended|absconding|on the run|found guilty|acquitted|on trial|"
    r"facing charges|faces charges)\b|"
    + _FILLER + r"(?:allegedly\s|reportedly\s)?(?:sold|trafficked|recruited|lured|forced|ran|runs|led|leads|"
    r"owns|owned|demanded|abused|raped|exploited|smuggled|tricked|promised|threatened)\b", re.IGNORECASE)
PASSIVE_VICTIM = re.compile(_FILLER + r"(?:was|were|is|has been|had been|have been|being|got)\s(?:\w+ly\s)?"
                            r"(?:sold|trafficked|lured|forced|abused|raped|exploited|recruited|tricked|held|kept|"
                            r"rescued|freed|taken|smuggled|promised|deceived|enslaved|beaten)\b", re.IGNORECASE)


def _name_role(text: str, start: int, end: int, lower: str) -> str:
    before = lower[max(0, start - 60):start]
    after = text[end:end + 70]
    near_before = set(re.findall(r"[\w'’\-]+", before)[-3:])
    near_after = set(re.findall(r"[\w'’\-]+", after.lower().split(".")[0])[:5])
    near = near_before | near_after | {p for w in near_before | near_after if "-" in w for p in w.split("-")}
    if re.search(r"\b(?:led|run|headed|operated|organi[sz]ed|masterminded|owned|managed)\sby\s+$", before[-30:]) or \
            re.search(r"\b(?:one|a man named|a woman named|a man called|a woman called)\s+$", before[-20:]):
        return "offender"
    if re.search(r"\b(?:by|from|of)\s+(?:(?:her|his|their|the)\s+\w+,?\s+)?$", before[-30:]) and \
            re.search(r"\b(?:exploited|abused|sold|trafficked|forced|raped|recruited|lured|beaten|employed)\b", before):
        return "offender"
    if re.search(r"\b(?:dr|prof|insp|det|supt|sgt|judge|prosecutor|minister|inspector|detective|officer|"
                 r"mayor|commissioner|chief|captain|colonel|general|lawyer|attorney|sheriff|governor|senator|"
                 r"mp|justice|lord|lady|sir|dame|spokesman|spokeswoman|spokesperson)\.?\s+$", before[-22:]):
        return "official"
    last_word = re.findall(r"[\w'’\-]+", before)[-1:] or [""]
    if last_word[0] in {"victim", "survivor", "girl", "woman", "teenager", "returnee", "daughter", "sister",
                        "mother", "worker", "bride", "maid", "schoolgirl", "boy", "son", "teen"}:
        return "victim"
    if near & OFFICIAL_NOUNS:
        return "official"
    if PASSIVE_VICTIM.match(after):
        return "victim"
    apposition = set(re.findall(r"[\w'’\-]+", before)[-7:]) if before.rstrip().endswith(",") else set()
    if (near_before | apposition) & OFFENDER_NOUNS or OFFENDER_PREDICATE.match(after):
        return "offender"
    if re.match(r"(?:,\s?|\s)?(?:\(|who is\s|aged\s)?\d{1,2}\b", after):
        return "victim"
    return "victim" if _words(lower) & gz.VICTIM_CUES else "unknown"


def _is_place_context(lower: str, start: int) -> bool:
    before = lower[max(0, start - 40):start]
    return bool(re.search(r"\b(?:in|from|near|at|to|outside|around|across|via|hail from|native of)\s+(?:the\s)?$",
                          before) or re.search(r"\b(?:in|from|near|to)\s+[\w'’\-]+(?:,\s|\sand\s)$", before))


def _key(word: str) -> str:
    return re.sub(r"(?:'s|’s)$", "", word)


BODY_BEFORE = re.compile(r"\b(?:Ministry|Department|Office|Council|Agency|Act|Law|Commission|Committee|Bureau|"
                         r"Institute|Authority|Court|Organi[sz]ation|Federation|Union|University|Embassy|Service|"
                         r"Abuse|Centre|Center|Division|Directorate|Coalition|Alliance|Network)\s(?:of|for|on|and|"
                         r"against|to)(?:\sthe)?\s$")
BODY_AFTER = re.compile(r"\s?(?:\([A-Z]{2,}s?\)|\s(?:news agency|agency|newspaper|daily|news|service|police|"
                        r"authorities|officials|ministry|embassy|province|state|county|region|group|company|"
                        r"airline|airport|brand)\b)")


def _name_candidates(text: str, common: frozenset[str]):
    """Runs of capitalised words that look like personal names."""
    tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    dateline = DATELINE_START.match(text)
    dateline_end = dateline.end() if dateline else 0
    capitalised = [t for t in tokens if t[2][0].isupper()]
    title_case = len(tokens) > 3 and len(capitalised) >= 0.6 * len(tokens)
    run: list[tuple[int, int, str]] = []
    runs = []
    for i, tok in enumerate(tokens):
        word = tok[2]
        if word[0].isupper() and not word.isupper() or (len(word) == 1 and word.isupper() and False):
            run.append((i, *tok[:2]))
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        while run and _key(tokens[run[0][0]][2]).lower() in gz.NOT_NAMES | gz.OFFICIAL_ROLES:
            run = run[1:]
        while run and _key(tokens[run[-1][0]][2]).lower() in gz.NOT_NAMES | gz.OFFICIAL_ROLES:
            run = run[:-1]
        if not run:
            continue
        words = [tokens[i][2] for i, _, _ in run]
        if any(w.lower().endswith(("-based", "-led", "-run", "-owned")) for w in words) or \
                _key(words[-1]).isupper() or BODY_BEFORE.search(text[max(0, run[0][1] - 45):run[0][1]]) or \
                BODY_AFTER.match(text[run[-1][2]:run[-1][2] + 30]):
            continue
        keys = [re.sub(r"(?:'s|’s)$", "", w).lower() for w in words]
        informative = [k for k in keys if k not in gz.NOT_NAMES and k not in gz.COUNTRIES
                       and k not in gz.DEMONYMS and k not in gz.BIG_CITIES and k not in common
                       and k not in gz.OFFICIAL_ROLES and k not in gz.REGIONS
                       and k not in gz.MONTH_ABBREVIATIONS and k not in gz.CURRENCY_WORDS
                       and not k.rstrip("s") in gz.DEMONYMS]
        if not informative or (title_case and len(informative) < len(keys)) or set(keys) & gz.NOT_PERSON_PARTS:
            continue
        if keys[0] == "the" and run[0][0] > 0:
            continue
        first_index = run[0][0]
        if dateline_end and run[0][1] < dateline_end:
            continue
        # Words glued to an organisation or place noun are not people.
        nxt = tokens[run[-1][0] + 1][2].lower() if run[-1][0] + 1 < len(tokens) else ""
        if nxt in gz.LOCALITY_WORDS or nxt in gz.STREET_WORDS or nxt in {"police", "court", "foundation",
                                                                          "centre", "center", "ministry"}:
            continue
        if keys[-1] in {"police", "court", "foundation", "centre", "center", "agency", "ministry", "street",
                        "road", "school", "hospital", "farm", "hotel", "university", "association", "office"}:
            continue
        start = run[0][1]
        while start < run[-1][2] and text[start:start + 1] in "'’":
            start += 1
        end = run[-1][2]
        if text[end - 2:end] in ("'s", "’s"):
            end -= 2
        yield start, end, first_index == 0 and len(run) == 1


def _share_list_roles(text: str, names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names listed together ("A (30), B (41) and C") share the role found for the list."""
    out = list(names)
    for i in range(1, len(out)):
        gap = text[out[i - 1][1]:out[i][0]]
        if re.fullmatch(r"\s*(?:\(\d{1,2}\))?\s*(?:,|and|&|,\s*and)\s*", gap) and out[i - 1][2] in ("offender", "official", "organisation"):
            out[i] = (out[i][0], out[i][1], out[i - 1][2])
    return out


def read_cues(text: str, scope: str = "body", common: frozenset[str] = frozenset()) -> Cues:
    lower = text.lower()
    words = _words(lower)
    cues = Cues()
    cues.pseudonym = _has(lower, gz.PSEUDONYM_CUES)
    cues.victim_context = bool(words & gz.VICTIM_CUES)
    cues.official_context = bool(words & gz.OFFICIAL_ROLES)
    cues.offender_context = bool(words & gz.OFFENDER_CUES)
    cues.hedged = _has(lower, gz.HEDGE_CUES)
    cues.convicted = _has(lower, gz.CONVICTION_CUES)
    cues.attributed = _has(lower, gz.ATTRIBUTION_CUES)

    for m in LOCALITY_OF.finditer(text):
        cues.places.append((m.start(), m.end(), "locality"))
    for m in NAMED_LOCALITY.finditer(text):
        if m.group(1).split()[0].lower() not in gz.NOT_NAMES | gz.COUNTRIES | gz.DEMONYMS | gz.REGIONS:
            cues.places.append((m.start(), m.end(), "locality"))
    for m in STREET.finditer(text):
        cues.places.append((m.start(), m.end(), "street"))
    for m in ADDRESS.finditer(text):
        if not re.search(r"\b(?:law|act|decree|article|resolution|regulation|case|file)\s*$", lower[max(0, m.start() - 12):m.start()]):
            cues.places.append((m.start(), m.end(), "address"))
    for pattern, kind in ((INSTITUTION, "institution"), (LOCAL_FIGURE, "local"),
                          (INSTITUTION_TIE, "institution"), (SHELTER, "shelter"), (NOW_LIVES, "whereabouts")):
        for m in pattern.finditer(text):
            cues.places.append((m.start(), m.end(), kind))

    place_spans = [(s, e) for s, e, _ in cues.places]
    last_place_end = -10
    for start, end, sentence_initial in _name_candidates(text, common):
        if any(s <= start < e for s, e in place_spans):
            continue
        key = text[start:end].lower()
        if _is_place_context(lower, start):
            if key.split()[0] not in gz.COUNTRIES | gz.BIG_CITIES | gz.DEMONYMS | gz.REGIONS:
                cues.places.append((start, end, "small_place"))
            last_place_end = end
            continue
        if re.fullmatch(r",\s|\sand\s|,\sand\s", text[last_place_end:start]):   # a list of places
            cues.places.append((start, end, "small_place"))
            last_place_end = end
            continue
        if sentence_initial and not SENTENCE_INITIAL_NAME.match(text[end:end + 30]):
            continue
        cues.names.append((start, end, _name_role(text, start, end, lower)))

    cues.names = _share_list_roles(text, cues.names)
    for m in INITIALS.finditer(text):
        if len(m.group().replace(".", "").replace(" ", "")) >= 2 or re.match(r"\s*,\s*\d", text[m.end():m.end() + 5]):
            if m.group().replace(".", "").replace(" ", "").lower() not in {"us", "uk", "un", "eu", "am", "pm", "nb"}:
                cues.initials.append((m.start(), m.end()))

    for pattern in AGE_PATTERNS:
        for m in pattern.finditer(text):
            age = int(m.group(1))
            if 0 < age < 100:
                cues.ages.append((m.start(), m.end(), age))
    cues.child = any(age < 18 for _, _, age in cues.ages) or bool(
        words & {"minor", "minors", "schoolgirl", "schoolboy", "teenage", "teenager", "underage", "pupil",
                 "juvenile", "child", "children", "toddler", "baby", "infant", "orphan", "kindergarten"})

    for pattern in (KIN_DETAIL, KIN_OF):
        for m in pattern.finditer(text):
            cues.kin.append((m.start(), m.end()))
    if scope == "caption":
        m = CAPTION_PERSON.search(text)
        if m and not _has(lower, gz.CAPTION_SAFE_CUES):
            cues.caption_person = (m.start(), m.end())
    m = PICTURED.search(text)
    if m and not _has(lower, gz.CAPTION_SAFE_CUES):
        cues.pictured = (m.start(), m.end())
    appearance = next((lower.find(a) for a in gz.APPEARANCE if a in lower), -1)
    if appearance >= 0:
        cues.appearance = (appearance, appearance + 12)
    cues.figures = [(m.start(), m.end()) for m in BIG_FIGURE.finditer(text)]
    cues.guilt = [(m.start(), m.end()) for m in GUILT_WORDS.finditer(text)]
    return cues


def run_detectors(cues: Cues, text: str) -> list[Evidence]:
    """Combine cues into evidence of a breach, each naming its detector."""
    out: list[Evidence] = []
    victim_names = [(s, e) for s, e, role in cues.names if role == "victim"]
    people_known = cues.victim_context and not (cues.official_context and not victim_names)
    # A place or an age right after an official's or offender's name ("Colin Harte of Mill Lane",
    # "Viktor Sand, 41") is theirs, not a victim's.
    others = [e for _, e, role in cues.names if role in ("official", "offender", "organisation")]
    ages = [(s, e, a) for s, e, a in cues.ages if not any(0 <= s - end <= 3 for end in others)]
    fine_places = [(s, e, k) for s, e, k in cues.places
                   if not any(0 <= s - end <= 12 and re.match(r",?\s*(?:of|from|in)\b", text[end:s]) for end in others)]
    if not cues.pseudonym:
        for s, e in victim_names:
            out.append(Evidence("victim_name", s, e, f"name of a presumed victim: {text[s:e]!r}"))
    for s, e in cues.initials:
        if ages or cues.victim_context:
            out.append(Evidence("victim_initials", s, e, f"initials of a presumed victim: {text[s:e]!r}"))
    if ages and fine_places and people_known:
        s, e, _ = ages[0]
        ps, pe, kind = fine_places[0]
        out.append(Evidence("victim_age_place", min(s, ps), max(e, pe),
                            f"age together with a {kind.replace('_', ' ')}: {text[s:e]!r} + {text[ps:pe]!r}"))
    for s, e, kind in fine_places:
        if people_known and kind in ("street", "address", "shelter", "whereabouts", "institution", "local",
                                     "locality") or (kind == "small_place" and (victim_names or ages)):
            out.append(Evidence("victim_place", s, e, f"{kind.replace('_', ' ')} tied to a presumed victim: "
                                                       f"{text[s:e]!r}"))
    if cues.victim_context:
        for s, e in cues.kin:
            out.append(Evidence("victim_relative", s, e, f"relative described: {text[s:e]!r}"))
    identifiers = victim_names + cues.initials + [(s, e) for s, e, _ in fine_places] + cues.kin
    if cues.child and identifiers and not cues.pseudonym:
        s, e = identifiers[0][:2]
        out.append(Evidence("child_identifier", s, e, f"identifying detail of a child: {text[s:e]!r}"))
    if cues.appearance and cues.victim_context and (ages or victim_names or cues.places):
        s, e = cues.appearance
        out.append(Evidence("victim_age_place", s, e, f"appearance described: {text[s:e]!r}"))
    photo = cues.caption_person or cues.pictured
    if photo:
        out.append(Evidence("caption_identifies", photo[0], photo[1],
                            "the picture shows or describes a presumed victim"))
    if cues.figures and not cues.attributed:
        s, e = cues.figures[0]
        out.append(Evidence("unsourced_figure", s, e, f"figure with no source: {text[s:e]!r}"))
    if cues.guilt and not cues.hedged and not cues.convicted and PRETRIAL.search(text):
        s, e = cues.guilt[0]
        out.append(Evidence("guilt_before_verdict", s, e, f"guilt stated before a verdict: {text[s:e]!r}"))
    return out
