"""The demo site's texts, written from the association's 2006 communication plan.

Kept apart from the code that builds the pages (home.demo_content) so editors of
the demo can read them in one place. Nothing here reads files at run time.
"""

ABOUT_INTRO = (
    "Samordningsförbundet Lycksele verkar för samordning inom rehabiliteringsområdet mellan "
    "Arbetsförmedlingen, Försäkringskassan, Lycksele kommun och Region Västerbotten – till nytta för den "
    "enskilde invånaren."
)
ABOUT_BODY = [
    ("heading", "Bakgrund"),
    (
        "paragraph",
        "<p>Samordningsförbundet i Lycksele bildades i maj 2005 enligt lagen om finansiell samordning av "
        "rehabiliteringsinsatser. En verkställande tjänsteman, samordnaren, är utsedd och ett första delprojekt "
        "är format. Arbetet i projektet bedrivs utifrån en accessutbildning.</p>"
        "<p>Kommunikationsarbetet riktar sig till flera målgrupper och bedrivs av flera personer. Därför har "
        "förbundet en gemensam kommunikationsplan.</p>",
    ),
    ("heading", "Målsättning"),
    (
        "paragraph",
        "<p>Förbundets övergripande målsättning är att verka för en samordning inom rehabiliteringsområdet "
        "utifrån ett individperspektiv mellan arbetsförmedling, försäkringskassa, kommun och landsting (i dag "
        "region) till nytta för den enskilde invånaren i Lycksele.</p>",
    ),
    ("heading", "Kommunikationsplanens syfte"),
    (
        "paragraph",
        "<p>Kommunikationsplanen ska skapa kännedom och kunskap om förbundet och dess arbetssätt, och "
        "stimulera till samarbete mellan de fyra parter som omfattas av lagstiftningen. Planen har tagits fram "
        "av förbundets verkställande tjänsteman tillsammans med chefer hos huvudmännen och har godkänts av "
        "styrelsen.</p>"
        "<p>Samordnaren rapporterar varje månad till Lokala samverkansgruppen (LSG) och till styrelsen. "
        "Huvudmännens beslutande församlingar informeras genom tertialrapporter och årsredovisningar, som "
        "också publiceras här på webbplatsen.</p>",
    ),
    ("heading", "Organisation"),
    (
        "paragraph",
        "<p>Förbundets medlemmar, huvudmännen, är Arbetsförmedlingen, Försäkringskassan, Lycksele kommun och "
        "Region Västerbotten. De finansierar förbundet gemensamt.</p>"
        "<ul><li><b>Styrelsen</b> har ledamöter från de fyra huvudmännen och beslutar om vilka projekt och "
        "verksamheter som får medel.</li>"
        "<li><b>Samordnaren</b> (verkställande tjänsteman) leder det dagliga arbetet och är förbundets "
        "talesperson tillsammans med huvudmännens chefer.</li>"
        "<li><b>Lokala samverkansgruppen (LSG)</b> består av chefer hos huvudmännen och planerar bland annat "
        "den uppsökande verksamheten tillsammans med samordnaren.</li></ul>",
    ),
    ("heading", "Styrande dokument"),
    (
        "paragraph",
        "<p>Förbundets arbete styrs av förbundsordningen, av verksamhetsplanen för 2006 som styrelsen "
        "fastställde den 14 december 2005 och av kommunikationsplanen från maj 2006. Verksamhetsplaner, "
        "tertialrapporter och årsredovisningar finns under Rapporter.</p>",
    ),
    ("heading", "Öppenhet"),
    (
        "paragraph",
        "<p>Verksamheten bedrivs med stor öppenhet, för att underlätta förankring och skapa kunskap om "
        "verksamheten och dess förutsättningar. Förbundet är en offentlig aktör: handlingar som kommer in "
        "till eller upprättas hos förbundet är allmänna handlingar som du har rätt att ta del av.</p>",
    ),
]

CONTACT_INTRO = "Hör av dig till oss om du har frågor om förbundet, om att söka medel eller om våra projekt."

FUNDING_INTRO = (
    "Förbundet finansierar projekt och verksamheter som samordnar rehabiliteringsinsatser mellan två eller "
    "flera av huvudmännen. Här ser du vem som kan söka, för vad och hur."
)
FUNDING_BODY = [
    ("heading", "Vem kan söka?"),
    (
        "paragraph",
        "<p>Verksamheter hos Arbetsförmedlingen, Försäkringskassan, Lycksele kommun och Region Västerbotten "
        "kan söka, gärna tillsammans. Organisationer i den privata och ideella sektorn kan delta i projekt "
        "tillsammans med någon av huvudmännen.</p>",
    ),
    ("heading", "Vad kan man söka för?"),
    (
        "paragraph",
        "<p>Insatser som hjälper personer som behöver samordnad rehabilitering att komma närmare arbete eller "
        "studier, och som bygger på att huvudmännen arbetar tillsammans utifrån individens behov. Det kan "
        "vara ett nytt arbetssätt, en utbildning eller en gemensam verksamhet.</p>",
    ),
    ("heading", "Så gör du"),
    (
        "paragraph",
        "<ol><li>Kontakta samordnaren och berätta om idén. Vi hjälper gärna till med ansökan.</li>"
        "<li>Fyll i ansökningsblanketten och bifoga en projektplan, eller ansök direkt i formuläret nedan.</li>"
        "<li>Styrelsen behandlar ansökan på nästa möte och du får besked efter beslutet.</li>"
        "<li>Beviljade projekt redovisar sitt arbete till förbundet och presenteras under Projekt.</li></ol>",
    ),
]
FUNDING_THANKS = (
    "<p>Tack! Vi har tagit emot din ansökan och samordnaren hör av sig inom två veckor. Ansökan blir en "
    "allmän handling hos förbundet.</p>"
)
FUNDING_FIELDS = [
    ("Namn", "singleline", True, "", ""),
    ("Organisation", "singleline", True, "", "Den verksamhet som söker medel."),
    ("E-post", "email", True, "", ""),
    ("Telefon", "singleline", False, "", ""),
    ("Projektets namn", "singleline", True, "", ""),
    ("Beskrivning", "multiline", True, "", "Vad vill ni göra, för vem, och vilka huvudmän deltar?"),
    ("Sökt belopp (kr)", "number", True, "", "I hela kronor."),
    (
        "Deltagande huvudmän",
        "checkboxes",
        False,
        "Arbetsförmedlingen\nFörsäkringskassan\nLycksele kommun\nRegion Västerbotten",
        "",
    ),
]

ACCESSIBILITY_INTRO = (
    "Samordningsförbundet Lycksele står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna "
    "använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig "
    "service, vilka brister vi känner till och hur du kan rapportera problem så att vi kan åtgärda dem."
)
ACCESSIBILITY_BODY = [
    ("heading", "Hur tillgänglig är webbplatsen?"),
    (
        "paragraph",
        "<p>Webbplatsen är delvis förenlig med lagen (2018:1937) om tillgänglighet till digital offentlig "
        "service, på grund av de brister som beskrivs nedan. Vi följer standarden WCAG 2.1 på nivå AA.</p>",
    ),
    ("heading", "Vad kan du göra om du inte kan använda delar av webbplatsen?"),
    (
        "paragraph",
        "<p>Om du behöver innehåll från webbplatsen i ett annat format, till exempel en rapport som läsbar text "
        "i stället för PDF, kan du kontakta oss med e-post på info@samordningsforbundet-lycksele.se eller "
        "ringa 0950-123 45. Vi svarar normalt inom fem arbetsdagar.</p>",
    ),
    ("heading", "Rapportera brister i webbplatsens tillgänglighet"),
    (
        "paragraph",
        "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som "
        "inte beskrivs här, eller om du tycker att vi inte uppfyller lagen, meddela oss så att vi får veta att "
        "problemet finns: skicka e-post till info@samordningsforbundet-lycksele.se och berätta på vilken sida "
        "och vad som inte fungerar.</p>",
    ),
    ("heading", "Tillsyn"),
    (
        "paragraph",
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet "
        "till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
        '<a href="https://www.digg.se/tdosanmalan">kontakta Digg och påtala det</a>.</p>',
    ),
    ("heading", "Innehåll som inte är tillgängligt"),
    (
        "paragraph",
        "<p>Det innehåll som beskrivs nedan är på ett eller annat sätt inte helt tillgängligt.</p>"
        "<ul><li><b>PDF-dokument.</b> Rapporter och blanketter är PDF-filer som saknar taggad struktur, så "
        "skärmläsare kan ha svårt att läsa rubriker och ordning (WCAG 1.3.1 Information och relationer). "
        "Sammanfattningen av varje rapport finns därför också som text på webbsidan, och du kan be om "
        "innehållet i ett annat format.</li>"
        "<li><b>Äldre dokument</b> som publicerats före den 23 september 2018 omfattas inte av lagen och har "
        "inte granskats.</li>"
        "<li><b>Dokument från andra</b>, till exempel huvudmännens material som vi länkar till, ansvarar "
        "respektive huvudman för.</li></ul>",
    ),
    ("heading", "Hur vi testat webbplatsen"),
    (
        "paragraph",
        "<p>Vi har granskat webbplatsen själva. Varje ändring av webbplatsens kod kontrolleras automatiskt "
        "innan den tas i bruk: i vår kontinuerliga integration (CI) öppnas sidorna i en riktig webbläsare och "
        "granskas med verktyget axe-core mot WCAG 2.1 nivå AA. Automatiska verktyg hittar ungefär en tredjedel "
        "av alla problem, så vi går dessutom igenom sidorna för hand: vi navigerar med enbart tangentbord, "
        "kontrollerar att fokus alltid syns och hamnar rätt, att sidan fungerar förstorad till 400 procent och "
        "att formulär har tydliga etiketter och felmeddelanden.</p>"
        "<p>Den senaste bedömningen gjordes i november 2026.</p>",
    ),
]

PRIVACY_INTRO = (
    "Här berättar vi vilka personuppgifter Samordningsförbundet Lycksele behandlar, varför, hur länge och "
    "vilka rättigheter du har."
)
PRIVACY_BODY = [
    ("heading", "Personuppgiftsansvarig"),
    (
        "paragraph",
        "<p>Samordningsförbundet Lycksele är personuppgiftsansvarigt för behandlingen som beskrivs här. Du når "
        "oss på info@samordningsforbundet-lycksele.se, 0950-123 45 eller Samordningsförbundet Lycksele, Box 1, "
        "921 21 Lycksele.</p>",
    ),
    ("heading", "Nätverket och våra sändlistor"),
    (
        "paragraph",
        "<p>När du anmäler dig till Nätverket, vid våra besök hos huvudmännen eller på webbplatsen, sparar vi "
        "ditt <b>namn</b>, din <b>e-postadress</b>, din <b>organisation</b> och din <b>roll eller titel</b>. "
        "Vi använder uppgifterna bara för att skicka nyheter, rapporter och inbjudningar från förbundet.</p>"
        "<p>För att kunna visa att du har samtyckt sparar vi också <b>samtycket</b>: den text du godkände, "
        "<b>tidpunkten</b>, den <b>IP-adress</b> anmälan gjordes från och <b>källan</b> (till exempel "
        "webbformuläret eller en intresseanmälan vid ett besök).</p>"
        "<p><b>Dubbel bekräftelse.</b> Efter anmälan får du ett mejl med en länk som du måste klicka på innan "
        "du får några utskick. Anmälningar som inte har bekräftats raderas automatiskt efter <b>30 dagar</b>.</p>"
        "<p><b>Avregistrering och radering.</b> Varje mejl från oss innehåller en personlig länk. Där kan du "
        "avregistrera dig från en eller alla listor och radera alla dina uppgifter. Efter radering sparar vi "
        "bara en kontrollsumma av din e-postadress (en hash som inte kan översättas tillbaka till adressen) så "
        "att vi aldrig mejlar dig igen av misstag.</p>"
        "<p><b>Leveransuppgifter.</b> För varje utskick sparar vi vilken adress det skickades till, när, och "
        "om det levererades, studsade eller anmäldes som skräppost. Uppgifterna behövs för att ingen ska få "
        "samma utskick två gånger och för att vi ska sluta mejla adresser som inte fungerar.</p>"
        "<p>Listorna för pressen, för huvudmännens förtroendevalda, för Lokala samverkansgruppen och för "
        "styrelsen sköts av samordnaren. Där bygger behandlingen på förbundets uppgift att informera "
        "huvudmännen och allmänheten, inte på samtycke, men du kan alltid avregistrera dig.</p>",
    ),
    ("heading", "Ansökan om medel via webbplatsen"),
    (
        "paragraph",
        "<p>När du ansöker om medel i formuläret på sidan Söka medel sparar vi det du fyller i: namn, "
        "organisation, e-post, telefon och uppgifter om projektet. Ansökan lagras i webbplatsens databas och "
        "skickas med e-post till samordnaren, som handlägger den. För att stoppa automatiska inskick räknar "
        "vi hur många ansökningar som kommer från samma IP-adress; räknaren sparas högst en timme och aldrig "
        "tillsammans med ansökan.</p>"
        "<p>En ansökan blir en allmän handling hos förbundet. Den kan lämnas ut enligt offentlighetsprincipen "
        "och sparas eller gallras enligt arkivlagen och förbundets dokumenthanteringsplan.</p>",
    ),
    ("heading", "Rättslig grund och hur länge vi sparar uppgifterna"),
    (
        "paragraph",
        "<ul><li><b>Nätverket:</b> ditt samtycke (artikel 6.1 a i dataskyddsförordningen). Uppgifterna sparas "
        "tills du avregistrerar dig eller tar tillbaka samtycket. Obekräftade anmälningar raderas efter 30 "
        "dagar.</li>"
        "<li><b>Övriga sändlistor:</b> uppgift av allmänt intresse (artikel 6.1 e), förbundets uppdrag att "
        "informera huvudmännen och allmänheten. Uppgifterna sparas så länge du har uppdraget eller tills du "
        "avregistrerar dig.</li>"
        "<li><b>Ansökningar om medel:</b> uppgift av allmänt intresse (artikel 6.1 e) och rättslig förpliktelse "
        "enligt arkivlagen (artikel 6.1 c). Ansökningar sparas enligt dokumenthanteringsplanen.</li>"
        "<li><b>Leveransuppgifter:</b> sparas lika länge som prenumerationen och raderas med den.</li></ul>",
    ),
    ("heading", "Vilka får ta del av uppgifterna?"),
    (
        "paragraph",
        "<p>Samordnaren och de som administrerar webbplatsen. Mejlen skickas genom en e-posttjänst och "
        "webbplatsen drivs hos en driftleverantör; båda är personuppgiftsbiträden som bara får behandla "
        "uppgifterna för vår räkning. Vi säljer aldrig uppgifter och lämnar inte ut dem till andra, utom när "
        "lagen kräver det.</p>"
        "<p>Webbplatsen använder inga spårande kakor. Den sätter bara de kakor som behövs för att formulär och "
        "inloggning för redaktörer ska fungera säkert.</p>",
    ),
    ("heading", "Dina rättigheter"),
    (
        "paragraph",
        "<p>Du har rätt att få veta vilka uppgifter vi har om dig (registerutdrag), att få fel rättade, att få "
        "uppgifter raderade, att begränsa eller invända mot behandlingen, att få ut dina uppgifter i ett "
        "maskinläsbart format och att när som helst ta tillbaka ett samtycke. Kontakta oss så hjälper vi dig.</p>",
    ),
    ("heading", "Klagomål"),
    (
        "paragraph",
        "<p>Om du tycker att vi behandlar dina personuppgifter felaktigt kan du lämna klagomål till "
        '<a href="https://www.imy.se/">Integritetsskyddsmyndigheten (IMY)</a>, Box 8114, 104 20 Stockholm.</p>',
    ),
]

NEWS_INDEX_INTRO = "Nyheter från förbundet: nya projekt, aktiviteter och rapporter."
PROJECT_INDEX_INTRO = (
    "Projekt och verksamheter som styrelsen har beslutat att finansiera. Pågående projekt visas först."
)
REPORT_INDEX_INTRO = (
    "Tertialrapporter, årsredovisningar och verksamhetsplaner, så att huvudmännen, deras förtroendevalda och "
    "alla andra kan följa förbundets arbete."
)

PEOPLE = [
    {
        "name": "Maria Lindberg",
        "role": "Samordnare (verkställande tjänsteman)",
        "organisation": "Samordningsförbundet Lycksele",
        "phone": "0950-123 45",
        "email": "samordnare@samordningsforbundet-lycksele.se",
    },
    {
        "name": "Erik Johansson",
        "role": "Styrelsens ordförande",
        "organisation": "Lycksele kommun",
        "phone": "0950-123 46",
        "email": "ordforande@samordningsforbundet-lycksele.se",
    },
]

PROJECTS = [
    {
        "slug": "accessutbildning",
        "title": "Accessutbildning – förbundets första delprojekt",
        "lead": "En utbildning som ger personer långt från arbetsmarknaden en väg tillbaka, med stöd från alla "
        "fyra huvudmännen samtidigt.",
        "status": "pagaende",
        "decision_date": "2005-12-14",
        "start_date": "2006-01-09",
        "end_date": "2007-06-30",
        "granted_amount": 850000,
        "target_group": "Personer i Lycksele som behöver samordnade insatser från flera huvudmän för att kunna "
        "börja arbeta eller studera.",
        "body": [
            (
                "paragraph",
                "<p>Det första delprojektet formerades redan när förbundet bildades. Arbetet bedrivs utifrån en "
                "accessutbildning: deltagarna får utbildning och praktik samtidigt som handläggare från "
                "Arbetsförmedlingen, Försäkringskassan, kommunen och regionen planerar insatserna tillsammans, "
                "så att ingen faller mellan stolarna.</p>",
            ),
        ],
    },
    {
        "slug": "lansering-av-forbundet",
        "title": "Lansering av Samordningsförbundet",
        "lead": "Uppsökande verksamhet hos huvudmännens personal under sommaren 2006, så att alla som berörs "
        "vet vad förbundet är och hur det arbetar.",
        "status": "avslutat",
        "decision_date": "2006-05-10",
        "start_date": "2006-06-01",
        "end_date": "2006-09-30",
        "granted_amount": 60000,
        "target_group": "Chefer och anställda hos de fyra huvudmännen, och aktörer i den privata och ideella sektorn.",
        "body": [
            (
                "paragraph",
                "<p>Under juni–augusti lanseras förbundet genom uppsökande verksamhet hos huvudmännen. Samordnaren "
                "besöker personalmöten och andra befintliga arenor med en muntlig presentation, ett "
                "informationsblad och en affisch. Planen för besöken görs tillsammans med Lokala "
                "samverkansgruppen.</p>"
                "<p>Vid besöken kan personalen anmäla intresse för att ingå i förbundets nätverk och få nyheter "
                "med e-post.</p>",
            ),
        ],
    },
]

NEWS = [
    {
        "slug": "forbundet-lanseras",
        "title": "Samordningsförbundet lanseras hos huvudmännen",
        "date": "2006-06-01",
        "lead": "I sommar besöker samordnaren personal hos Arbetsförmedlingen, Försäkringskassan, Lycksele "
        "kommun och landstinget för att berätta om förbundet.",
        "tags": ["Lansering"],
        "project": "lansering-av-forbundet",
        "body": [
            (
                "paragraph",
                "<p>Lanseringen ska sprida kunskap om vad samordningsförbundet är, vad det syftar till, dess "
                "organisation och arbetssätt. Till besöken har förbundet tagit fram en presentation, en "
                "informationsfolder och en affisch.</p>",
            ),
        ],
    },
    {
        "slug": "webbplatsen-ar-har",
        "title": "Förbundets webbplats är här",
        "date": "2006-07-03",
        "lead": "På den nya webbplatsen finns fakta om förbundet, blanketter för den som vill söka medel, "
        "beslutade projekt, nyheter och förbundets rapporter.",
        "tags": ["Webbplatsen"],
        "project": "",
        "body": [
            (
                "paragraph",
                "<p>Webbplatsen är förbundets egen kanal och länkas från de fyra huvudmännens webbplatser. Här "
                "publiceras tertialrapporter och årsredovisningar så att alla intressenter kan följa "
                "verksamheten. Du kan också prenumerera på nyheterna med RSS.</p>",
            ),
        ],
    },
    {
        "slug": "uppsokande-besok",
        "title": "Uppsökande besök: bli en del av nätverket",
        "date": "2006-08-21",
        "lead": "Samordnaren har besökt personalmöten hos alla fyra huvudmännen. Den som vill få nyheter från "
        "förbundet kan anmäla sig till nätverket.",
        "tags": ["Lansering", "Nätverket"],
        "project": "lansering-av-forbundet",
        "body": [
            (
                "paragraph",
                "<p>Besöken planerades tillsammans med Lokala samverkansgruppen. Vid varje besök fick personalen "
                "en muntlig presentation, informationsblad och affisch, och möjlighet att fylla i en "
                "intresseanmälan till förbundets informationsnätverk. Anmäl dig på sidan "
                '<a href="/natverket/">Nätverket</a>.</p>',
            ),
        ],
    },
    {
        "slug": "accessutbildningen-har-startat",
        "title": "Accessutbildningen har startat",
        "date": "2006-09-04",
        "lead": "Förbundets första delprojekt är i full gång. Deltagarna får utbildning och praktik med stöd "
        "från alla fyra huvudmännen.",
        "tags": ["Projekt"],
        "project": "accessutbildning",
        "body": [
            (
                "paragraph",
                "<p>Handläggare från huvudmännen planerar insatserna tillsammans med varje deltagare. Projektet "
                "följs upp i förbundets tertialrapporter.</p>",
            ),
        ],
    },
]

REPORTS = [
    {
        "slug": "tertialrapport-1-2006",
        "title": "Tertialrapport 1 2006",
        "kind": "Tertialrapport",
        "year": 2006,
        "period": "januari–april",
        "summary": "<p>Under årets första tertial har förbundets första delprojekt, accessutbildningen, "
        "startat och kommunikationsplanen tagits fram. Förbundets logotyp är klar och planeringen av "
        "sommarens lansering hos huvudmännen pågår tillsammans med Lokala samverkansgruppen.</p>",
        "pdf": [
            "Genomförda aktiviteter: accessutbildningen har startat; kommunikationsplanen har tagits fram och "
            "godkänts av styrelsen; förbundets logotyp är framtagen.",
            "Nuläge: en verkställande tjänsteman är anställd och ett delprojekt pågår.",
            "Planering: lansering genom uppsökande verksamhet hos huvudmännen under juni-augusti, webbplatsen "
            "byggs, informationsblad och affisch tas fram.",
        ],
    },
    {
        "slug": "arsredovisning-2005",
        "title": "Årsredovisning 2005",
        "kind": "Årsredovisning",
        "year": 2005,
        "period": "maj–december",
        "summary": "<p>Förbundets första verksamhetsår: förbundet bildades i maj 2005, en verkställande "
        "tjänsteman utsågs och styrelsen fastställde verksamhetsplanen för 2006 den 14 december.</p>",
        "pdf": [
            "Förbundet bildades i maj 2005 av Arbetsförmedlingen, Försäkringskassan, Lycksele kommun och landstinget.",
            "En verkställande tjänsteman har utsetts och det första delprojektet har formerats.",
            "Styrelsen fastställde verksamhetsplanen för 2006 den 14 december 2005.",
        ],
    },
]

BLANKETTER = [
    (
        "Ansökan om medel",
        [
            "Sökande organisation:",
            "Kontaktperson, telefon och e-post:",
            "Projektets namn:",
            "Deltagande huvudmän:",
            "Målgrupp och syfte:",
            "Sökt belopp (kr) och period:",
        ],
    ),
    (
        "Mall för projektplan",
        [
            "1. Bakgrund och behov",
            "2. Mål och målgrupp",
            "3. Genomförande och tidsplan",
            "4. Samverkan mellan huvudmännen",
            "5. Budget",
            "6. Uppföljning och utvärdering",
        ],
    ),
]
