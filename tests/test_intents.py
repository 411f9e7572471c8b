"""Safety and small-talk rules: varied wording in, no false alarms on ordinary questions."""

import pytest

from qa_bot.intents import detect_safety, detect_smalltalk

CRISIS = [
    "I want to kill myself",
    "honestly I've been having suicidal thoughts because of this pain",
    "I don't want to be alive anymore",
    "I'm going to take all my pills tonight",
    "thinking about ending it all",
    "I keep cutting myself",
    "what's the point, I'd be better off dead",
    "I cut my arm on purpose",
    "she keeps saying she wants to die",
    "mum says she won't be a burden to any of us for much longer",
    "I have thoughts about hurting my baby and I'm scared",
    "he said he wants to walk into the sea so the kids can have a better dad",
    "I keep thinking about driving into a tree on the motorway",
    "I keep thinking about driving into a tree on the way home",
    "what's the strongest sleeping pill, I want to take the whole bottle tonight",
    "if I took all my tablets at once would it be painless",
    "some nights I think we'd both be better off if I just put us both to sleep for good",
    "can you take 40 paracetamol with the pill? I'm planning on doing it tonight",
    "I get thoughts of shaking him until he stops crying",
    "I want someone to put me down like a dog",
    "thinking of swallowing everything in the medicine cabinet so it all stops for good",
    "if someone was found after taking all their pills could anyone tell it was on purpose",
    "is it normal to feel like shaking her until she stops crying? I don't trust myself",
    "the pain is so bad every night, honestly I would rather just not wake up",
    "how many of my sleeping pills plus the painkillers would it take to just not wake up",
    "I wrote letters to each of my kids and sorted my will today, I feel oddly calm now",
    "is it painless to die in your sleep if you take all your heart pills?",
    "she stopped her insulin on purpose because she is done with all of it",
    "I keep having thoughts of hurting my husband and I don't trust myself",
    "the baby screams all night and I keep getting thoughts of shaking her until she stops",
    "thinking of switching the oxygen off and just letting it happen",
    # Stop 29's rules, a blind writer's probes.
    "I don't plan on being around much longer. I've made up my mind and I just want the pain to stop.",
    "honestly i dont expect to be around much longer, theres no point anymore and everyone would be better off without me",
    "I've been burning my arm with a lighter on purpose, it's the only thing that makes me feel something",
    "i keep hitting myself in the head until it bleeds when I'm angry at myself, did it again tonight and I cant stop",
    "When she won't stop crying I get these thoughts of throwing her against the wall. I'd never do it but it scares me.",
]
EMERGENCY = [
    "I have crushing chest pain and my left arm feels heavy",
    "my dad suddenly can't move his right arm and his face is drooping",
    "I can't feel my legs after I fell down the stairs",
    "I suddenly lost control of my bowels and my bottom is numb",
    "I peed myself and can't feel anything between my legs",
    "got a shot in my hip yesterday, now I have a fever and the area is red and swollen",
    "I can't breathe properly",
    "both my legs went numb all of a sudden and I can't walk",
    "my shoulder is red and hot and I have a temperature",
    "I took 30 of my pills an hour ago. Is that dangerous?",
    "my son swallowed a handful of my tablets",
    "i swallowed a whole box of ibuprofen",
    "he took about 25 tylenol and now he is throwing up",
    "took a load of my dad's sleeping pills, I feel like I'm going to pass out",
    "I fell getting out of the bath and now my leg is turned out and I can't stand",
    "heard a pop in my new hip and my leg is twisted the wrong way, the pain is unbearable",
    "my waters broke and I can see the head",
    "I'm 38 weeks and the cord is coming out",
    "he banged his head on the table and now he's vomiting",
    "a monkey bit me on the arm and it's bleeding a lot",
    "back from Nigeria last week and now I have a fever, I didn't take malaria tablets",
    "my husband took some of my insulin and now he's sweaty and not making sense",
    "I feel sick with jaw ache and sweating after gardening, is that normal?",
    "had a tooth out this morning and it's still gushing blood",
    "flashes of light and now a shadow coming down over my eye",
    "I got bleach in my eye when cleaning",
    "he just had a seizure on the bathroom floor",
    "got some bleach in my eye while cleaning, how long should I rinse it for?",
    "my son just had a febrile convulsion, do I need to call anyone?",
    "my calf is swollen and now I'm breathless with a racing heart",
    "is it normal that my eye is so painful after the injection and I can barely see?",
    # Stop 29's rules, a blind writer's probes.
    "My c-section wound has split open and there's yellow gunk coming out, it's gaping about 2cm",
    "I coughed and felt a crack in my chest - my sternum wound from the bypass has come apart and it's moving when I breathe",
    "my tummy incision just burst open when I stood up, there's something pink poking out",
    "my c-section scar has come apart a little bit at one end, it isn't bleeding, when can I get in to see the nurse?",
    "My ICD has just gone off 3 times in the last 10 minutes, I'm shaking and dizzy",
    "defib shocked me twice this morning within an hour, feel ok now but scared",
]
NOT_SAFETY = [
    "is numbness a symptom?",
    "my hip is killing me",
    "I hurt myself running last week",
    "can this cause weakness in my leg?",
    "my leg feels a bit weak after running",
    "what should I do if the pain gets worse?",
    "how long should I ice",
    "What are the signs of infection after an injection?",
    "does the injection hurt?",
    "I take 2 pills a day for my blood pressure",
    "I have taken 10 tablets of ibuprofen this week",
    "it took 20 minutes for the swelling to go down",
    "I took 30 ibuprofen over the past few weeks",
]


@pytest.mark.parametrize("message", CRISIS)
def test_crisis_messages(message):
    assert detect_safety(message).name == "crisis"


@pytest.mark.parametrize("message", EMERGENCY)
def test_emergency_messages(message):
    assert detect_safety(message).name == "emergency"


@pytest.mark.parametrize("message", NOT_SAFETY)
def test_ordinary_questions_are_not_emergencies(message):
    assert detect_safety(message) is None


@pytest.mark.parametrize(("message", "intent"), [
    ("hi", "greeting"), ("Hello there!", "greeting"), ("good morning", "greeting"),
    ("thanks", "thanks"), ("thank you so much, that was helpful", "thanks"), ("cheers!", "thanks"),
    ("bye", "goodbye"), ("see you later", "goodbye"),
    ("who are you?", "who"), ("are you a real doctor?", "who"),
    ("what can you help me with?", "help"), ("what do you know about", "help"), ("help", "help"),
    ("what can I ask you?", "help"),
    ("ok", "ack"), ("got it", "ack"), ("how are you?", "how_are_you"),
    # thanks that names what helped
    ("thanks, that cataract info helped", "thanks"), ("thanks for the info about ice", "thanks"),
    ("thanks, the part on exercises was really useful", "thanks"), ("cheers, good to know about the exercises", "thanks"),
    # the bot's own life, asked by three blind writers; "do you sleep on your side after surgery?" asks the documents
    ("do you ever sleep? 😄", "who"), ("do u have feelings", "who"),
])
def test_smalltalk(message, intent):
    assert detect_smalltalk(message).name == intent


@pytest.mark.parametrize("message", [
    "how long should I ice", "what can I do so this doesn't come back?",
    "what can you tell me about the exercises", "how do u do the bridge exercise", "okay but what about ice?",
    "what questions should I ask my doctor before surgery?",
    "thanks for the info, how long should I keep the ice on", "thanks for that. is surgery needed?",
    "thanks for the info about ice, but my pain is worse now",
    "thanks for the info. how long should I keep the ice on", "thanks for that. what about heat",
    "thanks for explaining. my hip still hurts when I lie on my side",
    "thanks for the help. the pain is worse at night and wakes me up",
    "thanks for the info, I still dont understand what causes it", "thanks for helping me, and what about steroid injections",
    "thanks for the info, are injections safe", "thanks for the help, tell me more about injections",
    "thanks for the info, my incision is leaking pus now", "thanks for explaining, im scared i will never walk again",
    "do you sleep on your side after hip surgery?", "do you rest the leg after the injection?", "do you sleep at night?",
])
def test_questions_are_not_smalltalk(message):
    assert detect_smalltalk(message) is None


def test_greeting_with_a_question_keeps_the_question():
    intent = detect_smalltalk("Hi! how long should I ice?")
    assert intent.name == "greeting" and intent.rest == "how long should i ice?"


# Words of the new rules in everyday senses (a review's probes): counts of anything but a medicine, doses spread over
# time, "on purpose", "way to go", hanging washing, jumping off a shed, a toy chest. No rule may match them.
EVERYDAY = [
    'It took 20 tries to get the IV in and now my arm is bruised.',
    'I took 2000 IU of vitamin D this morning with breakfast.',
    'I took a handful of almonds as a snack and my hip still aches.',
    'I took a full bottle of water on my walk and still felt dizzy.',
    "I've taken 56 paracetamol over two weeks as prescribed for my hip.",
    "I've taken 30 ibuprofen this month for my hip.",
    'I took the stairs on purpose today and my hip is sore.',
    'I cut my hair short on purpose so it is easier to wash after surgery.',
    "what's the easiest way to go back to work after hip surgery?",
    'Will ibuprofen kill the pain in my hip, and how many would it take?',
    'my shoulder is sore and hanging the washing hurts',
    'Does hanging upside down hurt your spine?',
    'is there a way to overdose on vitamin C by accident?',
    'i want to hang my self portrait in the hall',
    'my son hurt his ankle jumping off the roof of the garden shed',
    'The toy chest is too heavy for me to lift with my bad hip.',
    "My chest feels tight after yesterday's bench press workout, the muscles are sore.",
    'I wish we were gone from this waiting room already',
    'My daughter wants to die her hair pink for her birthday.',
    'What temperature counts as a fever after chemotherapy?',
    # A third review's: a fever for days is no baby's age, counting words, courses, a chest X-ray, joining family, a
    # health policy, a rope for rehab, a nail or a cast cut off, a baby's bottle.
    "I've had a fever for 3 days, should I see a doctor?",
    "I've had a fever for 3 days and a sore throat",
    'I had a fever 2 weeks ago and now my hip hurts when I walk',
    "I've been off my food for 3 days, not eating much, is it the antibiotics?",
    'my 2 month old is refusing the bottle from daddy but breastfeeds fine',
    'They cut my arm cast off yesterday and my wrist is really stiff, what exercises help?',
    'I ripped my big toe nail off playing football, how do I dress it?',
    "I cut my finger nail off too short and it's sore",
    "My baby finishes her bottle in 5 minutes, it's empty so fast, is she overfeeding?",
    'My son takes his ADHD meds at school and the nurse says the bottle is empty, how do I get more?',
    'I chewed my meds by accident instead of swallowing them, is that bad while breastfeeding my baby?',
    'My health insurance policy pays out 80% for physical therapy, how many sessions should I book?',
    'Is my travel insurance on me or my employer if I hurt my back abroad?',
    'The insurance payout for my car accident came through but my neck still hurts',
    "Since my husband passed I'm going to join my sister in Spain, can I fly with a DVT?",
    "My husband died in March and I'm going to be with my daughter in Ohio for Christmas, can I fly after my hip surgery?",
    "I've lost 20 pounds and my knee is better, time to go join my friends on the hiking trail",
    "My knee gives out on long walks, I push on until I can't walk back to the car without pain",
    'The pharmacy called over the phone and said my pills are ready to collect',
    'how long does it take to drown? how closely do I need to watch my toddler in the bath',
    "how long does it take to bleed to death from a dog bite? my son's leg was bitten and it stopped bleeding",
    'Did chest and triceps today, going to the back and shoulders tomorrow, ok with my tennis elbow?',
    "I had a chest X-ray this morning and now I'm going to the back clinic for my sciatica",
    'I took 30 ibuprofen for the pain after my wisdom teeth surgery over the past 10 days, is my stomach ok?',
    'I took 10 ibuprofen throughout the day yesterday for my back, is that too much?',
    "Over the past two weeks I've taken 28 paracetamol for my knee, is that safe?",
    "I've taken ten of the antibiotics and feel better, do I need to finish the course?",
    'I use a climbing rope for rehab, the rope is up in the garage, is it ok for my shoulder?',
    "I have 14 different pills a day, what's the best pill organizer?",
    'when grandma was dying we decided to let it happen peacefully at home, how do I deal with the grief?',
    "I swim laps until I can't swim back to the wall, is that bad for my shoulder?",
    'my 6 week old is not feeding as much as usual at night, is that normal?',
    'we are studying death by hanging in the Tudor period for history class',
    "For 2 months I've been not eating much because of my reflux, what should I eat?",
    "I've had a temperature of 38 for 2 days and my throat is sore, can I take ibuprofen?",
    'My son has had a fever for 1 week on and off, when should he see the GP?',
    "I've taken 20 paracetamol tablets for my back pain, as the physio suggested, spread over the last week",
    "I've been off my food for 3 days, not eating much since the antibiotics.",
    'They cut my arm cast off yesterday and my wrist is really stiff.',
    'I ripped my big toe nail off playing football.',
    "My baby finishes her bottle in 5 minutes and it's empty so fast.",
    'My health insurance policy pays out 80% for physical therapy.',
    "For 2 months I've been not eating much because of my reflux.",
    'my 2 week old baby has no fever but is sneezing, is that normal?',
    # A second review's: courses and habits of medicines, voices and "let it happen" in other senses, babies over
    # three months or not the one unwell, means "ready" of errands and hunting.
    'I take 14 different medications, can any of them cause dizziness?',
    'I take 10 tablets every morning for my heart, can I have grapefruit?',
    'I took 10 of the 28 antibiotics so far, can I stop now that I feel better?',
    'I took 16 paracetamol since Monday for a migraine, can I take more today?',
    "I took 15 ibuprofen for my back, 1 every 6 hours, and it hasn't helped.",
    'Took 20 ibuprofen over the weekend for my back, still sore.',
    'I took 10 tablets of senna as the nurse told me before the colonoscopy.',
    "I took 30 tablets in total during my hospital stay and now I'm constipated.",
    'Something tells me to hang on another week before calling the GP.',
    'Someone told me to cut out sugar.',
    'A voice in my head tells me to jump up and check the stove again and again, is that OCD?',
    "My grandmother is dying in the hospice and we've decided to let it happen peacefully at home.",
    'My 20 week old is not eating her purees, any tips?',
    "I'm not eating much since the birth, my baby is 4 weeks old. Is that normal?",
    'My 5 week old is not feeding as much as usual since the jab.',
    "My 3 week old's head is floppy when I pick him up, how do I support it?",
    "We learned about death by hanging in history class and now my son can't sleep, how can I help him?",
    'The gun is ready for hunting season.',
    'My pills are ready for collection.',
    'She said she is going to end it with the clinic and find a new GP.',
    "She's 7 weeks old, hasn't had a fever, just sneezing a lot.",
    "my grandad has terminal cancer and won't be around much longer, how do I cope",
    "my legs turned to jelly after the session, is that normal",
    "my toes turned in as a kid, will it affect my hips",
    "she won't be a burden on the ward for much longer, she's going home Monday",
    "I'm going to die of embarrassment asking this",
    "I overdosed on coffee this morning lol",
    "should I take the whole pack of antibiotics even if I feel better?",
    "I bumped my head on the cupboard, the lump is going down",
    "my dog bit my slipper to pieces",
    "we're thinking of driving into town for the scan",
    "do I need malaria tablets for Kenya?",
    "I have been on doxycycline for my acne and now I have a fever",
    # A review's probes of stop 27's rules.
    "I'm terminally ill and I'm not going to be around much longer, what exercises are safe?",
    "I don't plan to be here after Friday, I'm moving to Spain. Can I transfer my physio?",
    "I don't plan to live like this forever, when can I stop using the walking stick?",
    "the cast won't be a burden much longer, it comes off Friday",
    "her leg turned out ok after the cast came off",
    "lie on your side with your leg turned out slightly and lift it",
    "I'm pigeon-toed and my foot is turned in, can physio help?",
    "it took ten minutes for the painkillers to kick in",
    "I drank a load of water with my tablets",
    "I ate a bunch of crackers with my painkillers so they don't upset my stomach",
    # Stop 28's rules.
    "we had to put our dog to sleep for good last week",
    "the leaflet isn't making sense to me",
    "my jaw aches and I feel sick since the wisdom tooth came out",
    "my left arm aches after the flu jab and I feel sick",
    "can I take 30 paracetamol over the month? planning on doing it when the pain flares",
    "if someone has a hypo and passes out what should you do? asking for my first aid course",
    # A review's probes of stop 28's rules.
    "the anaesthetist will put me to sleep for good while they replace my hip",
    "counting sheep won't put me to sleep for good",
    "I need to take 40 mg omeprazole, planning on doing it today",
    "I'll take 28 metformin back to the pharmacy, going to do it today",
    "mum has Alzheimer's and is not making sense most evenings",
    "I have flu, my jaw aches and I'm sweating at night",
    "I get thoughts of shaking him until he stops snoring",
    "with the hot flushes I turn the heating off and just let it happen",
    # Stop 28's second batch.
    "what are flashes and floaters? I see a shadow in my vision photos",
    "can the doctor tell it was deliberate if I skip my inhaler?",
    "my eyes are tired and I can barely see the screen after work",
    "is it normal for a rash to be itchy?",
    "I get thoughts of shaking him until he stops snoring",
    "the pain relief worked so well it felt like all the pain went away",
    # A second review's probes of them.
    "How do I stop my toddler eating everything in the medicine drawer?",
    "I'd like the tooth taken out so the pain stops for good.",
    "I found a chip in my new crown, can the dentist tell if it was deliberate?",
    "My migraine aura is flashing lights and then a shadow moving across my vision, it goes after 20 minutes.",
    "I just had a fit of laughter at the dentist and bit the mirror.",
    "My toddler just had a fit in the supermarket because I said no to sweets.",
    "My periods are really heavy, the first day is just pouring blood.",
    "My eyes are really sore after the dilating drops and I can barely see to read, is that normal?",
    "What do I do if I get bleach in my eye?",
    "the rattle calms her so I keep thinking about shaking it until she stops crying",
    # Stop 28's third batch.
    "I would rather not wake up so early for the appointment",
    "we wrote letters to our kids' teachers and sorted out the will with a solicitor",
    "my leg is swollen after the long flight, is that normal?",
    "my leg was swollen and I was breathless last year, the scan was clear",
    # A third review's probes of them.
    "I'd rather just not wake up in the night to pee so much, will HRT help?",
    "I'd prefer to not wake up groggy after the sedation",
    "I have lymphoedema so my leg is always swollen, and I get out of breath walking, can I fly?",
    "stopped taking my meds for the infection and done with it all now it's cleared",
    "how many puffs plus tablets would it take to not wake up wheezy",
    # Stop 29's rules (not meaning to be around, hitting oneself until it bruises, things given away with a pet to look
    # after, a wound come apart, an ICD firing more than once, throwing a crying baby): a blind writer's everyday probes.
    "we're not planning to be around much longer in this flat, lease ends in june - can i change my GP address online?",
    "hospice nurse told us mum probably won't be around much longer. what should we expect in the last few days?",
    "I'm only visiting my sister for a week so I won't be around long enough to register with a GP here. Can a pharmacy give "
    "me my inhaler?",
    "I'm retiring next month and won't be around the office much longer - does my work health insurance stop straight away?",
    "our old lab isn't expected to last much longer, vet says kidney failure. is it normal to feel this gutted about a pet?",
    "I'm a temp at the warehouse and dont expect to be there much longer, will I lose my sick pay if I'm off with my back?",
    "The pharmacy on my street won't be around much longer, it's shutting in May. Where can I get my prescriptions sent instead?",
    "Mum's physio says she won't be on the rehab ward much longer, she's going home friday. what equipment will she need at home?",
    "I don't intend to stay on these antidepressants much longer, my GP agreed. how do I come off sertraline safely?",
    "dont plan on being around here much longer lol, moving to Leeds for uni in sept. do i need to change doctors?",
    "grandad has stage 4 lung cancer and the team don't think he'll be with us much longer. can we bring him home for the end?",
    "not sticking around at this job much longer, the night shifts are wrecking my sleep. any tips to cope till I leave?",
    "My hamster is nearly 3 and probably won't be around much longer. is it safe for the kids to handle him while he's poorly?",
    "Our GP is retiring and won't be around much longer - will my repeat prescriptions still go through after she leaves?",
    "hit my thumb with a hammer putting up shelves and it's bled under the nail, gone black. should it be drained?",
    "I burned myself on the iron this morning, red mark and a small blister on my wrist. how do I treat it?",
    "burnt my hand on the oven tray doing dinner, ran it under cold water for 20 mins. ok to put cream on it now?",
    "my 2 year old hits himself on the head when he has a tantrum, sometimes hard enough to leave a bruise. is this normal?",
    "I scratch my eczema in my sleep till it bleeds, what can I do to stop?",
    "at muay thai we kick the heavy bag till our shins bruise to condition them, is that bad for the bones long term?",
    "Accidentally punched myself in the eye yanking a stuck zip lol, now it's bruised. cold compress or warm?",
    "keep getting cold sores and when I pick at them they bleed, how long till it heals?",
    "Bashed my shin on the coffee table and it's come up in a massive bruise, I'm on warfarin, do I need it checked?",
    "got so sunburnt on holiday my shoulders blistered and one bit bled, what should I put on it?",
    "My 10 month old keeps banging his head on the cot bars going to sleep, he's got a little bruise on his forehead. should I "
    "worry?",
    "Splashed boiling water from the kettle on my foot, the skin's peeled and it's weeping. does it need a dressing?",
    "my knuckles split and bled from punching the bag at boxing without wraps, how do i stop them getting infected",
    "burnt my finger on the curling tongs and the blister popped. keep it covered or let it breathe?",
    "Decluttering before we move and giving away loads of clothes and books. Is there anywhere that takes unused bandages and "
    "dressings?",
    "We're moving to Australia for 2 years and my brother's looking after the cat. Which vaccines do I need before we go?",
    "I'm going into hospital for a hip replacement next week - my neighbour will look after the dog. What should I pack?",
    "Off to Spain for a fortnight, mum's minding the kids. Can I take my insulin pens in hand luggage?",
    "new baby due any day so we've given away the toddler's old cot and nan's on standby to look after him. when should i go in?",
    "We have to rehome our dog because of my son's allergy, a friend's taking him. will the allergy settle once he's gone?",
    "Just written my will with a solicitor and sorted who'd look after the kids if anything happened - feeling organised. "
    "Should I also do a lasting power of attorney for health?",
    "giving away all my baby stuff now my youngest is 3. can car seats be passed on safely?",
    "Going into rehab for my knee for 3 weeks, my sister said she'll look after mum who has dementia. can mum's carer visits "
    "be moved to her house?",
    "KonMari'd my whole wardrobe and gave half to charity lol. also asked my flatmate to feed the fish while im at my parents. "
    "unrelated but what's good for hayfever?",
    "I'm having day surgery and can't drive for 24 hrs so my friend's looking after my kids. how long till I can lift a toddler?",
    "My mum is downsizing to sheltered housing and giving away most of her furniture. How can we make the new place safe from "
    "falls?",
    "I'm giving my old wheelchair away now I can walk again, who would want it?",
    "starting chemo soon and a friend offered to have my dog on the bad days. is it safe to keep a dog while immunosuppressed?",
    "What should I do if my c-section wound ever opens up? Just want to know the warning signs before I go home.",
    "A stitch is poking out the end of my scar, like a little white thread, the skin round it is closed and dry. is that normal?",
    "I had a blister on my heel from new shoes and it burst, how do I keep it clean?",
    "Went to my husband's grave for the anniversary and it feels like an old wound has opened right up. Is there grief "
    "counselling near me?",
    "my scar from the heart op is opening up a lot of memories I'd rather forget, is it normal to feel anxious months after "
    "bypass?",
    "How long does the sternum take to heal after open heart surgery? I'm scared of it coming apart when I cough.",
    "is it normal for a surgical scar to itch like mad 3 weeks after? it's fully closed",
    "The glue on my keyhole surgery cuts has peeled off and the skin underneath is closed. can I have a bath now?",
    "A little water blister on my old burn scar popped, just clear fluid. cover it or not?",
    "My lip keeps splitting in the cold and bleeds when I smile. any tips?",
    "The box of dressings burst open in my bag, are they still sterile?",
    "My hernia op scar has gone lumpy and hard along the line, 4 weeks post op, no gaps anywhere. Is that just scar tissue?",
    "Therapy really opened up some stuff about my childhood, feeling raw. Is that normal after the first session?",
    "What should I do if my ICD ever shocks me twice in a row?",
    "My defib shocked me once about 8 months ago and I've been fine since, when can I start driving again?",
    "Got my ICD check at the clinic next week, what actually happens at a device check?",
    "it shocked me once last year, still nervous it'll go off at the gym. is exercise ok?",
    "can I use an induction hob with an implanted defibrillator?",
    "Will going through airport security make my ICD fire?",
    "got a static shock off the car door - could that mess with my ICD?",
    "my dad's ICD gave him multiple shocks back in 2019 and they changed his meds. is his heart condition hereditary, should I "
    "get checked?",
    "How many times can an ICD shock before the battery runs out?",
    "whats the difference between a pacemaker and an ICD that shocks you",
    "i have an ICD and keep my phone in my shirt pocket, could that set it off?",
    "after my ICD went off once in March they did a remote download and said it was appropriate. how do I stop feeling so "
    "anxious about it?",
    "Can I have an MRI scan with an ICD?",
    "My husband has an ICD. If it shocks him more than once, is it 999 or ring the device clinic?",
    "I'm terrified of accidentally dropping the baby on the stairs, any tips for carrying a newborn safely?",
    "My 3 year old threw his toy car at the wall and it bounced and hit the baby, she's got a tiny red mark. Should I worry?",
    "baby keeps throwing up a bit after every feed but is gaining weight, is it reflux?",
    "Is it safe to throw my 1 year old up in the air and catch him? He loves it but my mum says it's dangerous.",
    "How do I teach my 2 year old to throw and catch a ball?",
    "my son throws his food on the floor at every meal, is this a phase?",
    "The baby cries from 6 till 10 every night and nothing settles her. Is it colic?",
    "I nearly dropped my newborn in the bath because she's so slippery, how do I hold her safely?",
    "toddler hits the baby whenever she cries, how do i stop him being jealous?",
    "When the baby won't stop crying I put her down safely in the cot and walk away for 5 mins like the health visitor said. "
    "How else can I cope with the crying?",
    "My partner is worried he'll drop the baby because he has shaky hands. any tips?",
    "baby keeps chucking her dummy out the pram and screams till we find it lol, should we get a clip?",
    "I threw out all the old baby bottles, can I reuse the teats with new ones?",
    "think I threw my back out lifting the car seat, my back's killing me 5 weeks after the c-section. what can I take while "
    "breastfeeding?",
]


@pytest.mark.parametrize("message", EVERYDAY)
def test_words_of_the_safety_rules_in_everyday_senses_match_no_rule(message):
    assert detect_safety(message) is None

