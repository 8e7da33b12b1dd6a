"""Word lists the detectors use to tell people, roles and places apart.

Written for this project. Country-, region- and big-city-level places do not
identify anyone; a village, street or unknown small town tied to a victim can.
"""

COUNTRIES = {
    "afghanistan", "albania", "algeria", "angola", "argentina", "armenia", "australia", "austria",
    "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium", "benin", "bolivia", "bosnia",
    "herzegovina", "brazil", "bulgaria", "burkina", "burundi", "cambodia", "cameroon", "canada", "chad",
    "chile", "china", "colombia", "congo", "croatia", "cuba", "cyprus", "czechia", "denmark", "djibouti",
    "dubai", "ecuador", "egypt", "england", "eritrea", "estonia", "ethiopia", "europe", "finland", "france",
    "gambia", "georgia", "germany", "ghana", "greece", "guatemala", "guinea", "haiti", "honduras",
    "hungary", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "jamaica", "japan",
    "jordan", "kazakhstan", "kenya", "korea", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia",
    "lebanon", "liberia", "libya", "lithuania", "macedonia", "madagascar", "malawi", "malaysia", "mali",
    "malta", "mauritania", "mexico", "moldova", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "burma", "nepal", "netherlands", "holland", "nicaragua", "niger", "nigeria", "norway",
    "oman", "pakistan", "palestine", "panama", "paraguay", "peru", "philippines", "poland", "portugal",
    "qatar", "romania", "russia", "rwanda", "saudi", "scotland", "senegal", "serbia", "sierra", "leone",
    "singapore", "slovakia", "slovenia", "somalia", "spain", "sudan", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tunisia", "turkey", "türkiye", "turkmenistan",
    "uganda", "ukraine", "uruguay", "uzbekistan", "venezuela", "vietnam", "wales", "yemen", "zambia",
    "zimbabwe", "britain", "america", "africa", "asia", "balkans", "emirates", "uae", "uk", "us", "usa",
    "eu", "gulf", "caucasus", "transnistria", "gaza", "sahel", "caribbean", "latin", "middle", "east",
    "west", "north", "south", "central", "northern", "southern", "eastern", "western", "arabia", "lanka",
    "sri", "salvador", "el", "costa", "rica", "dominican", "republic", "united", "states", "kingdom",
    "new", "zealand", "ivory", "coast", "côte", "d'ivoire", "hong", "kong", "macau", "yugoslavia",
}

DEMONYMS = {
    "afghan", "albanian", "algerian", "american", "angolan", "argentine", "armenian", "asian",
    "australian", "austrian", "azerbaijani", "azeri", "bangladeshi", "belarusian", "belgian", "bosnian",
    "brazilian", "british", "bulgarian", "burmese", "cambodian", "cameroonian", "canadian", "chinese",
    "colombian", "congolese", "croatian", "cuban", "czech", "danish", "dutch", "ecuadorian", "egyptian",
    "emirati", "english", "eritrean", "estonian", "ethiopian", "european", "filipino", "filipina",
    "finnish", "french", "gambian", "georgian", "german", "ghanaian", "greek", "guatemalan", "guinean",
    "haitian", "honduran", "hungarian", "indian", "indonesian", "iranian", "iraqi", "irish", "israeli",
    "italian", "jamaican", "japanese", "jordanian", "kazakh", "kenyan", "korean", "kosovan", "kosovar",
    "kurdish", "kyrgyz", "lao", "laotian", "latvian", "lebanese", "liberian", "libyan", "lithuanian",
    "macedonian", "malaysian", "malian", "maltese", "mexican", "moldovan", "mongolian", "montenegrin",
    "moroccan", "nepali", "nepalese", "nicaraguan", "nigerian", "nigerien", "norwegian", "omani",
    "pakistani", "palestinian", "paraguayan", "peruvian", "polish", "portuguese", "qatari", "roma",
    "romani", "romanian", "russian", "rwandan", "salvadoran", "saudi", "scottish", "senegalese",
    "serbian", "serb", "sierra", "singaporean", "slovak", "slovenian", "somali", "spanish", "sudanese",
    "swedish", "swiss", "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tunisian", "turkish",
    "turkmen", "ugandan", "ukrainian", "uzbek", "venezuelan", "vietnamese", "welsh", "yemeni",
    "zambian", "zimbabwean", "african", "arab", "balkan", "latin", "latina", "latino", "gypsy", "gypsies",
    "traveller", "travellers", "rohingya", "uyghur", "pashtun", "punjabi", "bengali", "sindhi", "tamil",
    "hispanic", "caucasian", "slavic", "baltic", "nordic", "western", "eastern", "northern", "southern",
    "central", "bosniak", "croat", "kurd", "turk", "brit", "yazidi", "hmong", "karen", "kachin",
}

# Capitals and big cities: naming them does not narrow a person down.
BIG_CITIES = {
    "london", "manchester", "birmingham", "glasgow", "edinburgh", "leeds", "liverpool", "bristol",
    "belfast", "dublin", "cardiff", "paris", "berlin", "rome", "milan", "naples", "madrid", "barcelona",
    "lisbon", "amsterdam", "rotterdam", "brussels", "vienna", "prague", "warsaw", "budapest", "bucharest",
    "sofia", "athens", "thessaloniki", "belgrade", "zagreb", "sarajevo", "tirana", "pristina", "skopje",
    "podgorica", "chisinau", "chișinău", "kyiv", "kiev", "odesa", "odessa", "kharkiv", "lviv", "minsk",
    "moscow", "istanbul", "ankara", "izmir", "antalya", "baku", "tbilisi", "yerevan", "almaty", "astana",
    "tashkent", "dubai", "doha", "riyadh", "jeddah", "beirut", "amman", "cairo", "tripoli", "benghazi",
    "tunis", "algiers", "rabat", "casablanca", "lagos", "abuja", "accra", "nairobi", "kampala",
    "addis", "ababa", "khartoum", "kinshasa", "johannesburg", "karachi", "lahore", "islamabad",
    "rawalpindi", "peshawar", "delhi", "mumbai", "kolkata", "chennai", "bangalore", "bengaluru",
    "hyderabad", "dhaka", "chittagong", "kathmandu", "colombo", "bangkok", "manila", "jakarta",
    "kuala", "lumpur", "singapore", "hanoi", "saigon", "phnom", "penh", "yangon", "beijing", "shanghai",
    "guangzhou", "shenzhen", "tokyo", "seoul", "pyongyang", "sydney", "melbourne", "toronto",
    "vancouver", "montreal", "york", "angeles", "chicago", "houston", "miami", "washington", "mexico",
    "tijuana", "guadalajara", "bogota", "bogotá", "lima", "caracas", "sao", "são", "paulo", "rio",
    "janeiro", "buenos", "aires", "santiago", "tegucigalpa", "guatemala", "managua", "panama",
    "frankfurt", "munich", "hamburg", "cologne", "stockholm", "oslo", "copenhagen", "helsinki",
    "geneva", "zurich", "marseille", "lyon", "seville", "valencia", "palermo", "turin", "bologna",
    "florence", "venice", "luxembourg", "valletta", "nicosia", "tel", "aviv", "jerusalem", "baghdad",
    "tehran", "kabul", "tashkent", "bishkek", "dushanbe", "ashgabat", "ulaanbaatar", "vientiane",
}


# Places below country level that can single a person out.
LOCALITY_WORDS = {
    "village", "villages", "hamlet", "town", "township", "district", "municipality", "neighbourhood",
    "neighborhood", "suburb", "quarter", "settlement", "commune", "block", "tehsil", "upazila", "union",
    "ward", "mahalla", "mahalle", "slum", "camp", "estate", "colony", "barangay", "locality", "parish",
}
STREET_WORDS = {"chowk", "nagar", "gali", "marg", "bazar", "mohalla", "street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "square", "drive",
                "close", "crescent", "terrace", "way", "alley", "highway", "bazaar", "market", "rruga",
                "ulica", "strada", "sokak", "caddesi", "mall"}

OFFICIAL_ROLES = {
    "police", "policeman", "policewoman", "officer", "officers", "inspector", "detective", "constable",
    "sergeant", "superintendent", "commissioner", "chief", "spokesman", "spokeswoman", "spokesperson",
    "prosecutor", "prosecutors", "judge", "magistrate", "minister", "deputy", "director", "head",
    "coordinator", "co-ordinator", "lawyer", "attorney", "barrister", "solicitor", "counsel", "researcher",
    "professor", "expert", "analyst", "journalist", "reporter", "editor", "correspondent", "mayor",
    "ambassador", "mp", "senator", "president", "governor", "official", "officials", "commander",
    "captain", "colonel", "general", "lieutenant", "agent", "investigator", "ombudsman", "chairman",
    "chairwoman", "chair", "founder", "manager", "campaigner", "activist", "advocate", "social worker",
    "caseworker", "psychologist", "doctor", "nurse", "councillor", "secretary", "envoy", "rapporteur",
    "representative", "spokesperson", "told reporters", "press conference", "ceo", "priest", "imam",
    "bishop", "teacher", "principal", "headteacher", "mp", "guard", "inspectorate", "said in a statement",
}
OFFENDER_CUES = {
    "convicted", "sentenced", "jailed", "imprisoned", "guilty", "defendant", "defendants", "accused",
    "suspect", "suspects", "charged", "arrested", "detained", "trafficker", "traffickers", "pimp",
    "recruiter", "gang", "ringleader", "boss", "owner", "employer", "smuggler", "smugglers", "denies",
    "denied", "pleaded", "plead", "indicted", "extradited", "custody", "remanded", "acquitted", "fugitive",
    "wanted", "kingpin", "mastermind", "madam", "gangmaster", "trial", "prison", "years in prison",
}
VICTIM_CUES = {
    "victim", "victims", "survivor", "survivors", "trafficked", "exploited", "rescued", "freed",
    "forced", "lured", "sold", "recruited", "enslaved", "abused", "raped", "escaped", "fled", "returnee",
    "returned", "tricked", "deceived", "held", "captive", "locked", "confined", "coerced", "beaten",
    "kidnapped", "abducted", "groomed", "promised", "trapped", "working", "worked", "begging", "begged",
    "debt", "passport", "brothel", "returnees", "labourers", "laborers", "rescued", "victimised", "shelter", "ordeal", "girl", "girls", "woman", "women", "boy", "boys",
    "teenager", "teen", "child", "children", "daughter", "son", "she", "her", "he", "his", "they",
    "their", "mother", "wife", "bride", "maid", "domestic", "worker", "workers", "migrant", "donor",
    "kidney", "taken", "pupil", "schoolgirl", "schoolboy", "told", "recalls", "recalled", "says", "remembers", "story", "dreams", "safe", "home",
}
KIN_WORDS = {
    "mother", "father", "mum", "mom", "dad", "brother", "sister", "sisters", "brothers", "aunt", "uncle",
    "cousin", "grandmother", "grandfather", "grandparents", "husband", "wife", "stepfather",
    "stepmother", "stepbrother", "stepsister", "son", "daughter", "sons", "daughters", "parents",
    "parent", "family", "relatives", "relative", "niece", "nephew", "fiancé", "fiance", "boyfriend",
    "in-law", "mother-in-law", "father-in-law", "sister-in-law", "brother-in-law", "twin", "sibling",
    "siblings", "guardian", "widow", "household",
}
PSEUDONYM_CUES = (
    "not her real name", "not his real name", "not their real name", "not their real names",
    "names have been changed", "name has been changed", "names changed", "name changed", "pseudonym",
    "we have changed", "asked not to be named", "did not want to be named", "whose real name",
    "real name withheld", "name withheld", "names withheld", "identity has been protected",
    "cannot be named for legal reasons", "cannot be identified", "asked that her name", "asked that his name",
    "for her safety", "for his safety", "to protect her identity", "to protect his identity",
    "a name we", "is not named", "are not named", "we are not naming", "not naming her", "not naming him",
)
# A figure counts as sourced only when the passage says where it comes from.
ATTRIBUTION_CUES = (
    "according to", "said", "says", "told", "figures from", "figures by", "figures published", "data from",
    "data by", "data published", "report by", "report from", "reported by", "study by", "survey by",
    "statistics from", "statistics published", "estimates by", "estimated by", "estimates from", "ministry",
    "office", "unodc", "iom", "ilo", "walk free", "europol", "interpol", "government", "published",
    "found that", "showed", "census", "unicef", "institute", "university", "commission", "agency",
    "department", "the un ", "u.n.", "national crime agency", "police recorded", "records show",
)
HEDGE_CUES = (
    "alleged", "allegedly", "accused of", "charged with", "suspected of", "denies", "denied",
    "deny", "is said to", "are said to", "reportedly", "awaiting trial", "not guilty", "pleaded not",
    "claims", "claimed", "accusation", "allegation", "allegations", "presumed", "according to the indictment",
    "prosecutors say", "prosecutors said", "police say", "police said", "investigators say",
)
CONVICTION_CUES = ("convicted", "sentenced", "found guilty", "jailed", "pleaded guilty", "admitted",
                   "was jailed", "were jailed", "guilty of", "serving", "years in prison", "jail term")
CAPTION_SAFE_CUES = ("posed by model", "posed by a model", "model", "stock image", "stock photo",
                     "illustration", "illustrative", "file photo", "face obscured", "faces obscured",
                     "silhouette", "not pictured", "from behind", "blurred", "unidentifiable", "officers",
                     "police", "prosecutor", "minister", "director", "court", "building", "logo", "workshop",
                     "training", "conference", "participants", "journalists", "campaign", "poster")

# Capitalised words that are not personal names.
NOT_NAMES = {
    "i", "a", "an", "the", "he", "she", "it", "we", "they", "his", "her", "their", "our", "my", "mr", "mrs",
    "ms", "miss", "dr", "prof", "sir", "madam", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "god", "allah", "christmas", "easter", "eid",
    "ramadan", "police", "court", "ministry", "government", "parliament", "council", "agency", "office",
    "department", "unit", "service", "services", "centre", "center", "foundation", "association",
    "organisation", "organization", "union", "university", "school", "hospital", "street", "road",
    "village", "district", "city", "town", "region", "province", "state", "national", "international",
    "crown", "high", "supreme", "appeal", "appeals", "criminal", "prosecution", "prosecutor", "judge",
    "justice", "act", "law", "article", "code", "convention", "protocol", "directive", "modern", "slavery",
    "human", "trafficking", "rights", "anti", "anti-trafficking", "task", "force", "ngo", "un", "unicef",
    "iom", "ilo", "unodc", "osce", "europol", "interpol", "frontex", "eu", "nca", "fbi", "ice", "cps",
    "bbc", "reuters", "afp", "ap", "wire", "news", "times", "post", "daily", "herald", "tribune",
    "gazette", "telegraph", "guardian", "mail", "express", "mirror", "sun", "inspector", "detective",
    "officer", "chief", "minister", "president", "prime", "deputy", "director", "general", "sergeant",
    "captain", "colonel", "commissioner", "superintendent", "constable", "mayor", "governor", "senator",
    "but", "and", "or", "so", "yet", "when", "after", "before", "while", "as", "in", "on", "at", "of",
    "for", "from", "by", "with", "to", "into", "during", "since", "until", "this", "that", "these",
    "those", "there", "here", "then", "now", "today", "yesterday", "last", "next", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "some", "many", "most", "all", "both", "each",
    "every", "no", "not", "none", "other", "others", "another", "such", "what", "which", "who", "whom",
    "whose", "where", "why", "how", "if", "although", "though", "because", "once", "only", "also", "even",
    "still", "just", "never", "always", "often", "later", "earlier", "instead", "meanwhile", "however",
    "according", "despite", "among", "amid", "under", "over", "between", "without", "within", "across",
    "through", "up", "down", "out", "off", "about", "against", "along", "around", "behind", "beyond",
    "near", "outside", "inside", "like", "unlike", "upon", "via", "per", "pictured", "photo", "picture",
    "image", "caption", "above", "below", "left", "right", "top", "source", "sources", "read", "more",
    "related", "update", "updated", "breaking", "exclusive", "watch", "video", "live", "opinion",
    "analysis", "comment", "editorial", "interview", "investigation", "special", "report", "world",
    "business", "home", "local", "crime", "court", "trial", "victims", "victim", "survivor", "survivors",
    "women", "woman", "girls", "girl", "men", "man", "boys", "boy", "children", "child", "family",
    "families", "workers", "worker", "migrants", "migrant", "people", "traffickers", "gang", "gangs",
    "operation", "raid", "help", "helpline", "call", "contact", "please", "yes", "oh", "well", "why",
    "hope", "house", "home", "ltd", "inc", "co", "company", "group", "network", "project", "programme",
    "program", "campaign", "day", "week", "month", "year", "years", "islam", "muslim", "christian",
    "catholic", "orthodox", "church", "mosque", "sheikh", "haji", "hajji", "english", "section",
    "paragraph", "clause", "schedule", "part", "chapter", "annex", "table", "figure", "box", "note",
    "notes", "editor", "editors", "ofcom", "ipso", "impress", "mps", "mp", "qc", "kc", "ms.", "mr.",
    "uk", "us", "usa", "gbp", "usd", "eur", "lek", "lei", "lira", "manat", "rupees", "euros", "pounds",
}

# First-level regions (states, provinces, divisions) of countries often in trafficking news:
# naming them is region-level, like naming a country.
REGIONS = {
    # India
    "andhra", "pradesh", "arunachal", "assam", "bihar", "chhattisgarh", "goa", "gujarat", "haryana",
    "himachal", "jharkhand", "karnataka", "kerala", "madhya", "maharashtra", "manipur", "meghalaya",
    "mizoram", "nagaland", "odisha", "orissa", "punjab", "rajasthan", "sikkim", "tamil", "nadu",
    "telangana", "tripura", "uttar", "uttarakhand", "bengal", "kashmir", "ladakh", "haryāna",
    # Pakistan, Bangladesh, Nepal
    "sindh", "balochistan", "baluchistan", "khyber", "pakhtunkhwa", "gilgit", "baltistan", "dhaka",
    "chattogram", "khulna", "rajshahi", "barishal", "sylhet", "rangpur", "mymensingh", "madhesh",
    "lumbini", "karnali", "gandaki", "koshi", "bagmati", "sudurpashchim",
    # Nigeria, Kenya, Uganda, Ethiopia
    "edo", "delta", "lagos", "kano", "kaduna", "anambra", "imo", "enugu", "oyo", "ogun", "ondo", "rivers",
    "borno", "benue", "cross", "akwa", "ibom", "tigray", "amhara", "oromia", "rift", "valley", "nyanza",
    # Latin America
    "chiapas", "oaxaca", "veracruz", "guerrero", "tamaulipas", "sonora", "chihuahua", "jalisco",
    "michoacan", "michoacán", "yucatan", "yucatán", "quintana", "roo", "baja", "california", "texas",
    "arizona", "florida", "amazonas", "pará", "para", "bahia", "minas", "gerais", "cortés", "olancho",
    # Europe and Central Asia
    "transylvania", "moldavia", "wallachia", "dobrogea", "banat", "gagauzia", "gagauz", "anatolia",
    "thrace", "kurdistan", "republika", "srpska", "federation", "vojvodina", "dalmatia", "istria",
    "shkodër", "shkoder", "vlorë", "vlore", "durrës", "durres", "kukës", "kukes", "lombardy",
    "sicily", "calabria", "campania", "apulia", "puglia", "lazio", "andalusia", "catalonia", "bavaria",
    "yorkshire", "lancashire", "midlands", "essex", "kent", "lincolnshire", "norfolk", "cornwall",
    "ulster", "donbas", "crimea", "galicia", "siberia", "xinjiang", "yunnan", "guangdong", "guangxi",
    "fujian", "henan", "sichuan", "hebei", "shandong", "jilin", "liaoning", "heilongjiang",
    "chagang", "hamgyong", "yanggang", "ryanggang", "sabah", "sarawak", "johor", "penang", "java",
    "sumatra", "bali", "sulawesi", "kalimantan", "mindanao", "luzon", "visayas", "isaan", "shan",
    "kachin", "rakhine", "punjab", "sindh",
}
MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
CURRENCY_WORDS = {"rs", "tk", "inr", "pkr", "bdt", "ngn", "rm", "rp", "php", "lek", "leke", "lei", "mdl",
                  "try", "azn", "usd", "eur", "gbp", "aed", "sar", "qar", "kes", "ugx", "etb", "n", "s",
                  "dollars", "naira", "taka", "rupees", "dirhams", "riyals"}
APPEARANCE = (
    "dressed in", "wearing a", "wearing her", "wearing his", "in a pale", "tall and", "short and",
    "thin and", "with a scar", "scar on", "tattoo", "tattooed", "birthmark", "with long", "with short",
    "dyed hair", "blonde hair", "red hair", "her hair", "limp", "wheelchair", "missing teeth", "pregnant",
    "headscarf", "hijab", "braids", "pigtails",
)

# Words that make a capitalised run a law, campaign, body or concept rather than a person.
NOT_PERSON_PARTS = {
    "act", "acts", "law", "bill", "code", "campaign", "committee", "commission", "council", "ministry",
    "court", "police", "agency", "bureau", "department", "directorate", "unit", "force", "office", "trafficking",
    "child", "children", "women", "girls", "human", "rights", "female", "male", "prevention", "protection",
    "welfare", "anti", "eradication", "immoral", "national", "international", "federal", "state", "mission",
    "foundation", "association", "society", "trust", "network", "project", "programme", "program",
    "initiative", "centre", "center", "institute", "university", "college", "school", "hospital", "church",
    "mosque", "temple", "airport", "station", "port", "hotel", "restaurant", "company", "ltd", "inc",
    "group", "organisation", "organization", "union", "party", "army", "navy", "guard", "embassy",
    "consulate", "report", "index", "day", "week", "cup", "games", "olympics", "festival", "award",
    "umrah", "hajj", "eid", "ramadan", "diwali", "christmas", "pak", "indo", "afro", "euro",
}
