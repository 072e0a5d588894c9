//! Pasted text is never refused: headlines and sentences as people copy them from news pages,
//! with quotes, apostrophes, colons, brackets, dashes and URLs, each find their own article.
//!
//! The articles are written for this test in the manner of wire copy (no text is taken from
//! elsewhere). Each article's headline and each of its sentences is a query; a few are pasted
//! the way careless copying leaves them (a leading dash, a stray quote, a URL after them).

use std::collections::HashMap;

use super::{Sandbox, stderr};

/// Headline, then the sentences of the body.
const ARTICLES: &[(&str, &[&str])] = &[
    (
        "Fed chair: \"no rush\" to raise rates",
        &[
            "The Federal Reserve's chair said on Tuesday there was \"no rush\" to lift borrowing costs again.",
            "Markets (which had priced in a July move) rallied after the remarks.",
        ],
    ),
    (
        "Trump's travel ban (revised) faces court test",
        &[
            "A federal judge in Hawaii will hear arguments on the revised order on Wednesday.",
            "\"We'll see them in court,\" the state's attorney general told reporters.",
        ],
    ),
    (
        "\"It's not over\": striking dockworkers vow to stay out",
        &[
            "Union leaders rejected the ports' latest offer — a 4% raise over two years — as \"insulting\".",
            "Cargo ships queued off Rotterdam for a third straight day.",
        ],
    ),
    (
        "Q&A: What the new EU battery rules mean for carmakers",
        &[
            "From 2027, batteries sold in the bloc must carry a digital \"passport\" listing their origin.",
            "Makers say the paperwork (and the audits behind it) will add costs.",
        ],
    ),
    (
        "Analysis: Why copper's rally may not last",
        &[
            "Copper hit $11,000 a tonne on Monday, its highest since 2022.",
            "Traders worry Chinese demand—the engine of the rally—is already fading.",
        ],
    ),
    (
        "UK inflation falls to 2.3% in April, lowest in three years",
        &[
            "Consumer prices rose 2.3% in the year to April, the Office for National Statistics said.",
            "Economists had expected 2.1%; energy bills were the biggest drag.",
        ],
    ),
    (
        "Exclusive: Nvidia's China chip sales face new U.S. curbs",
        &[
            "Washington is drafting rules that would require licences for the H20 accelerator, sources said.",
            "\"We comply with all export regulations,\" an Nvidia spokesperson said.",
        ],
    ),
    (
        "Wildfire forces 10,000 to flee near Athens (update 3)",
        &[
            "Firefighters battled flames fanned by gale-force winds on Mount Penteli overnight.",
            "Greece's civil protection agency sent evacuation alerts to residents' phones.",
        ],
    ),
    (
        "Opinion | The four-day week isn't a fad — it's a test",
        &[
            "Pilot schemes in Iceland and Britain found output held steady while sick days fell.",
            "Critics ask whether hospitals & schools could ever run that way.",
        ],
    ),
    (
        "Apple unveils 'Vision Air' headset at WWDC",
        &[
            "The lighter headset weighs 350 grams and costs $1,999, Apple said at its developer conference.",
            "Analysts at Morgan Stanley called the price \"a hurdle, not a wall\".",
        ],
    ),
    (
        "Man U sack manager after 4-0 derby defeat",
        &[
            "Manchester United dismissed their manager on Sunday, hours after the loss at the Etihad.",
            "The club's statement thanked him for \"his dedication and hard work\".",
        ],
    ),
    (
        "LIVE: Election night — polls close in Virginia, New Jersey",
        &[
            "Polls closed at 7pm ET in Virginia; New Jersey follows at 8pm.",
            "Turnout in Fairfax County was running ahead of 2021, officials said.",
        ],
    ),
    (
        "Boeing 737 MAX door plug: what we know so far",
        &[
            "Investigators found four bolts meant to secure the panel were missing.",
            "The NTSB's preliminary report (released Tuesday) runs to 19 pages.",
        ],
    ),
    (
        "'Barbenheimer' weekend breaks box-office records",
        &[
            "Barbie took $155m in North America over its opening weekend, while Oppenheimer made $80m.",
            "Cinema chains reported their busiest Sunday since before the pandemic.",
        ],
    ),
    (
        "Typhoon Doksuri makes landfall in Fujian province",
        &[
            "The storm came ashore near Jinjiang with winds of 180 km/h, China's weather agency said.",
            "More than 400,000 people had been moved to shelters before it arrived.",
        ],
    ),
    (
        "SpaceX's Starship explodes minutes after launch",
        &[
            "The rocket lost contact about eight minutes into flight over the Gulf of Mexico.",
            "Elon Musk wrote on X that the team had learned \"a ton\" from the test.",
        ],
    ),
    (
        "India's monsoon arrives early in Kerala, weather office says",
        &[
            "The India Meteorological Department declared the monsoon's onset on May 24, a week ahead of normal.",
            "Farmers depend on June-September rains to water about half the country's crops.",
        ],
    ),
    (
        "Germany's Scholz loses confidence vote, paving way for snap election",
        &[
            "Lawmakers voted 394-207 against the chancellor in the Bundestag on Monday.",
            "President Steinmeier now has 21 days to dissolve parliament.",
        ],
    ),
    (
        "Bitcoin tops $100,000 for the first time",
        &[
            "The cryptocurrency rose as much as 4% to $103,800 in Asian trading.",
            "\"Sentiment is euphoric,\" said a strategist at a Singapore brokerage.",
        ],
    ),
    (
        "How to watch the total solar eclipse (safely)",
        &[
            "Never look directly at the sun without ISO 12312-2 certified glasses, NASA advises.",
            "The path of totality crosses Mexico, the United States and Canada.",
        ],
    ),
    (
        "Striking Hollywood writers reach tentative deal with studios",
        &[
            "The Writers Guild of America said the agreement was \"exceptional\", with gains on pay and AI.",
            "Members must still ratify the three-year contract.",
        ],
    ),
    (
        "Amazon to cut 14,000 corporate jobs",
        &[
            "The retailer's human resources chief said the cuts would fall mostly on middle managers.",
            "Amazon employs about 1.5 million people worldwide, most of them in warehouses.",
        ],
    ),
    (
        "Earthquake of magnitude 7.8 strikes southern Turkey and Syria",
        &[
            "The quake hit at 04:17 local time near Gaziantep, the U.S. Geological Survey said.",
            "Rescuers dug through collapsed buildings in freezing rain.",
        ],
    ),
    (
        "Netflix adds 9 million subscribers as password crackdown pays off",
        &[
            "The streamer said paid memberships reached 247 million at the end of the quarter.",
            "Shares jumped 12% in after-hours trading.",
        ],
    ),
    (
        "Venice introduces €5 entry fee for day-trippers",
        &[
            "Visitors arriving between 8:30am and 4pm on peak days must book online at cda.ve.it.",
            "Residents, students and hotel guests are exempt.",
        ],
    ),
    (
        "WHO declares end to mpox global health emergency",
        &[
            "Cases have fallen nearly 90% from the peak, the World Health Organization's director-general said.",
            "He warned that the virus \"continues to pose significant public health challenges\".",
        ],
    ),
    (
        "Thousands rally in Tbilisi against 'foreign agents' bill",
        &[
            "Protesters waved Georgian and EU flags outside parliament late into the night.",
            "Critics say the measure mirrors a Russian law used to silence dissent.",
        ],
    ),
    (
        "Microsoft closes $69bn Activision Blizzard takeover",
        &[
            "Britain's competition regulator cleared the deal after Microsoft sold cloud gaming rights to Ubisoft.",
            "The purchase brings Call of Duty and Candy Crush under one roof.",
        ],
    ),
    (
        "Drought shrinks Panama Canal traffic; shippers pay up to $4m to skip queue",
        &[
            "The canal authority cut daily transits to 24 because Gatun Lake is at record lows.",
            "One liquefied gas carrier paid $3.98 million at auction for a slot.",
        ],
    ),
    (
        "Ex-FTX boss Sam Bankman-Fried sentenced to 25 years",
        &[
            "Judge Lewis Kaplan said Bankman-Fried had shown no remorse for the $8bn fraud.",
            "His lawyers said they would appeal the conviction.",
        ],
    ),
    (
        "Kenya's parliament stormed as tax protests turn deadly",
        &[
            "Police opened fire on crowds in Nairobi after demonstrators breached the parliament compound.",
            "The finance bill would have raised taxes on bread, fuel and mobile money.",
        ],
    ),
    (
        "Taylor Swift's Eras Tour becomes first to gross $1bn",
        &[
            "The tour had sold more than 4.35 million tickets by December, according to Pollstar.",
            "Cities from Glendale to Lisbon reported a boost to hotels and restaurants.",
        ],
    ),
    (
        "Japan's yen slides past 160 per dollar, prompting intervention fears",
        &[
            "Japan's top currency diplomat said officials were \"ready to take action\" if moves became excessive.",
            "The Bank of Japan kept its policy rate near zero last week.",
        ],
    ),
    (
        "Heatwave: Spain records 44.5C as Europe swelters",
        &[
            "Seville and Cordoba were under red alerts, with outdoor work banned in the afternoon.",
            "Tourists queued for water at the Acropolis, which closed at noon.",
        ],
    ),
    (
        "Ryanair warns summer fares will be 'materially lower'",
        &[
            "Europe's biggest budget airline said consumers were \"more price sensitive\" this year.",
            "Profit after tax fell 46% in the April-June quarter.",
        ],
    ),
    (
        "Breaking: Explosion reported at Baltimore chemical plant",
        &[
            "Emergency crews were sent to the plant on Chesapeake Avenue shortly after 6am.",
            "Residents within a mile were told to keep windows closed.",
        ],
    ),
    (
        "Canada wildfire smoke turns New York skies orange",
        &[
            "New York's air quality index topped 400, a level considered hazardous, on Wednesday afternoon.",
            "Flights into LaGuardia were delayed because of poor visibility.",
        ],
    ),
    (
        "McDonald's to test AI ordering at drive-thrus (again)",
        &[
            "The chain ended an earlier pilot with IBM after customers posted videos of botched orders.",
            "Its new partner is Google's cloud unit.",
        ],
    ),
    (
        "OPEC+ agrees to extend output cuts into 2025",
        &[
            "Saudi Arabia will keep its voluntary cut of one million barrels a day until the end of September.",
            "Brent crude rose 1.2% to $82.30 after the announcement.",
        ],
    ),
    (
        "New York City's rats: mayor appoints first 'rat czar'",
        &[
            "Kathleen Corradi, a former teacher, will lead the city's war on rodents.",
            "Sightings reported to the 311 hotline rose 71% over two years.",
        ],
    ),
    (
        "Pope Francis, 88, in hospital with bronchitis",
        &[
            "The Vatican said the pontiff had been admitted to Rome's Gemelli hospital for tests.",
            "His weekly general audience was cancelled.",
        ],
    ),
    (
        "Tesla recalls 2m cars over Autopilot safety concerns",
        &[
            "The recall follows a two-year probe by the National Highway Traffic Safety Administration.",
            "An over-the-air software update will add more alerts for drivers.",
        ],
    ),
    (
        "Scientists grow human 'mini-brains' that respond to light",
        &[
            "The organoids, grown from stem cells, developed primitive light-sensitive structures.",
            "The work, published in Cell Stem Cell, could aid research into retinal disease.",
        ],
    ),
    (
        "Mexico elects Claudia Sheinbaum as its first woman president",
        &[
            "Sheinbaum, a climate scientist and former Mexico City mayor, won nearly 60% of the vote.",
            "She will take office on October 1.",
        ],
    ),
    (
        "Is the housing market finally cooling? Prices dip for 3rd month",
        &[
            "Average asking prices fell 0.4% in October, the property portal Rightmove said.",
            "Mortgage approvals are at their lowest since January.",
        ],
    ),
    (
        "Nobel Peace Prize awarded to jailed Iranian activist Narges Mohammadi",
        &[
            "The Norwegian Nobel Committee honoured her \"fight against the oppression of women in Iran\".",
            "Mohammadi is serving multiple sentences in Tehran's Evin prison.",
        ],
    ),
    (
        "Air India crash: black boxes recovered from Ahmedabad site",
        &[
            "The flight data recorder was found on the roof of a medical college hostel.",
            "Only one of the 242 people on board survived.",
        ],
    ),
    (
        "Sudan's army and RSF agree 72-hour ceasefire, again",
        &[
            "Previous truces brokered in Jeddah collapsed within hours.",
            "Aid agencies say 25 million people need humanitarian assistance.",
        ],
    ),
    (
        "-- Correction: Fishing quota story, Nov. 3",
        &[
            "An earlier version of this story misstated the North Sea cod quota; it is 11,000 tonnes, not 1,100.",
            "The quota applies to the 2026 season.",
        ],
    ),
    (
        "Orca pod sinks yacht off Portugal's coast (video)",
        &[
            "The crew of the 15-metre yacht were rescued after orcas rammed its rudder for an hour.",
            "Researchers have logged more than 500 such interactions since 2020.",
        ],
    ),
    (
        "Paris 2024: Seine declared clean enough for Olympic triathlon",
        &[
            "Water tests showed E. coli levels within limits after days of dry weather.",
            "Swimmers dived in from the Pont Alexandre III at 8am.",
        ],
    ),
    (
        "Ukraine hits Russian oil refinery with long-range drones",
        &[
            "A fire broke out at the Ryazan refinery after the attack, the regional governor said on Telegram.",
            "Moscow said air defences downed 58 drones overnight.",
        ],
    ),
    (
        "\"A huge relief\": Stranded astronauts return after nine months",
        &[
            "The capsule splashed down off Tallahassee, Florida, at 5:57pm EDT.",
            "Their eight-day mission had stretched to 286 days because of thruster faults.",
        ],
    ),
    (
        "Cocoa prices hit record as West African harvests fail",
        &[
            "New York futures topped $10,000 a tonne for the first time on Tuesday.",
            "Chocolate makers including Hershey's have raised prices.",
        ],
    ),
    (
        "Who is Javier Milei? Argentina's chainsaw-wielding president",
        &[
            "The libertarian economist promised to \"take a chainsaw\" to public spending.",
            "Monthly inflation has slowed from 25% to under 3% since he took office.",
        ],
    ),
    (
        "Pakistan floods: one-third of the country under water, minister says",
        &[
            "Climate change minister Sherry Rehman called it \"a serious climate catastrophe\".",
            "More than 1,100 people have died since mid-June.",
        ],
    ),
];

/// Writes each article to its own file; returns the file name of each, in order.
fn write_corpus(sb: &Sandbox) -> Vec<String> {
    ARTICLES
        .iter()
        .enumerate()
        .map(|(i, (headline, sentences))| {
            let name = format!("{i:03}.txt");
            let text = format!(
                "{headline}\n\nMarch {}, 2025\n\n{}\n",
                i % 28 + 1,
                sentences.join("\n\n")
            );
            sb.write(&format!("news/{name}"), text.as_bytes());
            name
        })
        .collect()
}

/// The queries: every headline and sentence as written, and some of them as careless copying
/// leaves them. Each with the file it comes from.
fn queries(names: &[String]) -> Vec<(String, &str)> {
    let mut queries = Vec::new();
    for ((headline, sentences), name) in ARTICLES.iter().zip(names) {
        queries.push((headline.to_string(), name.as_str()));
        for sentence in sentences.iter() {
            queries.push((sentence.to_string(), name.as_str()));
        }
    }
    let mangled: Vec<(String, &str)> = queries
        .iter()
        .step_by(7)
        .enumerate()
        .map(|(i, (text, name))| {
            let text = match i % 5 {
                0 => format!("- {text}"),
                1 => format!("\"{text}"),
                2 => format!("{text} https://example.com/news/2025/03/story.html?id=7&ref=rss"),
                3 => format!("({text}"),
                _ => format!("-{text}"),
            };
            (text, *name)
        })
        .collect();
    queries.extend(mangled);
    queries
}

#[test]
fn pasted_sentences_are_never_refused_and_find_their_article_first() {
    let sb = Sandbox::new();
    let names = write_corpus(&sb);
    sb.index(&["news"]);
    let queries = queries(&names);
    assert!(queries.len() >= 100, "{} queries", queries.len());
    let mut misses: HashMap<&str, Vec<String>> = HashMap::new();
    for (query, name) in &queries {
        let out = sb.run(&["--json", "-n", "1", query]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "refused or found nothing: {query}: {}",
            stderr(&out)
        );
        let first: serde_json::Value =
            serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap_or(b""))
                .expect("a JSON hit");
        let path = first["path"].as_str().unwrap_or_default();
        if !path.ends_with(name) {
            misses.entry(name).or_default().push(query.clone());
        }
    }
    assert!(
        misses.is_empty(),
        "not first for their own article: {misses:#?}"
    );
}
