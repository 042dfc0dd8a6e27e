//! Forenames that are the same name: formal forms and their familiar ones, from public lists of given-name
//! diminutives (English, Scots, Welsh, Irish, Scottish Gaelic, Punjabi, Somali, West African with the Akan day
//! names, Spanish, Portuguese, Greek, Albanian, Polish, Slovak, Romanian, Lithuanian, Bulgarian, Russian and
//! Ukrainian, with Ukrainian and Russian transliterations), John, Joseph and George in the languages of people
//! who settled here beside the English name a holder may give, and spellings of one name in two scripts'
//! conventions. A name may belong to several groups (Alex: Alexander, Alexandra). Yoruba short forms follow a
//! rule rather than a list (`yoruba_short_form`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const GROUPS: &[&[&str]] = &[
    &[
        "william", "bill", "billy", "will", "willie", "liam", "wills",
    ],
    &[
        "robert", "bob", "bobby", "rob", "robbie", "bert", "bertie", "rab", "rabbie",
    ],
    &["richard", "rick", "ricky", "dick", "rich", "richie"],
    // Seumas is James in Scottish Gaelic (Seamus in Irish); Hamish is its anglicised form.
    &[
        "james", "jim", "jimmy", "jamie", "jimmie", "seumas", "seamus", "hamish",
    ],
    &["john", "jack", "johnny", "jon", "jonny"],
    // Jay is the familiar form of Jason as of Jayden (below); Jase of Jason alone.
    &["jason", "jay", "jase"],
    &["jonathan", "jon", "jonny", "johnny", "nathan"],
    &["michael", "mike", "mikey", "mick", "micky", "mickey"],
    &["thomas", "tom", "tommy"],
    &["michelle", "shelley", "shelly", "chelle"],
    &[
        "christopher",
        "chris",
        "kit",
        "topher",
        "krzysztof",
        "christoph",
        "cristobal",
    ],
    &["christian", "chris", "kris", "kristian"],
    &["daniel", "dan", "danny"],
    &["matthew", "matt", "matty"],
    &["anthony", "tony", "ant", "antonio", "toni", "to"],
    &["joseph", "joe", "joey"],
    &["edward", "ed", "eddie", "eddy", "ted", "teddy", "ned"],
    &["charles", "charlie", "chas", "chuck", "chucky"],
    &[
        "alexander",
        "alex",
        "alec",
        "sandy",
        "xander",
        "lex",
        "alexandru",
        "aleksander",
        "alasdair",
        "alastair",
        "alistair",
        "alisdair",
    ],
    &["alfred", "alfie", "alf", "fred"],
    &["gabriel", "gabe"],
    &["lee", "leigh"],
    &["ciaran", "kieran", "kieron", "ciaron"],
    &["sean", "shaun", "shawn"],
    &["conor", "connor"],
    &["samuel", "sam", "sammy"],
    &["benjamin", "ben", "benny", "benji"],
    &["nicholas", "nick", "nicky", "nico"],
    // Stefan and Stephan are the name in Slavic, German and Scandinavian languages.
    &["stephen", "steve", "stevie", "steven", "stefan", "stephan"],
    // Dawid is David in Polish.
    &["david", "dave", "davey", "davie", "dawid"],
    &["andrew", "andy", "drew"],
    &["peter", "pete"],
    &["patrick", "pat", "paddy"],
    &["darren", "daz", "dazza"],
    &["imran", "immy"],
    &["joshua", "josh"],
    &["nathaniel", "nathan", "nate", "nat", "natty"],
    &["zachary", "zach", "zack", "zak"],
    &["kenneth", "ken", "kenny"],
    // Kehinde (the second-born of Yoruba twins) is often known as Kenny.
    &["kehinde", "kenny"],
    &["ronald", "ron", "ronnie"],
    &["donald", "don", "donnie", "domhnall"],
    &["gerald", "gerry", "jerry"],
    // Ged is Gerard in Liverpool and Manchester.
    &["gerard", "ger", "ged", "gerry", "gearoid"],
    &["lawrence", "laurence", "larry", "laurie"],
    &["leonard", "len", "lenny", "leo"],
    &["frederick", "fred", "freddie", "freddy"],
    &["henry", "harry", "hal", "hank"],
    &["geoffrey", "jeffrey", "geoff", "jeff"],
    &["harold", "harry", "hal"],
    // Del: Derek in England, Delroy in Caribbean families.
    &["derek", "del"],
    &["delroy", "del"],
    &["timothy", "tim", "timmy"],
    &["jacob", "jake"],
    &["oliver", "ollie", "olly"],
    &["theodore", "theo", "ted", "teddy"],
    // Gregor is the Scots form of Gregory, and Greg the familiar form of both.
    &["gregory", "gregor", "greg"],
    &["raymond", "ray"],
    &["terence", "terry", "tel"],
    &["theresa", "teresa", "tess", "tessa", "tessie"],
    &["philip", "phillip", "phil"],
    &["douglas", "doug", "dougie"],
    &["cameron", "cam"],
    &["callum", "cal"],
    // Frances is left out: Francis and Frances are one name to the ear and often written for each other, and
    // listing both would make the one-vowel slip between them two names.
    &["francis", "frank", "frankie", "fran", "franny", "frannie"],
    &["kevin", "kev"],
    // Spellings of one name (Martin and Martyn, Stuart and Stewart) go in groups of their own: spelt alike, they
    // already compare as alike, which weighs more than a familiar form.
    &["martin", "marty"],
    &["martyn", "marty"],
    &["simon", "si"],
    &["dominic", "dom"],
    &["dominik", "dom"],
    &["vincent", "vince", "vinny", "vinnie"],
    &["stuart", "stu"],
    &["stewart", "stu"],
    &["colin", "col"],
    &["barry", "baz", "bazza"],
    &["reginald", "reg", "reggie"],
    &["sylvester", "sly"],
    // Ty is Tyler or Tyrone; Dre is Andre (an Andrew is Andy or Drew).
    &["tyler", "ty"],
    &["tyrone", "ty"],
    &["andre", "dre"],
    // Ash is Ashley or Ashleigh, each in a group of its own: a shared familiar form does not make the two full
    // spellings one listed name; they still compare by their letters and sound.
    &["ashley", "ash"],
    &["ashleigh", "ash"],
    &["sharon", "shaz", "shazza"],
    &["philippa", "pippa", "pip"],
    &["gillian", "gill", "gilly", "jill"],
    &["pamela", "pam"],
    &["valerie", "val"],
    &["melanie", "mel"],
    &["melissa", "mel"],
    // Written short inside a forename: Nepali Bahadur ("Ram Bdr Gurung"), Indian and Nepali Kumar ("Ajay Kr")
    // and Prasad ("Ram Pd").
    &["bahadur", "bdr"],
    &["kumar", "kr"],
    &["prasad", "pd"],
    // "Mohd" and "Muhd" are the written short forms (Malaysia, Singapore, South Asia), "Md" the Bangladeshi
    // one.
    &[
        "mohammed", "muhammad", "mohammad", "mohamed", "muhammed", "mohamad", "mohd", "muhd", "md",
        "mo", "moe", "maxamed", "maxammed",
    ],
    // Turkish: Memo is the familiar form of Mehmet.
    &["mehmet", "memo", "mehmed"],
    &["emma", "em", "emmy"],
    &["abdullah", "abdul"],
    &[
        "margaret", "maggie", "maggy", "mags", "meg", "peggy", "margie", "marge", "peigi", "rita",
    ],
    &["bethany", "beth"],
    &["beverley", "beverly", "bev"],
    // Greek and Greek Cypriot names, their familiar forms and the English names used for them.
    &[
        "konstantinos",
        "constantinos",
        "kostas",
        "costas",
        "kostakis",
        "dinos",
        "dino",
    ],
    &[
        "panayiotis",
        "panagiotis",
        "panayotis",
        "panos",
        "takis",
        "peter",
    ],
    &["ioannis", "yiannis", "giannis", "yianni", "john"],
    &["georgios", "giorgos", "yiorgos", "george"],
    &[
        "demetris",
        "dimitris",
        "demetrios",
        "dimitrios",
        "mimis",
        "jimmy",
    ],
    &["christodoulos", "christos", "chris"],
    // Albanian: Arben is Ben at work.
    &["arben", "ben"],
    &["bethan", "beth"],
    &["rhodri", "roddy", "rhod"],
    &["priscilla", "cilla", "prissy"],
    // West African names are often recorded by their short form (Yoruba; Igbo names without God's name
    // are found by `igbo_short_form`).
    &["oluwaseun", "seun"],
    &["oluwafemi", "femi"],
    &["temitope", "tope", "temi"],
    &["adebayo", "bayo"],
    // Spanish and Portuguese familiar forms, of single and compound given names.
    &["jose", "pepe", "ze", "zeca"],
    &["juan manuel", "juanma"],
    &["jose maria", "chema", "josema"],
    &["francisco", "paco", "curro", "chico", "xico"],
    &["manuel", "manolo", "manu"],
    // Ricardo is Richard in Spanish and Portuguese; Ricky is what Caribbean and British Ricardos go by.
    &["ricardo", "ricky", "rick", "rico"],
    &["ignacio", "nacho"],
    &["enrique", "quique"],
    &["dolores", "lola"],
    &["concepcion", "concha", "conchita"],
    &["fernando", "nando"],
    // Akan day names (Ghana): the name of the day of birth in its Twi and Fante forms and familiar ones.
    // Twins share one, told apart by Panyin (elder) and Kakra (younger).
    &["kwasi", "akwasi", "kwesi"],
    &["kwadwo", "kojo", "kodjo", "kwadjo"],
    &["kwabena", "kobina", "kobena", "kobby"],
    &["kwaku", "kweku"],
    &["yaw", "ekow"],
    &["kofi", "fiifi"],
    &["kwame", "kwamena", "kwamina"],
    &["akosua", "esi"],
    &["adwoa", "adjoa", "ajoa"],
    &["abena", "abenaa", "araba"],
    &["akua", "ekua"],
    &["afua", "efua", "afia"],
    &["ama", "amma"],
    // Somali: Abdi is short for the Abd- names. Somali's own spelling writes the Arabic h as X, the
    // Arabic ain as C and long vowels doubled (Maxamed, Cabdiraxmaan, Xasan, Faadumo), and records hold
    // either spelling.
    &[
        "abdirahman",
        "abdulrahman",
        "abdurahman",
        "abdirahmaan",
        "cabdiraxmaan",
        "cabdiraxman",
        "abdi",
    ],
    &["hassan", "hasan", "xasan", "xassan"],
    &[
        "hussein", "husein", "hussain", "husain", "xuseen", "xusseen",
    ],
    &["ahmed", "ahmad", "axmed", "axmad"],
    &["omar", "umar", "cumar"],
    &["ali", "cali"],
    &["yusuf", "yousuf", "yuusuf"],
    &["ibrahim", "ibraahim"],
    &["ismail", "ismaaciil", "ismaacil"],
    &["fadumo", "faadumo", "faduma", "fatuma", "fatima"],
    &["hawa", "xawa"],
    &["halima", "halimo", "xaliimo", "xalimo"],
    &["abdullahi", "abdi"],
    &[
        "elizabeth",
        "liz",
        "lizzie",
        "beth",
        "betty",
        "eliza",
        "libby",
        "lisa",
        "elsie",
    ],
    &[
        "katherine",
        "catherine",
        "kathryn",
        "kate",
        "katie",
        "cathy",
        "kath",
        "cath",
        "kat",
        "kitty",
    ],
    &["jennifer", "jen", "jenny"],
    &["rebecca", "becky", "becca", "bex"],
    &["victoria", "vicky", "vicki", "tori"],
    &["alexandra", "alex", "lexi", "sandra", "sasha"],
    &["samantha", "sam", "sammie", "sammy"],
    &["jessica", "jess", "jessie"],
    &["abigail", "abby", "abbie", "abi", "gail"],
    &["natalie", "nat", "natty", "tally"],
    &["deborah", "debbie", "deb", "debra"],
    &["susan", "sue", "susie", "suzy"],
    &["patricia", "pat", "trish", "patsy", "tricia"],
    &[
        "christine",
        "christina",
        "cristina",
        "kristina",
        "chris",
        "tina",
        "chrissie",
        "chrissy",
    ],
    &["stephanie", "steph"],
    &["jacqueline", "jackie", "jacqui"],
    &["amanda", "mandy"],
    &["rachel", "rach"],
    &["charlotte", "charlie", "lottie", "lotte"],
    &["olivia", "oliwia", "liv", "livvy"],
    &["isabella", "isabelle", "isobel", "izzy", "bella", "issy"],
    &["eleanor", "ellie", "nell", "nellie", "elle"],
    // Nell is as old a familiar form of Helen as of Eleanor.
    &["helen", "nell", "nellie"],
    // Kaz and Caz: a British familiar form of Caroline and Karen, and of the Polish Karolina.
    &["caroline", "carrie", "caz", "kaz"],
    &["karen", "kaz", "caz"],
    &["emily", "em", "emmy", "millie"],
    &["amelia", "millie", "amy"],
    &["gabrielle", "gabriella", "gabby"],
    &["georgina", "georgia", "george"],
    &["danielle", "dani"],
    &["kimberley", "kimberly", "kim"],
    &["nicola", "nicole", "nikki", "nicky"],
    &["louise", "lou", "louisa"],
    &["sophie", "sophia", "soph"],
    &["megan", "meg"],
    &["josephine", "jo", "josie"],
    &["joanne", "joanna", "jo"],
    // Polish diminutives, as often given to officers as the name itself.
    &["aleksandra", "alexandra", "ola", "ala"],
    &["katarzyna", "kasia", "kate"],
    &["karolina", "karo", "kaz"],
    &["malgorzata", "gosia", "margaret"],
    // Mikołaj is Nicholas in Polish, and goes by Nick in English.
    &["mikolaj", "nick", "nicholas", "mikolajek"],
    &["agnieszka", "aga", "aggie"],
    &["joanna", "asia"],
    &["grzegorz", "grzesiek", "greg"],
    // Przemek is said "Pshemek", and records taken from speech write it so.
    &["przemyslaw", "przemek", "pshemek", "shemek"],
    &["magdalena", "magda"],
    &["tomasz", "tomek", "thomas"],
    &["wojciech", "wojtek", "voytek"],
    &["bartlomiej", "bartek"],
    &["krzysztof", "krzys", "krzysiek", "kris"],
    &["jakub", "kuba", "jacob"],
    &["piotr", "piotrek", "peter"],
    &["pawel", "pawelek", "paul"],
    &["michal", "michael", "misiek"],
    &["marcin", "martin"],
    &["dariusz", "darek"],
    &["andrzej", "andrew", "jedrek"],
    &["zbigniew", "zbyszek"],
    &["slawomir", "slawek"],
    &["mateusz", "matthew", "mati"],
    &["jan", "janek"],
    &["zofia", "zosia", "sophie"],
    &["anna", "ania", "anya"],
    &["barbara", "basia", "barbra"],
    &["elzbieta", "ela", "elizabeth"],
    &["krystyna", "krysia", "christina"],
    &["aleksander", "alexander", "olek", "sasha", "alex"],
    // Scottish Gaelic forms and the English names they are recorded as (Peigi, Seumas, Alasdair and
    // Domhnall are in the groups above).
    &["mary", "mairi", "maire", "maree"],
    &["helen", "eilidh"],
    &["catherine", "catriona"],
    &["kirsty", "kirstie", "ciorstaidh", "kirsteen"],
    &[
        "roderick", "roddy", "rory", "ruairidh", "ruaridh", "ruaraidh",
    ],
    &["william", "uilleam"],
    // Iain is Ian, and Seonaidh is Johnny: Ian and John are two names in English records.
    &["ian", "iain"],
    &["john", "johnny", "seonaidh"],
    &["malcolm", "calum", "callum"],
    &["kenneth", "coinneach"],
    &["george", "seoras"],
    &["elizabeth", "ealasaid"],
    &["murdo", "murdoch", "murchadh", "murdie"],
    &["hector", "eachann", "eachainn"],
    &["williamina", "mina", "wilma"],
    &["hugh", "uisdean"],
    // Scots familiar forms: Shug and Shuggie are Hugh, Wullie William, Tam Thomas, Eck Alexander, Jock
    // John, Dod George; Senga (Agnes turned about), Aggie and Nessie are Agnes.
    &["hugh", "shug", "shuggie"],
    &["william", "wullie"],
    &["thomas", "tam"],
    &["alexander", "eck", "ecky"],
    &["john", "jock"],
    &["george", "dod", "doddie"],
    &["agnes", "aggie", "nessie", "senga"],
    &["norman", "tormod"],
    &["angus", "aonghas", "aonghus"],
    &["alan", "allan", "ailean"],
    &["joan", "seonag"],
    &["rachel", "raonaid"],
    &["lachlan", "lachie", "lachy"],
    &["archibald", "archie"],
    // Punjabi (Sikh) given names and the short forms used for them; each short form is in a group of its
    // own per name, as Alex is, so Jaswinder and Jaspreet stay two names.
    &["jaswinder", "jasvinder", "jas", "jass"],
    &["jaspreet", "jas", "jass"],
    &["jasbir", "jas", "jass"],
    &["harjit", "harjeet", "harj"],
    &["harjinder", "harj"],
    &["sukhwinder", "sukhvinder", "sukh", "sukhi"],
    &["sukhjit", "sukhjeet", "sukh", "sukhi"],
    &["balwinder", "balvinder", "bal"],
    &["baljit", "baljeet", "bal"],
    &["ravinder", "ravindra", "rav"],
    &["kamaljit", "kamaljeet", "kam"],
    &["manjit", "manjeet", "manj", "manny"],
    // English names British Sikhs go by, recorded beside the Punjabi one: Harry for the names in Har-, Gary
    // for those in Gur-, each its own group so Harpreet and Harjit stay two names.
    &["harpreet", "harry", "harps"],
    &["harjit", "harry"],
    &["harvinder", "harry"],
    &["hardeep", "harry"],
    &["gurpreet", "gary", "guri"],
    &["gurdeep", "gary"],
    &["gurjit", "gurjeet", "gary"],
    &["kuldip", "kuldeep", "kully"],
    &["kulwinder", "kulvinder", "kully"],
    &["navdeep", "nav"],
    &["navjot", "nav"],
    &["maninder", "manny"],
    &["lakhvir", "lakhbir", "lucky"],
    &["lakhwinder", "lakhvinder", "lucky"],
    // Slovak and Czech familiar forms.
    &["ladislav", "laco", "lado", "laci"],
    &["frantisek", "fero", "franta"],
    &["miroslav", "miro", "mirek"],
    &["jaroslav", "jaro"],
    &["stanislav", "stano", "standa"],
    // Pišta is the Hungarian familiar form of István, used by Hungarian-speaking Slovak Roma for Štefan.
    &["stefan", "pista", "pisti", "istvan", "stevo"],
    &["jozef", "jozko", "jozo"],
    // Romanian familiar forms and English equivalents.
    &["constantin", "costel", "costi", "costica"],
    &["nicolae", "nicu", "nicusor"],
    &["gheorghe", "george", "gica"],
    // Welsh forms and their short ones.
    &["dafydd", "dai", "dewi", "david"],
    &["ieuan", "ifan", "iwan", "evan"],
    &["gwilym", "gwil", "wil", "will", "william"],
    &["llywelyn", "llewelyn", "llewellyn", "llew"],
    &["tomos", "twm", "thomas", "tom"],
    &["elen", "helen"],
    &["huw", "hugh"],
    &["iestyn", "justin"],
    // Ceri is said as Kerry, and an officer who hears it writes it so.
    &["ceri", "kerry"],
    &["gareth", "gaz"],
    // Russian and Ukrainian names and their familiar forms.
    &["dmitri", "dmitry", "dimitri", "dmytro", "dima"],
    &[
        "aleksandr",
        "alexandr",
        "alexander",
        "oleksandr",
        "olexandr",
        "sasha",
        "sanya",
    ],
    &[
        "aleksei", "alexei", "alexey", "aleksey", "oleksii", "oleksiy", "olexiy", "lyosha",
    ],
    &["andrii", "andriy", "andrei", "andrey", "andrew"],
    &["yuliia", "yulia", "yuliya", "julia"],
    &["mikhail", "mykhailo", "misha", "michael"],
    &["sergei", "sergey", "serhiy", "seryozha"],
    &["vladimir", "volodymyr", "volodya", "vova", "vlad"],
    &["yevgeny", "evgeny", "yevhen", "zhenya"],
    &["ivan", "vanya"],
    // Пётр in the Latin letters of English (Pyotr), Czech (Petr), German and Dutch (Pjotr), Polish (Piotr) and
    // Ukrainian (Петро, Petro) papers: one man's passport, visa and work records can hold three of them.
    &["pyotr", "petr", "pjotr", "piotr", "petro", "petya", "peter"],
    &["nikolai", "mykola", "kolya", "nicholas"],
    &["natalia", "natalya", "natasha"],
    // Tetiana and Tetyana are the Ukrainian transliterations.
    &["tatiana", "tatyana", "tanya", "tetiana", "tetyana"],
    &["anastasia", "nastya"],
    &["yekaterina", "ekaterina", "kateryna", "katerina", "katya"],
    // Irish names and the spellings they are heard as.
    &["niamh", "neve", "neave", "nieve"],
    &["siobhan", "shevaun", "shivaun", "shivon", "chevonne"],
    &["roisin", "rosheen"],
    &["sinead", "shinead", "shanade"],
    &["aoife", "eefa"],
    &["caoimhe", "keeva", "keva"],
    &["saoirse", "seersha", "searsha"],
    &["padraig", "patrick", "paddy", "pat", "patsy"],
    &["oisin", "osheen", "ossian"],
    &["tadhg", "teague", "teige"],
    &["eamonn", "eamon", "edmund"],
    &["aoibheann", "aoibhinn", "eavan", "eve"],
    &["fionnuala", "finola", "nuala", "fenella"],
    &["ruairi", "ruari", "rory"],
    &["diarmuid", "diarmaid", "dermot"],
    &["domhnall", "donal", "donall"],
    // Dónal was made Daniel in English: a record may hold either. After Domhnall's group, which Donal is
    // counted under (`counted_as`).
    &["daniel", "donal"],
    &["cathal", "cahal"],
    &["grainne", "grania"],
    &["mairead", "margaret"],
    &["eibhlin", "eileen", "aileen"],
    &["peadar", "peter"],
    // Shay is Seamus's familiar form in Ireland, not a form of James.
    &["seamus", "shay"],
    // Familiar forms common among Irish families and Irish Travellers.
    &["bernard", "bernie", "barney"],
    &["honora", "nora", "norah", "nonie"],
    &["kathleen", "cathleen", "kathy", "kath", "katie"],
    &["cornelius", "con", "connie"],
    &["jeremiah", "jerry"],
    &["eoin", "owen"],
    &["bridget", "brigid", "biddy", "bridie", "breda"],
    // Maureen is Máirín, little Máire. Listed after Muhammad's group: a name is counted under its first
    // group (`counted_as`), and Mo is counted as Muhammad.
    &["maureen", "mo", "moreen"],
    // One name, spelled as parents chose.
    &["jayden", "jaden", "jaiden", "jaydon", "jadon", "jay"],
    // John in the languages of people who settled here, each beside the English name its holder may give
    // (a Portuguese João, a Latvian Jānis, an Irish Seán, a Romanian Ionuț, "Johnny", recorded as John): a
    // group each, so João and Juan stay two names.
    &["john", "joao"],
    &["john", "sean"],
    &["john", "juan"],
    &["john", "jan"],
    &["john", "janis"],
    &["john", "jonas"],
    // Ionuț is little Ion, Johnny: in a family a son may be Ionuț beside his father Ion.
    &["john", "ion", "ioan"],
    &["john", "johnny", "ionut"],
    &["john", "giovanni", "gianni"],
    &["john", "johann", "johannes"],
    // Joseph in Slovak, Czech and Polish spelling.
    &["joseph", "jozef", "josef"],
    // George in Czech (Jiří), Polish (Jerzy) and Slovak (Juraj), each beside the English name.
    &["george", "jiri"],
    &["george", "jerzy"],
    &["george", "juraj"],
    // Siân is Welsh for Jane, and Shân another spelling of it; Shan is also short for Shannon, so each
    // pairing is a group of its own.
    &["sian", "jane"],
    &["sian", "shan"],
    &["shannon", "shan"],
    // Gruffudd and its Welsh familiar forms.
    &["gruffudd", "gruffydd", "guto", "griff"],
    // Seonaid is Scottish Gaelic for Jane, anglicised as Shona.
    &["seonaid", "shona"],
    // Portuguese spells Tiago both ways (Brazil keeps the older Thiago).
    &["tiago", "thiago"],
    &["emmanuel", "emanuel", "manny"],
    // Lithuanian: Ieva is Eve, often written Eva on UK papers; Vytas is the familiar form of Vytautas.
    &["ieva", "eva"],
    &["vytautas", "vytas"],
    // Bulgarian: Gosho is the familiar form of Georgi, and Mitko of Dimitar. Georgi is left out of George's
    // groups: spelled that close, the two already compare as alike, a stronger level than a familiar form.
    &["georgi", "gosho"],
    &["dimitar", "mitko"],
];

/// Name to the groups it is in. Asked for most candidate pairs, so hashed with the fast non-keyed hasher
/// the rest of matching uses (the keys are the fixed lists above, not input).
fn index() -> &'static FxHashMap<&'static str, Vec<usize>> {
    static INDEX: OnceLock<FxHashMap<&'static str, Vec<usize>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map: FxHashMap<&'static str, Vec<usize>> = FxHashMap::default();
        for (g, names) in GROUPS.iter().enumerate() {
            for name in *names {
                map.entry(name).or_default().push(g);
            }
        }
        map
    })
}

/// The form a lower-case forename is counted under: the first name of the first group holding it, so
/// that spellings and familiar forms of one name count together; a name in no group is its own form.
pub fn counted_as(name: &str) -> &str {
    index()
        .get(name)
        .and_then(|groups| groups.first())
        .and_then(|g| GROUPS.get(*g))
        .and_then(|names| names.first())
        .copied()
        .unwrap_or(name)
}

/// Whether two lower-case forenames are both listed and share no group: forms of two different names.
pub fn different_listed_names(a: &str, b: &str) -> bool {
    let index = index();
    index.contains_key(a) && index.contains_key(b) && !same_name(a, b)
}

/// Whether two lower-case forenames are forms of one name.
pub fn same_name(a: &str, b: &str) -> bool {
    let index = index();
    match (index.get(a), index.get(b)) {
        (Some(ga), Some(gb)) => ga.iter().any(|g| gb.contains(g)),
        _ => false,
    }
}
