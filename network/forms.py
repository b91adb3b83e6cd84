"""Public forms: the interest registration and the "manage my subscriptions" page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import MailingList, Organisation
from network.signup import PRINTED_SOURCES

CONSENT_TEXT = _(
    "Jag vill få nyheter från Samordningsförbundet Lycksele via e-post. Förbundet sparar mitt namn, "
    "min e-postadress, min organisation och vilka listor jag valt, samt när och varifrån jag gav mitt "
    "samtycke, så länge jag prenumererar. Jag kan när som helst avregistrera mig eller radera mina "
    "uppgifter via länken i varje utskick."
)


class ListChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of mailing lists; values that cannot be a list id are refused before any query."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "invalid_choice": _("Välj bland listorna som visas."),
        "invalid_pk_value": _("Välj bland listorna som visas."),
    }

    def clean(self, value):
        if isinstance(value, list | tuple) and not all(
            isinstance(item, str) and item.isascii() and item.isdigit() and len(item) <= 18 for item in value
        ):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)

    def label_from_instance(self, obj):
        return f"{obj.name} – {obj.description}" if obj.description else obj.name


class SignupForm(forms.Form):
    """Intresseanmälan: who you are, which public lists of the association (``association``), and your consent."""

    name = forms.CharField(
        label=_("Namn"),
        max_length=200,
        error_messages={"required": _("Skriv ditt namn."), "max_length": _("Namnet får vara högst 200 tecken.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv en giltig e-postadress, till exempel namn@example.se."),
            "max_length": _("E-postadressen får vara högst 254 tecken."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        choices=[("", _("Välj organisation"))] + Organisation.choices,
        error_messages={
            "required": _("Välj vilken organisation du tillhör."),
            "invalid_choice": _("Välj en organisation i listan."),
        },
    )
    lists = ListChoiceField(
        label=_("Vad vill du få?"),
        queryset=MailingList.objects.none(),
        error_messages={
            "required": _("Välj minst en lista."),
        },
    )
    consent = forms.BooleanField(
        label=_("Jag samtycker till att förbundet sparar mina uppgifter enligt texten ovan."),
        error_messages={"required": _("Du behöver samtycka för att vi ska kunna skicka nyheter till dig.")},
    )
    # The printed item whose QR code led here (``?kalla=``), carried through the form.
    source = forms.ChoiceField(
        choices=[("", "")] + list(PRINTED_SOURCES.items()),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("Länken till anmälan är felaktig. Öppna anmälan på nytt och fyll i formuläret.")
        },
    )
    website = forms.CharField(
        label=_("Lämna det här fältet tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    consent_text = CONSENT_TEXT

    def __init__(self, *args, association, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = MailingList.objects.filter(association=association, public=True)

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(ord(char) < 32 for char in name):
            raise forms.ValidationError(_("Namnet innehåller otillåtna tecken."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    @property
    def is_bot(self):
        """True when the honeypot field, hidden from people, was filled in."""
        return bool(self.data.get("website"))


MEDIA_CONSENT_TEXT = _(
    "Jag vill få pressmeddelanden från Samordningsförbundet Lycksele via e-post, och nyheter om jag valt det. "
    "Förbundet sparar mitt namn, min e-postadress, min redaktion och vilka utskick jag valt, samt när och "
    "varifrån jag gav mitt samtycke, så länge jag prenumererar. Samordnaren går igenom ansökan till medielistan "
    "innan jag börjar få pressmeddelanden. Jag kan när som helst avregistrera mig eller radera mina uppgifter via "
    "länken i varje utskick."
)
RELEASES, RELEASES_AND_NEWS = "releases", "releases_and_news"


class MediaSignupForm(SignupForm):
    """A journalist's application to the media list, from the press room: who, which outlet, what to get."""

    outlet = forms.CharField(
        label=_("Redaktion eller medium"),
        max_length=200,
        error_messages={
            "required": _("Skriv vilken redaktion eller vilket medium du arbetar för."),
            "max_length": _("Redaktionens namn får vara högst 200 tecken."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    choice = forms.ChoiceField(
        label=_("Vad vill du få?"),
        choices=[
            (RELEASES, _("Bara pressmeddelanden")),
            (RELEASES_AND_NEWS, _("Pressmeddelanden och nyheter")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj om du vill få bara pressmeddelanden eller även nyheter."),
            "invalid_choice": _("Välj ett av alternativen."),
        },
    )

    consent_text = MEDIA_CONSENT_TEXT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organisation"], self.fields["lists"]
        self.fields["consent"].error_messages["required"] = _(
            "Du behöver samtycka för att vi ska kunna skicka pressmeddelanden till dig."
        )

    def clean_outlet(self):
        outlet = self.cleaned_data["outlet"].strip()
        if any(ord(char) < 32 for char in outlet):
            raise forms.ValidationError(_("Redaktionens namn innehåller otillåtna tecken."))
        return outlet


class ManageForm(forms.Form):
    """The lists a person is on, to change through their personal link."""

    lists = ListChoiceField(label=_("Dina listor"), queryset=MailingList.objects.none(), required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = queryset


class EraseEverywhereForm(forms.Form):
    """A platform administrator erasing an address in every association confirms it explicitly."""

    confirm = forms.BooleanField(
        label=_("Ja, radera adressen och allt om personen i alla förbund. Det går inte att ångra."),
        error_messages={"required": _("Kryssa i rutan för att bekräfta att adressen ska raderas i alla förbund.")},
    )


class EraseForm(forms.Form):
    """Erasing everything needs an explicit confirmation."""

    confirm = forms.BooleanField(
        label=_("Ja, radera alla mina uppgifter. Jag förstår att det inte går att ångra."),
        error_messages={"required": _("Kryssa i rutan för att bekräfta att du vill radera dina uppgifter.")},
    )
