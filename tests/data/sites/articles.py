"""Article text for the site-learning test pages (invented, written for these tests).

Each host has 12 stories: (slug, title, paragraphs). `make_pages.py` wraps them in each
host's own repeated chrome and writes the pages and their golden bodies.
"""

# A local newspaper (scraped text pages). Stories 4-7 are a series sharing a background
# paragraph (SERIES_NOTE, mid-article); stories 1 and 9 quote the same line of the mayor.
MAYOR_QUOTE = "“We are not going to balance this budget on the backs of our bus drivers,” Mayor Elena Ruiz said at the time."
SERIES_NOTE = (
    "The Mill Street bridge, built in 1931, carries about 14,000 vehicles a day across the Riverbend and was rated "
    "structurally deficient by state inspectors in 2019, the last full inspection before the closure."
)

GAZETTE = [
    ("transit-budget", "City council approves transit budget after late-night debate", [
        "The Riverbend City Council voted 6-3 early Wednesday to approve a $48 million transit budget, ending a session that ran past midnight and drew more than 200 residents to City Hall.",
        "The plan keeps weekend service on all eleven bus routes and adds a late-evening loop between the hospital and the east side, a change riders have requested for years.",
        "Opponents on the council argued the budget relies too heavily on a one-time state grant. Councilor Mark Hedlund warned that the city could face a $3 million gap by 2027 if the grant is not renewed.",
        MAYOR_QUOTE,
        "The budget takes effect July 1. A public hearing on fare changes is scheduled for next month.",
    ]),
    ("library-renovation", "Main library to close for eight months during renovation", [
        "The Riverbend Public Library’s main branch on Chestnut Avenue will close on March 3 for a renovation that will replace its roof, heating system and children’s wing.",
        "Library director Paulette Osei said the building, which opened in 1968, has leaked during every heavy rain for the past three winters. “We have been moving books out of the way of buckets,” she said.",
        "During the closure, the east and south branches will extend their hours until 8 p.m. on weekdays, and a bookmobile will stop at four schools twice a week.",
        "The $6.2 million project is paid for by a bond residents approved in 2022. The branch is expected to reopen in November.",
    ]),
    ("high-school-robotics", "Riverbend High robotics team heads to world championship", [
        "Twelve students from Riverbend High School will travel to Houston next month after their robot, nicknamed Gristmill, won the regional final in Springfield on Saturday.",
        "The team spent six weeks designing a machine that can stack foam cones and climb a metal bar in under two minutes. Senior captain Ayaan Patel said the climbing arm was rebuilt three times.",
        "The trip will cost about $18,000. Parents have organized a car wash and a pancake breakfast, and two local machine shops have offered to cover the shipping of the robot.",
        "It is the first time a Riverbend team has qualified for the championship since the program started in 2011.",
    ]),
    ("bridge-part-1", "Water under the bridge, part 1: Why Mill Street closed", [
        "When state engineers closed the Mill Street bridge in October, they gave the city four hours’ notice. By the evening rush, traffic on Route 9 was backed up to the interstate.",
        SERIES_NOTE,
        "Inspectors found cracks in two of the steel girders under the eastern span, according to a report the Gazette obtained through a public records request. One crack had grown by nearly an inch since the previous check.",
        "“There was no safe way to keep it open,” said Dana Whitlock, the state’s district bridge engineer. “We would rather inconvenience people than gamble with them.”",
        "This week, the Gazette looks at what the closure has cost the city, its businesses and its commuters, and what comes next.",
    ]),
    ("bridge-part-2", "Water under the bridge, part 2: Businesses on the far bank", [
        "Sales at Tomasz Nowak’s hardware store on the west bank have fallen by a third since the bridge closed. Customers who used to stop on the way home now take the bypass and never pass his door.",
        "Nowak is not alone. A survey by the Riverbend Business Alliance found that 41 of 57 shops within half a mile of the bridge reported lower sales in the first two months of the closure.",
        SERIES_NOTE,
        "The alliance has asked the city to waive parking fees on the west bank and to put up signs on Route 9 directing drivers to the shops. The council will take up the request on Tuesday.",
        "“We survived the flood in 2011,” Nowak said. “We will survive this, but not if it drags on for three years.”",
    ]),
    ("bridge-part-3", "Water under the bridge, part 3: The long way to work", [
        "For nurses at Riverbend General, the closure has added as much as 25 minutes to each commute. The hospital has moved shift changes by half an hour to give staff time to get across town.",
        "The detour sends traffic north to the Route 9 bridge, which was not built for the extra load. Police have recorded 34 crashes at the Route 9 interchange since October, up from 12 in the same period a year earlier.",
        SERIES_NOTE,
        "The transit authority added a shuttle between the two banks, but ridership has been low. Many workers say a bus that stops every 40 minutes is not an option when they start at 6 a.m.",
        "Some commuters have taken to kayaks. On warm mornings, a handful paddle across the river and leave bicycles chained on the other side.",
    ]),
    ("bridge-part-4", "Water under the bridge, part 4: What a new bridge will take", [
        "Replacing the Mill Street bridge will cost between $38 million and $52 million, according to estimates presented to the council on Monday, and construction could not begin before the spring of 2027.",
        "The state has promised to cover 80 percent of the cost through its bridge program. The city’s share would come from a bond that voters must approve in November.",
        SERIES_NOTE,
        "Engineers are weighing a temporary steel span that could reopen one lane in each direction within a year. It would cost about $4 million and be removed once the new bridge is finished.",
        "Residents can comment on the options at a hearing on February 12 at the Riverbend Middle School gym.",
    ]),
    ("farmers-market", "Farmers market moves indoors for the winter", [
        "The Riverbend Farmers Market will spend its first winter indoors this year, at the old textile warehouse on Canal Street that the city bought in 2023.",
        "About thirty vendors have signed up, selling eggs, cheese, root vegetables, bread and maple syrup. Market manager Lorna Beck said she expects more once the greenhouses start producing in March.",
        "The warehouse has no heating, so the market has rented propane heaters and asks visitors to dress warmly. It will run on Saturdays from 9 a.m. to 1 p.m. through April.",
        "Vendors accept SNAP benefits, and the market will again match the first $20 spent with benefits each week.",
    ]),
    ("bus-drivers-contract", "Bus drivers reach tentative contract with transit authority", [
        "Riverbend’s bus drivers have reached a tentative three-year contract with the transit authority, their union said Friday, averting a strike that had been set for Monday.",
        "The agreement raises wages by 4 percent in the first year and 3 percent in each of the next two, and guarantees drivers a 30-minute break on shifts longer than six hours.",
        MAYOR_QUOTE,
        "Members of Local 412 will vote on the deal next week. The union’s president, Gregory Amankwah, said he would recommend it.",
    ]),
    ("animal-shelter", "Animal shelter waives adoption fees as it runs out of space", [
        "The Riverbend Animal Shelter is waiving adoption fees for all dogs and cats through the end of the month after taking in 60 animals from a single home in Dayton Township.",
        "Shelter director Camille Fortier said the building, designed for 80 animals, now houses more than 140. Some dogs are sleeping in crates in the staff break room.",
        "Adopters still need to fill out an application and meet the animal before taking it home. The shelter is also looking for foster families who can take in a pet for a few weeks.",
        "The shelter is open from noon to 6 p.m. Tuesday through Sunday.",
    ]),
    ("snow-removal", "Snow removal crews stretched thin after back-to-back storms", [
        "Two storms in four days have left Riverbend’s public works department short of salt and drivers, and some side streets on the north side had not been plowed by Sunday night.",
        "Public works director Owen Garrity said the city had used 2,900 tons of salt since December, nearly its budget for the whole winter. A new shipment is due on Wednesday.",
        "Six of the city’s 22 plow drivers are out sick, Garrity said, and the department has borrowed two trucks and drivers from the county.",
        "Residents can report unplowed streets through the city’s website or by calling 311.",
    ]),
    ("community-garden", "Neighbors turn vacant lot into community garden", [
        "A vacant lot on Fulton Street that sat empty for more than a decade will become a community garden this spring, after neighbors won a five-year lease from the city for $1 a year.",
        "The group, which calls itself Fulton Grows, plans 24 raised beds, a tool shed and a rain barrel system. Half of the beds are reserved for families from the apartment buildings across the street.",
        "Organizer Beatrice Lindqvist said the idea came from children who used the lot as a shortcut to school. “They kept asking why nothing grew there,” she said.",
        "Volunteers will build the beds on April 6. The group is collecting donations of lumber and soil.",
    ]),
]

# A gear-review site (scraped text pages): affiliate disclosure at the top of every review,
# a testing-method note, a price note and a newsletter pitch at the end.
GEAR = [
    ("best-budget-tent", "The best budget backpacking tent we tested this year", [
        "We pitched nine tents under $250 over four months of weekend trips in the Cascades, and the one we kept reaching for was the Ridgeback 2, a two-person tent that weighs just under four pounds.",
        "Its two doors and two vestibules mean neither person has to crawl over the other at night, and the single hub pole makes setup quick even in the dark. It took our testers an average of three minutes.",
        "The rainfly is thinner than on pricier tents, and in a long storm on the coast a small amount of water seeped in along one seam. Sealing the seams before the first trip solved it.",
        "If you camp mostly in dry weather and want to save weight and money, the Ridgeback 2 is the easiest tent to recommend this year.",
    ]),
    ("trail-runner-review", "Trail runner review: grippy, light and a little narrow", [
        "The Talus Lite is the lightest shoe in its class at 9.1 ounces for a men’s size 9, and on dry rock it grips better than anything else we have tried this season.",
        "We ran about 300 miles in two pairs, on granite, packed dirt and muddy forest trails. The lugs held up well, with only slight wear at the toe after the first hundred miles.",
        "The fit is the main drawback. The toe box is narrow, and two of our four testers with wider feet got blisters on long runs. Try them on before you buy.",
        "For runners with narrow feet who want a fast shoe for technical trails, the Talus Lite is our new favorite.",
    ]),
    ("headlamp-roundup", "The headlamps worth buying, from dog walks to alpine starts", [
        "A good headlamp is the piece of gear people most often forget until they need it. We tested 14 models, measuring brightness, battery life and how well they stay put on a moving head.",
        "The Lumen 400 was the best all-rounder. It puts out a steady beam for more than six hours on its medium setting and charges over USB-C in about two hours.",
        "For a cheaper option, the Firefly Basic runs on AAA batteries and costs less than $25. It is not very bright, but it is enough for camp chores and reading in the tent.",
        "Avoid lamps that only have a flashing red mode with no steady red light: they are useless for reading a map without blinding your partner.",
    ]),
    ("water-filter-test", "We filtered 200 liters of creek water to find the best filter", [
        "Over a summer of hiking in the Sierra, we pushed 200 liters of creek and lake water through seven backcountry filters, timing each one and checking how quickly the flow slowed.",
        "The SqueezeFlow was the fastest, filling a one-liter bottle in about 50 seconds, and it is simple enough to use with cold hands. Backflushing it with the included syringe restored most of its speed.",
        "The gravity filters were slower to set up but far less work for groups. Hung from a branch, the Basin 4 filtered four liters while we made dinner.",
        "None of the filters removes viruses, so in areas where that is a concern, add a chemical treatment.",
    ]),
    ("rain-jacket-review", "Rain jacket review: the Stormline keeps its promise", [
        "Most rain jackets are waterproof when new. The question is whether they still are after a year of being stuffed into a pack, and the Stormline passed that test better than any jacket we have owned.",
        "We wore it through a wet spring in the Olympic Mountains and a week of sleet in Scotland. The hood moved with our heads instead of blocking our view, and the pit zips let out heat on climbs.",
        "It is not cheap at $299, and the pockets sit too low to use with a hip belt buckled. Those are the only real complaints our testers had.",
        "If you hike somewhere it rains often, this is a jacket that will last for years.",
    ]),
    ("camp-stove-comparison", "Canister or liquid fuel? Comparing four camp stoves", [
        "Canister stoves are light and simple, while liquid-fuel stoves work better in the cold and at altitude. We tested two of each on a winter trip and a summer week in the Rockies.",
        "The PocketFlame canister stove boiled a liter of water in three minutes and 20 seconds in summer, but needed almost twice as long at 15 degrees Fahrenheit, when the canister lost pressure.",
        "The liquid-fuel TrekBurner took longer to prime and is noisy, but its boil times barely changed in the cold. It is also the only one of the four that can be repaired in the field.",
        "Most weekend campers will be happiest with a canister stove. Winter campers and long-distance travelers should carry liquid fuel.",
    ]),
    ("sleeping-pad-guide", "How to choose a sleeping pad, and the ones we like", [
        "A sleeping pad matters more for warmth than most people think, because the ground pulls heat out of your body all night. The number to look at is the R-value: the higher it is, the better the pad insulates.",
        "For three-season camping, an R-value between 2 and 4 is enough. For snow camping, look for 5 or more, or stack a foam pad under an inflatable one.",
        "Our favorite inflatable pad, the Cloudrest, has an R-value of 4.2 and packs down to the size of a water bottle. It is noisy when you turn over, which bothered one of our testers.",
        "Foam pads are heavy and bulky but cannot puncture, which makes them a good choice for children and for trips in thorny desert country.",
    ]),
    ("daypack-review", "Daypack review: the Summit 22 does everything well", [
        "The Summit 22 is not the lightest or the cheapest daypack we have tested, but it is the one we grab for almost every hike, from short walks to long days above treeline.",
        "Its back panel is a mesh trampoline that keeps a gap between the pack and your back, which makes a real difference on hot days. The hip belt pockets are big enough for a phone.",
        "The main compartment opens with a wide zipper, so nothing gets lost at the bottom, and there is a sleeve for a hydration bladder.",
        "At 22 liters it is too small for winter days with extra layers, but for three seasons it is hard to beat.",
    ]),
    ("trekking-poles", "Are trekking poles worth it? What we learned from a season of testing", [
        "Trekking poles take weight off your knees on the way down and help with balance on river crossings. We tested eight pairs over a season of hiking in the Alps and the Appalachians.",
        "Folding poles pack down smaller than telescoping ones and are easier to stow on a pack, but they cannot be adjusted as much. Tall hikers should check the maximum length before buying.",
        "The Carbon Z folding pole was the lightest at 10 ounces per pair, while the aluminum Ridge poles were heavier but survived a fall that snapped a carbon pole in half.",
        "For most hikers, an aluminum pole with a lever lock is the best value.",
    ]),
    ("kids-hiking-boots", "Hiking boots for kids that survive more than one summer", [
        "Children outgrow boots fast, so it is tempting to buy the cheapest pair. In our testing, though, the cheapest boots often fell apart before they were outgrown.",
        "We gave 11 pairs to children aged 6 to 12 and asked their parents to report back after three months. The Scout Mid was the clear winner: no broken laces, no peeling soles and no complaints about sore feet.",
        "Waterproof boots keep feet dry in puddles, but they are hotter in summer and slower to dry once water gets in over the top. For dry climates, a breathable boot is the better choice.",
        "Buy boots with a thumb’s width of room at the toe, and check the fit again halfway through the season.",
    ]),
    ("bear-canister", "The bear canisters that passed our testing, and the one that did not", [
        "In much of the Sierra Nevada, a bear-resistant food container is required by law. We tested five approved canisters for weight, capacity and how easy they are to open with cold fingers.",
        "The BearVault-style clear canister was the easiest to pack because you can see what is inside, and it opens without tools. The lightest, a carbon fiber model, costs more than three times as much.",
        "One canister’s lid was so stiff that two testers could not open it below freezing without a coin. We would not buy it for winter trips.",
        "Whatever you choose, practice packing it at home: a five-day food supply is harder to fit than you would expect.",
    ]),
    ("hammock-camping", "Hammock camping for beginners: what to buy and how to hang it", [
        "A hammock can be more comfortable than a tent on uneven ground, but only if it is hung correctly. The most common mistake is pulling it too tight, which makes it squeeze your shoulders.",
        "Aim for a sag of about 30 degrees at each end and lie at a slight diagonal. You will be much flatter than you expect.",
        "You will also need wide tree straps to protect bark, a tarp for rain and some insulation underneath, because a hammock gets cold quickly even on summer nights.",
        "Our favorite starter kit, the Drift Complete, includes everything but the insulation and costs about $160.",
    ]),
]

# A policy institute (HTML pages): a funding note at the top of each analysis, an inline
# newsletter box mid-article, a donation appeal and mission statement after the text.
HARBOR = [
    ("lead-pipes", "Lead service lines: where the federal money is going", [
        "Congress set aside $15 billion for replacing lead service lines in 2021, and the first three years of spending show that the money has not always gone where the pipes are.",
        "Our review of state funding plans found that eight states with the most lead lines received a smaller share of the money than their share of the pipes, largely because of how the formula counts population.",
        "Cities that had already mapped their lines were able to apply quickly. Many smaller systems do not know where their lead pipes are and have struggled to qualify for grants.",
        "We recommend that states set aside part of their allocation for inventory work in small systems, and that the formula be updated using the new inventories as they are completed.",
    ]),
    ("rural-broadband", "Why rural broadband grants are slow to reach homes", [
        "Three years after the largest broadband program in the country’s history was announced, few homes have been connected with its money. The delay is not a sign that the program has failed.",
        "States first had to map which addresses lacked service, then challenge errors in federal maps, then run grant competitions. Each step took longer than planned.",
        "The slow start has a cost. Providers report that construction crews and fiber cable are in short supply, and prices have risen by as much as a fifth since the program began.",
        "States could speed things up by approving permits for pole attachments in bulk and by letting winning providers start work before every appeal is resolved.",
    ]),
    ("heat-plans", "Cities are writing heat plans. Few of them include renters", [
        "Extreme heat kills more Americans each year than any other weather event, and at least 40 large cities have now written heat action plans. We read all of them.",
        "Most plans focus on cooling centers and tree planting. Only nine include any measure for renters, even though renters are more likely to live in buildings without air conditioning.",
        "Phoenix and Montgomery County, Maryland, require landlords to keep units below a set temperature. Enforcement is still weak, and tenants often do not know the rules exist.",
        "Cities updating their plans should consider a cooling standard for rental housing and fund inspections to enforce it.",
    ]),
    ("water-affordability", "Water bills are rising faster than incomes", [
        "The average household water and sewer bill in the 50 largest cities rose by 38 percent over the past decade, more than twice the rate of inflation, according to our analysis of utility rate sheets.",
        "Much of the increase pays for aging pipes and treatment plants that must meet stricter standards. Those investments are needed, but the way the costs are passed on falls hardest on low-income households.",
        "Only a third of the utilities we studied offer a discount for low-income customers, and in several states the law makes such programs difficult to run.",
        "A federal assistance program for water bills, like the one that exists for heating, would close much of the gap.",
    ]),
    ("school-bus-electric", "Electric school buses: what the first districts learned", [
        "More than 8,000 electric school buses have been funded across the country. We interviewed transportation directors in 14 districts that have run them for at least a year.",
        "Most reported lower fuel and maintenance costs, and drivers said the quieter buses made it easier to keep order. Several districts found that the buses lost range on the coldest mornings.",
        "The harder problem was charging. Districts that did not plan for the electrical upgrades at their depots waited months for utilities to install new equipment.",
        "New grant recipients should talk to their utility before they order buses, not after.",
    ]),
    ("flood-insurance", "The new flood insurance prices, explained", [
        "The National Flood Insurance Program changed how it prices policies in 2021, and for the first time premiums reflect each home’s own risk rather than the zone it sits in.",
        "About a quarter of policyholders have seen their premiums fall. Most of the rest face annual increases that the law caps at 18 percent, which means their bills will rise for years.",
        "The new prices are more accurate, but they make coverage hard to afford for many people on fixed incomes, and some are dropping their policies.",
        "Congress should pair the new pricing with a means-tested discount, so that accurate prices do not leave the most vulnerable households uninsured.",
    ]),
    ("transit-ridership", "Transit ridership is recovering, but not everywhere", [
        "Five years after the pandemic emptied buses and trains, transit ridership nationally is back to about 80 percent of its 2019 level. The recovery is uneven.",
        "Bus ridership has recovered faster than rail, because many bus riders never had the option of working from home. Commuter rail, built around office workers, has recovered the least.",
        "Agencies that added frequent all-day service have done better than those that restored their old rush-hour schedules.",
        "Federal operating aid, which ran out in most places this year, should be tied to service frequency rather than to past ridership.",
    ]),
    ("home-repair-grants", "Small home repair grants keep older people in their homes", [
        "A leaking roof or a broken furnace can force an older homeowner out of a house they own outright. Small repair grants are among the cheapest ways to prevent that.",
        "We studied programs in six states that give grants of up to $15,000. Recipients were far less likely to move into nursing homes in the following five years than similar homeowners who applied too late.",
        "Waiting lists are long. In two of the states, applicants wait more than two years, and some die or move before their turn comes.",
        "Medicaid dollars can be used for some home modifications, and states should make more use of that option.",
    ]),
    ("wildfire-smoke", "Schools need a plan for wildfire smoke days", [
        "Wildfire smoke now reaches schools far from the fires themselves, and on the worst days the air indoors can be as unhealthy as the air outside.",
        "Few states give schools guidance on when to keep children inside or close. In our survey of 200 districts, fewer than half had any written policy.",
        "Portable air cleaners with HEPA filters cost about $300 per classroom and sharply reduce indoor smoke levels. Several states have paid for them with federal pandemic funds.",
        "State health departments should publish a clear threshold for indoor recess and closures, so that each principal does not have to decide alone.",
    ]),
    ("drinking-water-small-systems", "Small water systems are where violations happen", [
        "More than 90 percent of the country’s community water systems serve fewer than 10,000 people, and they account for most violations of drinking water standards.",
        "Small systems often have a single operator, who may be part-time, and rate bases too small to pay for new treatment. Many have never applied for a state loan.",
        "Consolidating neighboring systems, or sharing operators and billing, has cut violations in states that have encouraged it, such as North Carolina and Pennsylvania.",
        "We recommend that states fund regional technical assistance and offer incentives to systems that agree to merge.",
    ]),
    ("stormwater-fees", "Stormwater fees, explained", [
        "More than 2,000 cities and counties now charge a stormwater fee, usually based on how much of a property is covered by roofs and pavement that shed water into the drains.",
        "The fees pay for pipes, ponds and green infrastructure that reduce flooding and pollution. Property owners who install rain gardens or permeable paving can often get a credit.",
        "The fees are unpopular in some places, where critics call them a rain tax. Courts in a few states have struck them down as taxes that voters did not approve.",
        "Clear rules on credits and on how the money is spent have helped fees survive challenges.",
    ]),
    ("heat-pumps-apartments", "Heat pumps in apartment buildings: the hard cases", [
        "Heat pumps are now the most common heating system in new single-family homes in many states, but older apartment buildings have been slow to switch.",
        "The obstacles are practical: there is often no room for outdoor units, electrical service must be upgraded, and tenants pay the power bill while landlords pay for equipment.",
        "New window-mounted heat pumps, which plug into a standard outlet, have been installed in a pilot in New York public housing, and tenants reported warmer apartments and lower bills.",
        "Incentive programs should count these smaller units and pay part of the electrical upgrade costs in older buildings.",
    ]),
]
