"""The demo site's texts, written from the association's 2006 communication plan.

Kept apart from the code that builds the pages (home.demo_content) so editors of
the demo can read them in one place. Nothing here reads files at run time. The
demo builds on a new site's starting texts (home.site_texts) and tells its own
story on the about page.
"""

from home.site_texts import (
    CONTACT_INTRO,
    FUNDING_BODY,
    FUNDING_INTRO,
    NEWS_INDEX_INTRO,
    PROJECT_INDEX_INTRO,
    REPORT_INDEX_INTRO,
    accessibility_statement,
    privacy_notice,
)

__all__ = [
    "ABOUT_BODY",
    "ABOUT_INTRO",
    "BLANKETTER",
    "CONTACT_INTRO",
    "FUNDING_BODY",
    "FUNDING_INTRO",
    "NEWS",
    "NEWS_INDEX_INTRO",
    "PEOPLE",
    "PROJECTS",
    "PROJECT_INDEX_INTRO",
    "REPORTS",
    "REPORT_INDEX_INTRO",
    "accessibility_statement",
    "privacy_notice",
]

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

# The second, fictional association of the demo: its own site on *.localhost, so the isolation is visible.
FICTIONAL_NAME = "Samordningsförbundet Exempeldalen (fiktivt)"
FICTIONAL_HOST = "exempeldalen.localhost"
FICTIONAL_PRINCIPALS = [
    "Exempeldalens kommun (fiktiv)|https://exempeldalen.invalid/",
    "Region Exempel (fiktiv)|https://region-exempel.invalid/",
]
FICTIONAL_COORDINATOR = "samordnare@exempeldalen.invalid"
FICTIONAL_FACT_BOX = (
    "<p>Samordningsförbundet Exempeldalen är ett påhittat förbund i demoinnehållet. Det finns inte på riktigt "
    "och visar bara hur ett andra förbund i samma installation ser ut.</p>"
)
FICTIONAL_NEWS = {
    "slug": "exempeldalen-har-en-webbplats",
    "title": "Exempeldalen har fått en egen webbplats",
    "date": "2026-11-02",
    "lead": "Det fiktiva förbundet i Exempeldalen visar att varje förbund har sina egna sidor.",
    "body": [
        ("paragraph", "<p>Den här nyheten finns bara på Exempeldalens webbplats, aldrig på det andra förbundets.</p>")
    ],
}
