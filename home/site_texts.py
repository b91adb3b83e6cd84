"""The starting texts of a new site: what ``init_site`` writes for the editors to edit.

Real texts, not lorem ipsum: the accessibility statement and the privacy notice say
what this software does (tests, cookies, consent, retention) and which law applies,
so an association only checks them and fills in its own details. Texts that name
the association or its contact details are functions of the organisation values
(``home.site_setup.PLACEHOLDERS`` until an editor fills them in).
"""

from django.conf import settings

from network.api import tracks_persons

TRACKING_AGGREGATE = (
    "<p><b>Statistik över utskick.</b> E-posttjänsten kan rapportera till oss när ett mejl har levererats, "
    "studsat, öppnats eller när någon har klickat på en länk i det. Leveranser och studsar sparar vi per adress "
    "(se ovan). Öppningar och klick sparar vi bara som <b>antal per utskick och timme</b>: vi sparar inte vem som "
    "öppnade ett mejl eller klickade på en länk.</p>"
)
TRACKING_PER_PERSON = (
    "<p><b>Öppningar och klick per mottagare.</b> E-posttjänsten rapporterar till oss när ett mejl öppnas (med "
    "en liten osynlig bild i mejlet) och när någon klickar på en länk i det (länkarna går via e-posttjänsten). "
    "Vi sparar för varje mottagare <b>när mejlet först öppnades</b> och <b>när en länk först klickades</b>, för "
    "att se vilka utskick som når fram och intresserar. Uppgifterna sparas lika länge som leveransuppgifterna, "
    "ingår i ditt registerutdrag och raderas med dem. Du undviker registreringen genom att inte visa bilder i "
    "mejlet.</p>"
)

ABOUT_INTRO = "[Skriv en mening om vad förbundet gör och för vem.]"
ABOUT_BODY = [
    ("heading", "Bakgrund"),
    ("paragraph", "<p>[När och varför förbundet bildades, och enligt vilken lag.]</p>"),
    ("heading", "Målsättning"),
    ("paragraph", "<p>[Förbundets övergripande mål.]</p>"),
    ("heading", "Organisation"),
    (
        "paragraph",
        "<p>[Förbundets medlemmar (huvudmännen), styrelsen, samordnaren och andra grupper.]</p>",
    ),
    ("heading", "Styrande dokument"),
    (
        "paragraph",
        "<p>[Förbundsordning, verksamhetsplan och andra styrande dokument. Rapporter och årsredovisningar "
        "publiceras under Rapporter.]</p>",
    ),
    ("heading", "Öppenhet"),
    (
        "paragraph",
        "<p>Förbundet är en offentlig aktör: handlingar som kommer in till eller upprättas hos förbundet är "
        "allmänna handlingar som du har rätt att ta del av.</p>",
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
        "<li>Skicka in ansökan med budget och tidsplan (blanketterna finns nedan) senast sista ansökningsdagen."
        "</li>"
        "<li>Beredningsgruppen bereder ansökan, styrelsen beslutar på sitt nästa möte och du får besked "
        "efter beslutet.</li>"
        "<li>Beviljade projekt redovisar sitt arbete till förbundet och presenteras under Projekt.</li></ol>",
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


def contact_details(org):
    """The e-mail and postal address as the texts write them, with a placeholder where none is filled in."""
    email = org["email"] or "[e-postadress]"
    postal = ", ".join(line.strip() for line in org["postal_address"].splitlines() if line.strip())
    return email, postal or "[postadress]"


def accessibility_statement(org):
    """The accessibility statement (lagen om tillgänglighet till digital offentlig service): intro and body."""
    email, postal = contact_details(org)
    intro = (
        f"{org['name']} står bakom den här webbplatsen. Vi vill att så många som möjligt ska kunna "
        "använda den. Här beskriver vi hur webbplatsen uppfyller lagen om tillgänglighet till digital offentlig "
        "service, vilka brister vi känner till och hur du kan rapportera problem så att vi kan åtgärda dem."
    )
    body = [
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
            f"i stället för PDF, kan du kontakta oss med e-post på {email} eller "
            f"ringa {org['phone']}. Vi svarar normalt inom fem arbetsdagar.</p>",
        ),
        ("heading", "Rapportera brister i webbplatsens tillgänglighet"),
        (
            "paragraph",
            "<p>Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som "
            "inte beskrivs här, eller om du tycker att vi inte uppfyller lagen, meddela oss så att vi får veta att "
            f"problemet finns: skicka e-post till {email} och berätta på vilken sida "
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
    return intro, body


def privacy_notice(org):
    """The privacy notice (dataskyddsförordningen): intro and body.

    The retention of rejected and withdrawn funding applications is the applications plugin's
    ``APPLICATIONS_RETENTION_DAYS``, read here as a setting (home imports no plugin).
    """
    email, postal = contact_details(org)
    retention_days = getattr(settings, "APPLICATIONS_RETENTION_DAYS", 365)
    intro = (
        f"Här berättar vi vilka personuppgifter {org['name']} behandlar, varför, hur länge och "
        "vilka rättigheter du har."
    )
    body = [
        ("heading", "Personuppgiftsansvarig"),
        (
            "paragraph",
            f"<p>{org['name']} är personuppgiftsansvarigt för behandlingen som beskrivs här. Du når "
            f"oss på {email}, {org['phone']} eller {postal}.</p>",
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
            "<p><b>Journalister</b> kan ansöka om att få pressmeddelanden i pressrummet. Då sparar vi samma "
            "uppgifter som ovan och <b>redaktionen</b> du skriver. Efter din bekräftelse går samordnaren igenom "
            "ansökan; en avslagen ansökan raderas. Väljer du även nyheter skickar vi dem efter din bekräftelse.</p>"
            + (TRACKING_PER_PERSON if tracks_persons() else TRACKING_AGGREGATE)
            + "<p>Listorna för pressen, för huvudmännens förtroendevalda, för Lokala samverkansgruppen och för "
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
            "<p>Bifogade filer (ansökan, budget, tidsplan) sparas med ansökan. Du får ett kvitto med en personlig "
            "länk där du kan se hur långt ärendet har kommit; länken visar bara ditt eget ärende.</p>"
            "<p>En ansökan blir en allmän handling hos förbundet. Den kan lämnas ut enligt offentlighetsprincipen "
            "och sparas eller gallras enligt arkivlagen och förbundets dokumenthanteringsplan.</p>"
            "<p><b>Gallring.</b> Får ansökan avslag eller återkallas raderas sökandens namn, e-postadress och "
            f"telefonnummer och alla bilagor automatiskt <b>{retention_days} dagar</b> efter beslutet eller "
            "återkallandet. Kvar blir diarienumret, projektets namn, huvudmännen, perioden och beloppet. En "
            "beviljad ansökan ligger till grund för styrelsens beslut och sparas enligt arkivlagen.</p>",
        ),
        ("heading", "Anmälan till presskonferenser och evenemang"),
        (
            "paragraph",
            "<p>När du anmäler dig till en presskonferens eller ett evenemang på webbplatsen sparar vi ditt "
            "<b>namn</b>, din <b>e-postadress</b>, din <b>organisation eller redaktion</b> och när du anmälde dig. "
            "Uppgifterna används bara för att ordna evenemanget (deltagarlista, besked om ändringar) och visas för "
            "samordnaren. De ingår i ditt registerutdrag och raderas när du raderar dina uppgifter, eller på "
            "begäran. Behandlingen bygger på förbundets uppgift att informera allmänheten och medierna (artikel "
            "6.1 e).</p>",
        ),
        ("heading", "Rättslig grund och hur länge vi sparar uppgifterna"),
        (
            "paragraph",
            "<ul><li><b>Nätverket och journalisters ansökan i pressrummet:</b> ditt samtycke (artikel 6.1 a i "
            "dataskyddsförordningen). Uppgifterna sparas "
            "tills du avregistrerar dig eller tar tillbaka samtycket. Obekräftade anmälningar raderas efter 30 "
            "dagar.</li>"
            "<li><b>Övriga sändlistor:</b> uppgift av allmänt intresse (artikel 6.1 e), förbundets uppdrag att "
            "informera huvudmännen och allmänheten. Uppgifterna sparas så länge du har uppdraget eller tills du "
            "avregistrerar dig.</li>"
            "<li><b>Ansökningar om medel:</b> uppgift av allmänt intresse (artikel 6.1 e) och rättslig förpliktelse "
            "enligt arkivlagen (artikel 6.1 c). Ansökningar sparas enligt dokumenthanteringsplanen; vid avslag "
            f"eller återkallelse raderas personuppgifterna och bilagorna efter {retention_days} dagar.</li>"
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
    return intro, body
