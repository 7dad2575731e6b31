/**
 * English function words, dropped before lexical matching (denied topics, grounding): they carry no topic. Our own
 * list of pronouns, determiners, auxiliaries, prepositions and conjunctions, lower case, with common contractions.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other our ours ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves also may might must shall us ' +
    'yes ok okay hi hello thanks thank please let lets get got via per etc ' +
    "i'm i've i'll i'd you're you've you'll you'd he's she's it's we're we've we'll they're they've they'll " +
    "that's there's what's isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't " +
    "shouldn't hasn't haven't hadn't let's s t"
  ).split(' '),
);

/**
 * Frequent content words that say little about a topic on their own ("tell me", "best way", "help"): they still
 * count toward a topic, at a fraction of the weight of specific words.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'want need know tell make give take go come see look use find think say ask show help like good best better ' +
    'bad new old way thing things something anything everything someone anyone people person time day year one two ' +
    'first last many much lot really well right wrong kind sort type question answer information example explain ' +
    'describe talk discuss write list provide share mean work try keep start stop able sure true false'
  ).split(' '),
);
