package dev.colossus.social.demo;

import java.util.List;
import java.util.Map;

/**
 * The words of the demo network: people, topics, and sentence templates. Templates hold slots like {@code {city}}
 * filled from {@link #SLOTS}. Products, teams and events are invented so nothing reads as news about real ones.
 */
final class DemoContent {

    private DemoContent() {
    }

    /**
     * A person: username, display name, bio, the topics they post about (the first is their main one), and the
     * language they write most in.
     */
    record Person(String username, String displayName, String bio, List<String> topics, String language) {
    }

    /**
     * A topic: its everyday hashtags, posts and topic-specific replies; and the event trending right now, if any,
     * with its hashtag and posts.
     */
    record Topic(String name, List<String> tags, List<String> posts, List<String> replies,
                 String trendingTag, List<String> trendingPosts) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("maya_codes", "Maya Chen", "Backend engineer. Rust by day, sourdough by night. She/her.", List.of("tech", "cooking"), "en"),
            new Person("lukas_runs", "Lukas Berger", "Läufer, Ingenieur, Kaffeetrinker. Berlin.", List.of("sports", "tech"), "de"),
            new Person("astro_priya", "Priya Raman", "Astrophysics PhD student. I look up a lot. 🔭", List.of("space", "science"), "en"),
            new Person("chef_tomas", "Tomás Ortega", "Cocinero en Valencia. Arroz, fuego y paciencia.", List.of("cooking", "local"), "es"),
            new Person("nina_beats", "Nina Okafor", "DJ, producer, vinyl hoarder. Lagos ↔ London.", List.of("music", "local"), "en"),
            new Person("jules_velo", "Jules Martin", "Vélo, photo, café. Lyon.", List.of("sports", "local"), "fr"),
            new Person("kenji_dev", "Kenji Watanabe", "フロントエンド開発者。猫とラーメンが好き。", List.of("tech", "cooking"), "ja"),
            new Person("sam_orbit", "Sam Rivera", "Launch photographer. If it flies, I shoot it.", List.of("space", "tech"), "en"),
            new Person("grace_reads", "Grace Liu", "Librarian. Reading 52 books a year, behind schedule.", List.of("books", "local"), "en"),
            new Person("omar_plays", "Omar Haddad", "Football nerd. Tactics boards and bad takes.", List.of("sports", "music"), "en"),
            new Person("ana_garden", "Ana Souza", "Horta urbana em Lisboa. Tomates e paciência 🍅", List.of("local", "cooking"), "pt"),
            new Person("devon_ops", "Devon Price", "SRE. I keep the pager warm so you don't have to.", List.of("tech", "music"), "en"),
            new Person("ella_violin", "Ella Lindqvist", "Violinist in a chamber orchestra. Also plays too much chess.", List.of("music", "books"), "en"),
            new Person("marco_eats", "Marco Bianchi", "Food writer. I will review your sandwich.", List.of("cooking", "local"), "en"),
            new Person("zoe_climbs", "Zoe Adams", "Climber, trail runner, occasional scientist.", List.of("sports", "science"), "en"),
            new Person("ravi_builds", "Ravi Kumar", "Hardware hacker. Soldering iron is always hot.", List.of("tech", "space"), "en"),
            new Person("lea_notes", "Léa Dubois", "Pianiste et prof de musique. Paris.", List.of("music", "books"), "fr"),
            new Person("felix_field", "Felix Wagner", "Ornithologe im Nebenberuf. Vögel > Menschen.", List.of("science", "local"), "de"),
            new Person("hana_bakes", "Hana Kim", "Pastry chef. Butter is a personality.", List.of("cooking", "music"), "en"),
            new Person("carlos_stats", "Carlos Méndez", "Analista de datos. El fútbol también es estadística.", List.of("sports", "tech"), "es"),
            new Person("iris_sky", "Iris Novak", "Amateur astronomer with a backyard dome.", List.of("space", "science"), "en"),
            new Person("ben_cityhall", "Ben Walsh", "Local news, council meetings, potholes. Someone has to.", List.of("local", "books"), "en"),
            new Person("yuki_sketch", "Yuki Tanaka", "イラストレーター。毎日スケッチ。", List.of("books", "music"), "ja"),
            new Person("fatima_ml", "Fatima Zahra", "ML researcher. Opinions are my own, gradients are shared.", List.of("tech", "science"), "en"),
            new Person("oli_drums", "Oliver Grant", "Drummer. Too loud for the neighbours.", List.of("music", "sports"), "en"),
            new Person("sofia_trail", "Sofía Castro", "Corredora de montaña. Siempre hay otra cuesta.", List.of("sports", "local"), "es"),
            new Person("theo_rocket", "Theo Baptiste", "Propulsion engineer. Opinions on valves.", List.of("space", "tech"), "en"),
            new Person("mila_news", "Mila Petrova", "Science journalist. Send me your preprints.", List.of("science", "space"), "en"),
            new Person("noah_grill", "Noah Thompson", "Backyard BBQ evangelist. Low and slow.", List.of("cooking", "sports"), "en"),
            new Person("aiko_jazz", "Aiko Mori", "Jazz bassist. Late nights, early coffee.", List.of("music", "local"), "en"),
            new Person("pablo_code", "Pablo Ruiz", "Desarrollador backend. Java, Kotlin y mucho café.", List.of("tech", "sports"), "es"),
            new Person("claire_ink", "Claire Fontaine", "Romancière en cours d'écriture. Beaucoup de thé.", List.of("books", "local"), "fr"),
            new Person("max_bikes", "Max Keller", "Fahrradmechaniker und Stadtplaner im Herzen.", List.of("local", "sports"), "de"),
            new Person("leila_cosmos", "Leila Ahmadi", "Planetary scientist. Mars rocks are the best rocks.", List.of("space", "science"), "en"),
            new Person("finn_pixel", "Finn O'Brien", "Indie game dev. Shipping is a feature.", List.of("tech", "music"), "en"),
            new Person("rosa_market", "Rosa Jiménez", "Organizo el mercado nocturno del barrio 🌙", List.of("local", "cooking"), "es"));

    static final Map<String, List<String>> SLOTS = Map.ofEntries(
            Map.entry("city", List.of("Berlin", "Lisbon", "Lyon", "Valencia", "Osaka", "Toronto", "Nairobi", "Melbourne", "Leeds", "Portland")),
            Map.entry("product", List.of("the Nimbus X phone", "Halo Buds 3", "the Quanta laptop", "Orbit OS 7", "the Vela watch", "the Pico dev board")),
            Map.entry("lang", List.of("Rust", "Java", "Go", "Kotlin", "Python", "TypeScript", "Zig", "Elixir")),
            Map.entry("team", List.of("Riverside FC", "Northport United", "Atlético Solano", "Harbor City", "Union Kestrel", "Real Montaña")),
            Map.entry("dish", List.of("paella", "ramen", "shakshuka", "banana bread", "dal", "focaccia", "tacos al pastor", "pho", "lasagne", "bibimbap")),
            Map.entry("artist", List.of("Midnight Ferns", "Lola Vance", "The Copper Owls", "DJ Halcyon", "Amara Soul", "Northern Static")),
            Map.entry("book", List.of("The Glass Orchard", "Salt and Stars", "A Field Guide to Quiet", "The Last Cartographer", "Small Hours")),
            Map.entry("planet", List.of("Jupiter", "Saturn", "Mars", "Venus", "the Moon")),
            Map.entry("n", List.of("2", "3", "5", "7", "12", "20", "42")),
            Map.entry("day", List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")),
            Map.entry("emoji", List.of("🙂", "😂", "🔥", "✨", "🙌", "😅", "👀", "💯", "🤔", "❤️")));

    /** Put in front of a post whose sentence someone else already posted. */
    static final List<String> OPENERS = List.of("Okay, ", "Wow. ", "Still thinking about this: ", "Update: ",
            "Can confirm: ", "Right now: ", "Honestly? ", "PSA: ", "So: ", "Heard it too: ", "Yes! ", "Just saw this: ");

    static final List<Topic> TOPICS = List.of(
            new Topic("tech", List.of("tech", "programming", "opensource", "devops", "ai"),
                    List.of(
                            "Finally migrated our build to {lang}. Compile times down by half {emoji}",
                            "Hot take: most outages are config changes. Review your YAML like it is code. #devops",
                            "Spent the whole afternoon chasing a race condition. It was a missing lock, as always. #programming",
                            "Anyone tried {product} yet? The battery claims look too good to be true. #tech",
                            "Wrote a tiny {lang} CLI to rename my photos by date. Best hour of my week.",
                            "Reminder: back up your laptop. Today. I'll wait. {emoji}",
                            "Our team shipped a feature flag system in {n} days and I am very proud of everyone. #opensource",
                            "Reading the source of an old text editor and it is beautifully simple. We overbuild everything now.",
                            "Small language models on a laptop are getting surprisingly useful for summarising notes. #ai",
                            "Pair programming with a junior today and learned more than I taught. #programming",
                            "The {lang} community is so welcoming. Opened my first PR and got a kind review in an hour. #opensource",
                            "Incident review done. Root cause: a certificate nobody knew existed. #devops"),
                    List.of(
                            "Same here, the logs told us nothing until we added timestamps everywhere.",
                            "Which version were you on? We saw something similar last month.",
                            "Config as code saved us more than once. Totally agree.",
                            "Link to the repo? I'd love to try it.",
                            "This is why I write the test first now. Mostly.",
                            "Ha, the certificate always expires on a Friday {emoji}"),
                    "nimbuslaunch",
                    List.of(
                            "The Nimbus X keynote just ended: foldable screen, 3-day battery, and a repair kit in the box. #NimbusLaunch",
                            "Pre-orders for the Nimbus X are already sold out in {city}. Wild. #NimbusLaunch",
                            "Watching the #NimbusLaunch stream. The on-device assistant demo actually worked live {emoji}",
                            "Price of the Nimbus X is higher than I hoped but the repairability score is great. #NimbusLaunch",
                            "Hands-on: the Nimbus X hinge feels solid, the camera is fine, the speakers are surprisingly loud. #NimbusLaunch",
                            "Is anyone else's #NimbusLaunch stream buffering? The servers are melting.")),
            new Topic("space", List.of("space", "astronomy", "rocket", "nightsky"),
                    List.of(
                            "Clear skies tonight over {city}. {planet} is bright in the south-east. #nightsky",
                            "Reprocessed some old telescope data and found a faint galaxy I'd missed for years. #astronomy",
                            "The ISS flies over at 21:14 tonight, look west {emoji} #space",
                            "Propellant loading is the most stressful part of any launch day. Ask me how I know. #rocket",
                            "A reminder that we've put robots on {planet} and they send postcards. #space",
                            "Meteor shower peaks this week. Find somewhere dark, lie down, be patient. #nightsky",
                            "Drew my first sketch of {planet} through the eyepiece. Not bad for a beginner. #astronomy",
                            "Reusable boosters changed the economics of everything. We're living in the future. #rocket",
                            "New paper on water ice in lunar craters. The numbers keep getting better. #space"),
                    List.of(
                            "What telescope are you using? The detail is great.",
                            "Clouds here, as always. Jealous!",
                            "Saw it too, it was so bright!",
                            "Do you have a link to the paper?",
                            "Every time I look at {planet} it still blows my mind.",
                            "The photo is stunning {emoji}"),
                    "auroraflight",
                    List.of(
                            "LIFTOFF! Aurora Flight 9 is on its way and the booster is coming back. #AuroraFlight",
                            "Booster caught on the first try. People are screaming in the press room. #AuroraFlight",
                            "Stage separation confirmed, second stage engine nominal. #AuroraFlight",
                            "Watched #AuroraFlight from the beach with {n} thousand people. The sound arrives a few seconds later and shakes your chest.",
                            "The payload fairing cameras on #AuroraFlight are incredible. You can see the curve of the Earth.",
                            "Telemetry looks clean. Orbit insertion in 8 minutes. #AuroraFlight 🚀")),
            new Topic("sports", List.of("football", "running", "cycling", "climbing"),
                    List.of(
                            "{team} pressing high for 90 minutes is the best football I've watched this season. #football",
                            "Long run done: {n}0 km along the river, legs are jelly. #running",
                            "Climbed my first 7a today after six months of projecting it. #climbing",
                            "Rainy ride to work but the bike lane was empty {emoji} #cycling",
                            "Tactical thread: why {team} switched to a back three at half time. #football",
                            "Race report: negative split, new personal best, and a free banana at the finish. #running",
                            "Our Sunday club ride went to the coast and back. Headwind both ways, somehow. #cycling",
                            "The {team} goalkeeper is having the season of his life. #football"),
                    List.of(
                            "Great result, congrats!",
                            "That back three changed everything, agreed.",
                            "Which shoes do you run in?",
                            "Headwind both ways is a law of physics {emoji}",
                            "See you at the next race?",
                            "Proper effort, well done."),
                    "cupfinal",
                    List.of(
                            "GOAL! Riverside FC lead 1-0 in the #CupFinal after a header from the corner!",
                            "Northport equalise in the 78th minute. This #CupFinal is everything {emoji}",
                            "Extra time in the #CupFinal. I can't watch. I am watching.",
                            "PENALTIES. Of course it goes to penalties. #CupFinal",
                            "Riverside FC win the #CupFinal on penalties! The keeper saved two! 🏆",
                            "Whole pub in {city} is singing. What a #CupFinal.")),
            new Topic("music", List.of("music", "vinyl", "jazz", "newmusic"),
                    List.of(
                            "{artist} just dropped a new single and it's on repeat all morning. #newmusic",
                            "Found a first pressing at the flea market for {n} euros. #vinyl",
                            "Late set at the jazz club, bass solo went on for ten minutes and nobody minded. #jazz",
                            "Practising scales for an hour a day is boring and it works. #music",
                            "Playlist for rainy {day}s: soft piano, old soul, one weird synth track. #music",
                            "Saw {artist} live in {city}. Tight band, great sound, too short. #music",
                            "Recording drums in a small room is a lesson in humility. #music"),
                    List.of(
                            "Adding it to my list right now.",
                            "That record is a gem, lucky find!",
                            "Were you at the {day} show too?",
                            "Scales forever. My teacher would be proud.",
                            "Please share the playlist {emoji}",
                            "Their last album was even better."),
                    null, List.of()),
            new Topic("cooking", List.of("cooking", "baking", "recipe", "foodie"),
                    List.of(
                            "Made {dish} from scratch tonight. Took three hours, gone in ten minutes. #cooking",
                            "Sourdough starter is {n} years old today. It has outlived two houseplants. #baking",
                            "Quick recipe: roast tomatoes, garlic and olive oil, blend, done. Best soup. #recipe",
                            "Best {dish} in {city}? Asking for a hungry friend. #foodie",
                            "Burnt the first batch, nailed the second. That's baking. #baking",
                            "Tip: salt your pasta water like the sea. Not more, not less. #cooking",
                            "Tried a new {dish} place downtown, the portions were huge and the staff lovely. #foodie"),
                    List.of(
                            "Recipe please!",
                            "That looks amazing {emoji}",
                            "The second batch is always the good one.",
                            "Try adding a pinch of smoked paprika next time.",
                            "I know a great place for that, DM me.",
                            "Saving this for the weekend."),
                    null, List.of()),
            new Topic("local", List.of("local", "citylife", "market", "community"),
                    List.of(
                            "The council approved the new bike lanes on Main Street. Construction starts in spring. #local",
                            "Power cut in the east of {city} for about an hour, everything back now. #local",
                            "Community garden open day this {day}: seedlings, tea and very tall sunflowers. #community",
                            "The farmers market has a new cheese stall and I have no self-control. #market",
                            "Street festival in {city} this weekend, roads closed around the old town. #citylife",
                            "Library extends opening hours on weekdays from next month. #community",
                            "Lost cat near the park, grey with a white paw, answers to Biscuit. #local"),
                    List.of(
                            "Finally! The old lane was dangerous.",
                            "Thanks for the heads up.",
                            "See you there!",
                            "Hope Biscuit comes home soon ❤️",
                            "Which day is the market on?",
                            "This is why I love this neighbourhood."),
                    "nightmarket",
                    List.of(
                            "The #NightMarket is open! Lanterns, dumplings and a brass band by the fountain.",
                            "Queue for the dumpling stall at the #NightMarket is 40 people long and worth it.",
                            "Someone is selling hand-painted postcards of {city} at the #NightMarket {emoji}",
                            "Live music on the square tonight for the #NightMarket, bring a jacket.",
                            "The #NightMarket stays open until midnight tonight. Go!")),
            new Topic("science", List.of("science", "climate", "birds", "research"),
                    List.of(
                            "Counted {n}0 swifts over the river this evening. They're back! #birds",
                            "Peer review came back: two reviewers love it, one wants a new experiment. Classic. #research",
                            "The ocean absorbs most of the extra heat we add. That's the part people forget. #climate",
                            "Fieldwork day: mud, rain, and a beautiful dataset. #science",
                            "Reproducibility tip: write down the versions of everything. Everything. #research",
                            "A kingfisher landed two metres from me and I forgot I had a camera. #birds"),
                    List.of(
                            "Which river? I'd love to see them.",
                            "Reviewer 3 strikes again {emoji}",
                            "Great thread, sharing with my students.",
                            "The data is beautiful.",
                            "Kingfishers are so fast, congrats on seeing one!"),
                    null, List.of()),
            new Topic("books", List.of("books", "reading", "writing"),
                    List.of(
                            "Finished {book} last night. That ending. #books",
                            "Writing goal: 500 words a day. Today: 512. I'll take it. #writing",
                            "Book club picked {book} for next month, anyone read it? #reading",
                            "Rainy {day}, tea, and a 600-page novel. Perfect. #reading",
                            "Library haul: {n} books, one of them is definitely too long. #books"),
                    List.of(
                            "Loved that one, the middle part is slow but worth it.",
                            "Adding it to my pile.",
                            "512 counts double!",
                            "Which translation are you reading?",
                            "No such thing as too long {emoji}"),
                    null, List.of()));

    /** Everyday posts in other languages, keyed by language code. */
    static final Map<String, List<String>> OTHER_LANGUAGE_POSTS = Map.of(
            "es", List.of(
                    "Hoy hice {dish} para toda la familia y no sobró nada {emoji}",
                    "¡Qué partidazo del {team}! Tres goles en la segunda parte. #football",
                    "Mañana hay mercado en la plaza, ¿alguien se apunta? #market",
                    "Por fin terminé el proyecto en {lang}. Ahora, vacaciones.",
                    "La lluvia en {city} no para, pero el café está caliente ☕"),
            "fr", List.of(
                    "Balade à vélo le long de la Saône ce matin, magnifique #cycling",
                    "Concert de piano ce soir, un peu de trac mais heureuse {emoji}",
                    "Nouvelle boulangerie dans le quartier : les croissants sont parfaits. #foodie",
                    "J'ai fini {book}, quelle fin incroyable. #books",
                    "Il fait enfin beau à {city}, tout le monde est en terrasse ☀️"),
            "de", List.of(
                    "Heute Morgen 15 km gelaufen, danach Kaffee und Brezel. #running",
                    "Der neue Radweg ist endlich fertig. Danke, Stadtrat! #local",
                    "Zwei Rotmilane über dem Feld gesehen, einfach wunderschön. #birds",
                    "Wer kennt ein gutes Buch für den Urlaub? #books",
                    "Regen in {city}, also Zeit für Code in {lang} {emoji}"),
            "ja", List.of(
                    "今日のラーメンは最高だった🍜",
                    "新しいスケッチブックを買いました。毎日描くぞ✏️",
                    "週末は{city}で友達とカフェ巡り☕",
                    "{lang}で小さなツールを作った。楽しい！ #programming",
                    "夜空に{planet}がよく見える。#nightsky"),
            "pt", List.of(
                    "Os tomates da horta finalmente amadureceram 🍅",
                    "Feira no bairro este sábado, venham! #market",
                    "Fiz {dish} pela primeira vez e ficou ótimo {emoji}",
                    "Chuva em Lisboa outra vez, mas a cidade continua linda."));

    /** Replies that fit any post. */
    static final List<String> GENERIC_REPLIES = List.of(
            "So true {emoji}",
            "Thanks for sharing this!",
            "Couldn't agree more.",
            "Wait, really? Tell me more.",
            "This made my day {emoji}",
            "Good point, I hadn't thought of it that way.",
            "Bookmarking this.",
            "Ha! Exactly.");
}
