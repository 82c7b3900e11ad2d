"""Which program wrote a CSV file, recognised from its header, and the column mapping it implies.

Headers are compared by `header_key` (folded, letters and digits only), so `E-mail Address`,
`Email address` and `EMAIL_ADDRESS` are the same column. When a name comes back (HubSpot
writes `Phone Number` once for the contact and again for its company), the first column of
that name is imported and the others are not: they are listed with the unmapped columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.kernel.text import fold

# The fields a column can map to. Several columns may map to one multi-valued field;
# the first non-empty value becomes the primary one.
FIELDS: tuple[str, ...] = (
    "first_name", "middle_name", "last_name", "full_name", "organisation", "email", "phone",
    "other_email", "other_phone",
    "street", "street2", "city", "region", "postal_code", "country", "notes", "birthday",
    "tags", "labels", "total_spent", "total_orders", "email_consent", "sms_consent",
    "birth_year", "birth_month", "birth_day", "external_id",
)
MULTI_FIELDS = frozenset({"email", "phone", "other_email", "other_phone", "tags", "labels",
                          "notes"})
IGNORE = ""

FORMATS = ("google", "outlook", "shopify", "square", "mailchimp", "hubspot", "thunderbird",
           "generic")
# The program each format's files come from, as a customer's Source names it: the name
# the owner knows, never our code for the format.
PROGRAM_NAMES = {
    "google": "Google Contacts", "outlook": "Outlook", "shopify": "Shopify",
    "square": "Square", "mailchimp": "Mailchimp", "hubspot": "HubSpot",
    "thunderbird": "Thunderbird", "generic": "Spreadsheet", "vcard": "vCard",
}
# Fields that exporters split over several columns; `joined_fields` puts them together.
SPLIT_FIELDS = frozenset({"middle_name", "birth_year", "birth_month", "birth_day"})

_NON_ALNUM = re.compile(r"[\W_]+")


def program_name(format_name: str) -> str:
    """The program a format ("shopify-legacy", "generic") names, as the owner knows it."""
    return PROGRAM_NAMES.get(format_name.partition("-")[0], format_name)


def header_key(name: str) -> str:
    return _NON_ALNUM.sub("", fold(name))


@dataclass(frozen=True)
class FormatSpec:
    name: str
    variant: str
    columns: dict[str, str]  # header as the exporter writes it -> field
    signature: tuple[str, ...]  # headers that together identify this exporter
    day_first: bool | None = None  # None: follow the business locale
    # Header sets only this exporter writes: any one of them present identifies it, even in
    # an export of a few chosen columns that misses most of the signature.
    markers: tuple[tuple[str, ...], ...] = ()
    # Numbered columns without end (Google's `E-mail 7 - Value`): header key pattern -> field.
    numbered: tuple[tuple[str, str], ...] = ()
    # Columns read only when no other column gives their field (HubSpot's `Associated
    # Company` names the organisation of a contact with no `Company Name` of its own).
    fallbacks: tuple[tuple[str, str], ...] = ()

    def keyed(self) -> dict[str, str]:
        return {header_key(h): f for h, f in self.columns.items()}

    def field_of(self, key: str) -> str | None:
        """The field of the column whose header key is `key`, or None if not this exporter's."""
        found = self.keyed().get(key)
        if found is None:
            found = next((f for pattern, f in self.numbered if re.fullmatch(pattern, key)),
                         None)
        return found


_GOOGLE_COMMON = {
    "Middle Name": "middle_name", "Birthday": "birthday", "Notes": "notes",
    "Address 1 - Street": "street", "Address 1 - Extended Address": "street2",
    "Address 1 - City": "city", "Address 1 - Region": "region",
    "Address 1 - Postal Code": "postal_code", "Address 1 - Country": "country",
}
# Google numbers a contact's emails and phones as far as the contact with the most needs.
_GOOGLE_NUMBERED = ((r"email\d+value", "email"), (r"phone\d+value", "phone"))
GOOGLE = FormatSpec("google", "current", {
    **_GOOGLE_COMMON, "First Name": "first_name", "Last Name": "last_name",
    "Organization Name": "organisation", "Labels": "labels",
}, ("First Name", "Last Name", "Labels", "E-mail 1 - Value", "Organization Name"),
    numbered=_GOOGLE_NUMBERED)
GOOGLE_LEGACY = FormatSpec("google", "legacy", {
    **_GOOGLE_COMMON, "Name": "full_name", "Given Name": "first_name",
    "Additional Name": "middle_name", "Family Name": "last_name",
    "Organization 1 - Name": "organisation", "Group Membership": "labels",
}, ("Given Name", "Family Name", "Group Membership", "E-mail 1 - Value"),
    numbered=_GOOGLE_NUMBERED)
OUTLOOK = FormatSpec("outlook", "", {
    "First Name": "first_name", "Middle Name": "middle_name", "Last Name": "last_name",
    "Company": "organisation", "Birthday": "birthday", "Notes": "notes",
    "E-mail Address": "email", "E-mail 2 Address": "email", "E-mail 3 Address": "email",
    "Mobile Phone": "phone", "Primary Phone": "phone", "Home Phone": "phone",
    "Home Phone 2": "phone", "Business Phone": "phone", "Other Phone": "phone",
    "Home Street": "street", "Home Street 2": "street2", "Home City": "city",
    "Home State": "region", "Home Postal Code": "postal_code", "Home Country": "country",
    "Home Country/Region": "country", "Categories": "tags",
}, ("First Name", "Last Name", "E-mail Address", "Home Street", "Categories"))
_SHOPIFY_COMMON = {
    "Customer ID": "external_id", "First Name": "first_name", "Last Name": "last_name",
    "Email": "email", "Phone": "phone",
    "Total Spent": "total_spent", "Total Orders": "total_orders", "Tags": "tags", "Note": "notes",
}
SHOPIFY = FormatSpec("shopify", "current", {
    **_SHOPIFY_COMMON, "Default Address Company": "organisation",
    "Default Address Address1": "street", "Default Address Address2": "street2",
    "Default Address City": "city", "Default Address Province Code": "region",
    "Default Address Country Code": "country", "Default Address Zip": "postal_code",
    "Default Address Phone": "other_phone", "Accepts Email Marketing": "email_consent",
    "Accepts SMS Marketing": "sms_consent",
}, ("Customer ID", "Accepts Email Marketing", "Default Address Address1", "Total Spent"))
# Shopify's customer export before the `Default Address` columns (documented header:
# First Name … Company, Address1, Address2, City, Province, Province Code, Country,
# Country Code, Zip, Phone, Accepts [Email] Marketing, [Accepts SMS Marketing,] Total Spent,
# Total Orders, Tags, Note, Tax Exempt; its last versions start with Customer ID).
SHOPIFY_LEGACY = FormatSpec("shopify", "legacy", {
    **_SHOPIFY_COMMON, "Company": "organisation", "Address1": "street", "Address2": "street2",
    "City": "city", "Province": "region", "Province Code": "region", "Country": "country",
    "Country Code": "country", "Zip": "postal_code", "Accepts Marketing": "email_consent",
    "Accepts Email Marketing": "email_consent", "Accepts SMS Marketing": "sms_consent",
}, ("Address1", "Province Code", "Accepts Marketing", "Total Spent"),
    markers=(("Address1", "Province Code", "Country Code", "Tax Exempt"),))
SQUARE = FormatSpec("square", "", {
    "First Name": "first_name", "Last Name": "last_name", "Surname": "last_name",
    "Email Address": "email", "Phone Number": "phone", "Company Name": "organisation",
    "Street Address 1": "street", "Street Address 2": "street2", "City": "city",
    "State": "region", "Postal Code": "postal_code", "Birthday": "birthday", "Memo": "notes",
    "Total Spend": "total_spent", "Transaction Count": "total_orders", "Groups": "tags",
    "Email Subscription Status": "email_consent", "Square Customer ID": "external_id",
}, ("Square Customer ID", "Email Subscription Status", "Street Address 1", "Phone Number"))
MAILCHIMP = FormatSpec("mailchimp", "", {
    "Email Address": "email", "First Name": "first_name", "Last Name": "last_name",
    "Address": "street", "Phone Number": "phone", "Birthday": "birthday", "NOTES": "notes",
    "TAGS": "tags", "CC": "country",
}, ("Email Address", "MEMBER_RATING", "OPTIN_TIME", "LEID"), day_first=False)
# A contacts export with associated companies repeats the company's `Phone Number`,
# `Country/Region` and `Create Date` after the contact's, and has the contact's
# `Company Name` besides the company's `Company name`: the contact's come first.
HUBSPOT = FormatSpec("hubspot", "", {
    "First Name": "first_name", "Last Name": "last_name", "Email": "email",
    "Phone Number": "phone", "Mobile Phone Number": "phone", "Street Address": "street",
    "City": "city", "State/Region": "region", "Postal Code": "postal_code",
    "Country/Region": "country", "Company Name": "organisation", "Date of birth": "birthday",
    "Marketing contact status": "email_consent", "Record ID": "external_id",
    "Record ID - Contact": "external_id", "Contact ID": "external_id",
}, ("Record ID", "Contact owner", "Lifecycle Stage", "State/Region"),
    markers=(("Record ID - Contact",), ("Record ID", "Contact owner"),
             ("Contact ID", "Contact owner"), ("Contact owner", "Lifecycle Stage")),
    fallbacks=(("Associated Company", "organisation"),
               ("Associated Company Name", "organisation")))
# Thunderbird's address book export, as US and UK builds word it; the work address is not
# imported (listed as not imported), so that no address mixes home and work lines.
THUNDERBIRD = FormatSpec("thunderbird", "", {
    "First Name": "first_name", "Last Name": "last_name", "Display Name": "full_name",
    "Primary Email": "email", "Secondary Email": "email", "Mobile Number": "phone",
    "Home Phone": "phone", "Work Phone": "phone", "Home Address": "street",
    "Home Address 2": "street2", "Home City": "city", "Home State": "region",
    "Home County": "region", "Home ZipCode": "postal_code", "Home Post Code": "postal_code",
    "Home Country": "country", "Organization": "organisation", "Organisation": "organisation",
    "Birth Year": "birth_year", "Birth Month": "birth_month", "Birth Day": "birth_day",
    "Notes": "notes",
}, ("Primary Email", "Secondary Email", "Display Name", "Birth Year"),
    markers=(("Primary Email", "Secondary Email"),))

# Thunderbird writes its export's header in the language of the build (the address book
# field names of its importMsgs.properties, 2100-2136); the fields in the order it writes them.
_THUNDERBIRD_FIELDS = (
    "first_name", "last_name", "full_name", "", "email", "email", "phone", "phone", "", "",
    "phone", "street", "street2", "city", "region", "postal_code", "country", "", "", "", "",
    "", "", "", "", "organisation", "", "", "birth_year", "birth_month", "birth_day", "", "",
    "", "", "notes", "",
)
_THUNDERBIRD_LOCALISED = {
    "de": ("Vorname", "Nachname", "Anzeigename", "Spitzname", "Primäre E-Mail-Adresse",
           "Sekundäre E-Mail-Adresse", "Tel. dienstlich", "Tel. privat", "Fax-Nummer",
           "Pager-Nummer", "Mobil-Tel.-Nr.", "Privat: Adresse", "Privat: Adresse 2",
           "Privat: Ort", "Privat: Bundesland", "Privat: PLZ", "Privat: Land",
           "Dienstlich: Adresse", "Dienstlich: Adresse 2", "Dienstlich: Ort",
           "Dienstlich: Bundesland", "Dienstlich: PLZ", "Dienstlich: Land", "Arbeitstitel",
           "Abteilung", "Organisation", "Webseite 1", "Webseite 2", "Geburtsjahr",
           "Geburtsmonat", "Geburtstag", "Benutzerdef. 1", "Benutzerdef. 2",
           "Benutzerdef. 3", "Benutzerdef. 4", "Notizen", "Messenger-Name"),
    # The work address repeats the home one's City, State and Postcode names: the first
    # column of a name (the home one) is imported.
    "fr": ("Prénom", "Nom de famille", "Nom à afficher", "Surnom",
           "Adresse électronique principale", "Adresse électronique secondaire",
           "Tél. professionnel", "Tél. personnel", "Fax", "Pager", "Portable",
           "Adresse privée", "Adresse privée 2", "Ville", "Pays/État", "Code postal",
           "Pays/Région (domicile)", "Adresse professionnelle", "Adresse professionnelle 2",
           "Ville", "Pays/État", "Code postal", "Pays/Région (bureau)", "Profession",
           "Service", "Société", "Site web 1", "Site web 2", "Année de naissance", "Mois",
           "Jour", "Divers 1", "Divers 2", "Divers 3", "Divers 4", "Notes", "Nom de l’écran"),
    "es": ("Nombre", "Apellidos", "Nombre mostrado", "Apodo",
           "Dirección de correo electrónico principal",
           "Dirección de correo electrónico secundaria", "Teléfono (Trabajo)",
           "Teléfono particular", "Fax", "Buscapersonas", "Teléfono móvil",
           "Dirección personal", "Dirección personal 2", "Ciudad donde vive", "Provincia",
           "Código postal", "País de residencia", "Dirección de trabajo",
           "Dirección de trabajo 2", "Ciudad (Trabajo)", "Provincia (Trabajo)",
           "Código postal (Trabajo)", "País (Trabajo)", "Puesto", "Departamento",
           "Organización", "Página web 1", "Página web 2", "Año de nacimiento",
           "Mes de nacimiento", "Día de nacimiento", "Personalizado 1", "Personalizado 2",
           "Personalizado 3", "Personalizado 4", "Notas", "Nombre en pantalla"),
    "it": ("Nome", "Cognome", "Nome visualizzato", "Soprannome", "Email primaria",
           "Email secondaria", "Telefono lavoro", "Telefono casa", "Numero fax",
           "Numero cercapersone", "Numero cellulare", "Indirizzo di casa",
           "Indirizzo di casa 2", "Città di residenza", "Provincia di residenza",
           "CAP di residenza", "Nazione di residenza", "Indirizzo di lavoro",
           "Indirizzo di lavoro 2", "Città di lavoro", "Provincia di lavoro", "CAP di lavoro",
           "Nazione di lavoro", "Qualifica", "Reparto", "Organizzazione", "Pagina web 1",
           "Pagina web 2", "Anno di nascita", "Mese di nascita", "Giorno di nascita",
           "Personalizzato 1", "Personalizzato 2", "Personalizzato 3", "Personalizzato 4",
           "Note", "Nome Instant Messenger"),
    "nl": ("Voornaam", "Achternaam", "Weergavenaam", "Bijnaam", "Primair e-mailadres",
           "Secundair e-mailadres", "Telefoon werk", "Telefoon thuis", "Faxnummer",
           "Piepernummer", "Mobiel nummer", "Adres", "Adres 2", "Woonplaats", "Provincie",
           "Postcode", "Land", "Werkadres", "Werkadres 2", "Werklocatie", "Werkprovincie",
           "Werkpostcode", "Werkland", "Werkfunctie", "Afdeling", "Organisatie",
           "Webpagina 1", "Webpagina 2", "Geboortejaar", "Geboortemaand", "Geboortedag",
           "Overig 1", "Overig 2", "Overig 3", "Overig 4", "Aantekeningen", "Schermnaam"),
}


def _thunderbird_in(language: str) -> FormatSpec:
    names = _THUNDERBIRD_LOCALISED[language]
    columns: dict[str, str] = {}
    for name, field in zip(names, _THUNDERBIRD_FIELDS):
        if field:
            columns.setdefault(name, field)
    # Primary and Secondary Email, Display Name, Birth Year.
    primary, secondary, display, birth_year = names[4], names[5], names[2], names[28]
    return FormatSpec("thunderbird", "", columns, (primary, secondary, display, birth_year),
                      markers=((primary, secondary),))


THUNDERBIRD_LOCALISED = tuple(_thunderbird_in(language) for language in _THUNDERBIRD_LOCALISED)

KNOWN_FORMATS = (GOOGLE, GOOGLE_LEGACY, OUTLOOK, SHOPIFY, SHOPIFY_LEGACY, SQUARE, MAILCHIMP,
                 HUBSPOT, THUNDERBIRD, *THUNDERBIRD_LOCALISED)

# Spreadsheet headers people type, in English, German, French, Spanish, Italian and Dutch.
GENERIC_SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name": ("first_name", "first name", "firstname", "given name", "forename",
                   "vorname", "prénom", "prenom", "nombre", "nome", "voornaam"),
    "last_name": ("last_name", "last name", "lastname", "surname", "family name", "nachname",
                  "familienname", "nom", "nom de famille", "apellido", "apellidos", "cognome",
                  "achternaam"),
    "full_name": ("name", "full name", "fullname", "display name", "nom complet",
                  "nombre completo", "nome completo", "volledige naam"),
    "organisation": ("organisation", "organization", "company", "firma", "unternehmen",
                     "société", "entreprise", "empresa", "azienda", "bedrijf"),
    "email": ("email", "e-mail", "email address", "e-mail-adresse", "mail", "courriel",
              "adresse e-mail", "correo", "correo electrónico", "posta elettronica",
              "e-mailadres"),
    "other_email": ("other_emails", "other email", "email 2", "secondary email"),
    "phone": ("phone", "telephone", "phone number", "mobile", "cell", "telefon", "handy",
              "telefonnummer", "téléphone", "portable", "teléfono", "móvil", "telefono",
              "cellulare", "telefoon", "telefoonnummer", "mobiel"),
    "other_phone": ("other_phones", "other phone", "phone 2", "secondary phone"),
    # Shopify's, Square's and WooCommerce's address headers too, as shops copy them into
    # their own spreadsheets (Address1, Zip, Country Code).
    "street": ("street", "address", "street address", "address line 1", "address1",
               "address 1", "street address 1", "billing address 1", "straße", "strasse",
               "adresse", "rue", "calle", "dirección", "direccion", "via", "indirizzo",
               "straat", "adres"),
    "street2": ("address2", "address 2", "address line 2", "street address 2", "street 2",
                "billing address 2", "adresszusatz", "complément d'adresse"),
    "city": ("city", "town", "stadt", "ort", "ville", "ciudad", "localidad", "città", "citta",
             "plaats", "woonplaats"),
    "region": ("region", "state", "province", "county", "province code", "state code",
               "bundesland", "région", "provincia", "estado", "regione", "provincie"),
    "postal_code": ("postal_code", "postal code", "postcode", "post code", "zip", "zip code",
                    "plz", "postleitzahl", "code postal", "código postal", "codigo postal",
                    "cap", "codice postale", "postcode nl"),
    "country": ("country", "country code", "country/region", "land", "pays", "país", "pais",
                "paese", "nazione"),
    "notes": ("notes", "note", "comments", "comment", "notizen", "bemerkung", "anmerkungen",
              "remarques", "commentaire", "notas", "comentarios", "note", "opmerkingen",
              "notities"),
    "birthday": ("birthday", "date of birth", "birth date", "dob", "geburtstag",
                 "geburtsdatum", "anniversaire", "date de naissance", "cumpleaños",
                 "fecha de nacimiento", "compleanno", "data di nascita", "verjaardag",
                 "geboortedatum"),
    "tags": ("tags", "tag", "groups", "labels", "schlagwörter", "étiquettes", "etiquetas",
             "etichette"),
    "email_consent": ("accepts marketing", "newsletter", "email consent", "marketing consent",
                      "einwilligung", "consentement", "consentimiento", "consenso"),
}
# Further headers that real spreadsheets and shop systems use (Square's `Memo`, a German
# `Notiz`, a French `Adresse ligne 1`), in the same six languages.
for _field, _names in {
    "first_name": ("given_name", "first", "rufname", "nombre de pila", "primo nome"),
    "last_name": ("family_name", "last", "zuname", "nom de famille", "primer apellido"),
    "full_name": ("contact name", "customer name", "kundenname", "nom du client",
                  "nombre del cliente", "nome cliente", "naam", "klantnaam"),
    "organisation": ("company name", "business name", "firmenname", "nom de l'entreprise",
                     "raison sociale", "nombre de la empresa", "compañía", "compania",
                     "ragione sociale", "nome azienda", "società", "societa", "organisatie",
                     "bedrijfsnaam"),
    "email": ("e-mail address", "email adresse", "emailadresse", "adresse électronique",
              "adresse email", "adresse mail", "correo electronico", "email address 1",
              "indirizzo email", "indirizzo e-mail", "e-mail adres", "emailadres"),
    "phone": ("phone 1", "mobile phone", "mobile number", "cell phone", "tel", "tel.",
              "telefonnummer 1", "mobiltelefon", "mobilnummer", "tél", "tél.",
              "numéro de téléphone", "téléphone portable", "número de teléfono",
              "telefono movil", "teléfono móvil", "celular", "numero di telefono",
              "telefono cellulare", "cellulare", "telefoonnummer 1", "mobiel nummer",
              "gsm"),
    "street": ("street address line 1", "address line1", "street 1", "straße und hausnummer",
               "strasse und hausnummer", "anschrift", "adresszeile 1", "adresse 1",
               "adresse ligne 1", "ligne d'adresse 1", "dirección 1", "direccion 1",
               "línea de dirección 1", "linea de direccion 1", "indirizzo 1",
               "indirizzo riga 1", "adresregel 1", "straatnaam en huisnummer"),
    "street2": ("street address line 2", "address line2", "adresszeile 2", "adresse 2",
                "adresse ligne 2", "ligne d'adresse 2", "dirección 2", "direccion 2",
                "línea de dirección 2", "linea de direccion 2", "indirizzo 2",
                "indirizzo riga 2", "adresregel 2"),
    "city": ("wohnort", "localité", "localite", "municipio", "población", "poblacion",
             "comune", "località", "localita", "gemeente"),
    "region": ("state/province", "state/region", "kanton", "département", "departement",
               "comunidad autónoma", "comunidad autonoma", "regio"),
    "postal_code": ("zip/postal code", "postal", "zipcode", "cp", "codigo postal",
                    "c.a.p."),
    "notes": ("notiz", "memo", "memos", "bemerkungen", "kommentar", "kommentare",
              "anmerkung", "note interne", "notes internes", "observations", "nota",
              "observaciones", "annotazioni", "osservazioni", "commenti", "notitie",
              "opmerking", "aantekeningen"),
    "birthday": ("birthdate", "geburtsdatum", "geb.-datum", "date d'anniversaire",
                 "fecha de cumpleaños", "data di compleanno", "geboren"),
    "tags": ("kategorien", "kategorie", "gruppen", "categories", "catégories", "groupes",
             "categorías", "grupos", "categorie", "gruppi", "categorieën", "groepen"),
}.items():
    GENERIC_SYNONYMS[_field] = (*GENERIC_SYNONYMS[_field], *_names)
# Our own CSV export's id of a customer (core.interchange.external_ids).
GENERIC_SYNONYMS["external_id"] = ("regulars_id",)
# And the rest of its columns, each read as the field of its own name
# (core.interchange.own_fields).
for _name in ("sms_consent", "customer_since", "source", "referred_by", "no_mail", "no_email",
              "no_birthday_cards", "no_calls", "no_campaigns", "visit_count", "last_visit",
              "lifetime_value",
              "lifetime_value_currency", "anniversaries", "life_events"):
    GENERIC_SYNONYMS.setdefault(_name, (_name,))
    if _name not in FIELDS:  # so the import wizard offers them too
        FIELDS = (*FIELDS, _name)
_GENERIC_KEYED = {header_key(s): f for f, names in GENERIC_SYNONYMS.items() for s in names}


@dataclass(frozen=True)
class DetectedFormat:
    name: str
    variant: str
    mapping: tuple[str, ...]  # one field per column (IGNORE for unmapped)
    day_first: bool | None

    @property
    def label(self) -> str:
        return f"{self.name}-{self.variant}" if self.variant else self.name


def _score(spec: FormatSpec, keys: set[str]) -> float:
    """1 when one of the exporter's markers is in the header, else the share of its signature."""
    if any(all(header_key(h) in keys for h in marker) for marker in spec.markers):
        return 1.0
    wanted = [header_key(h) for h in spec.signature]
    return sum(1 for k in wanted if k in keys) / len(wanted)


def repeated_columns(header: list[str]) -> tuple[int, ...]:
    """The columns whose name (compared by header_key) an earlier column already has."""
    seen: set[str] = set()
    repeated = []
    for column, name in enumerate(header):
        key = header_key(name)
        if key and key in seen:
            repeated.append(column)
        seen.add(key)
    return tuple(repeated)


def _first_of_each_name(header: list[str], mapping: tuple[str, ...]) -> tuple[str, ...]:
    repeated = set(repeated_columns(header))
    return tuple(IGNORE if column in repeated else field
                 for column, field in enumerate(mapping))


def map_columns(header: list[str], keyed: dict[str, str]) -> tuple[str, ...]:
    return _first_of_each_name(header, tuple(keyed.get(header_key(h), IGNORE) for h in header))


def generic_mapping(header: list[str]) -> tuple[str, ...]:
    return map_columns(header, _GENERIC_KEYED)


def detect_format(header: list[str], wanted: str = "auto") -> DetectedFormat:
    """The exporter that wrote `header` ("auto"), or the mapping for the format asked for.

    Only the first column of each name is mapped (see the module's docstring)."""
    keys = {header_key(h) for h in header}
    candidates = [s for s in KNOWN_FORMATS if wanted in ("auto", s.name)]
    scored = sorted(((_score(s, keys), n, s) for n, s in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    if wanted != "generic" and scored and (scored[0][0] >= 0.75 or wanted != "auto"):
        spec = scored[0][2]
        mapping = _first_of_each_name(header, tuple(
            spec.field_of(key) or _GENERIC_KEYED.get(key, IGNORE)
            for key in map(header_key, header)
        ))
        return DetectedFormat(spec.name, spec.variant, _with_fallbacks(spec, header, mapping),
                              spec.day_first)
    return DetectedFormat("generic", "", generic_mapping(header), None)


def _with_fallbacks(spec: FormatSpec, header: list[str], mapping: tuple[str, ...]
                    ) -> tuple[str, ...]:
    """`mapping` with the exporter's fallback columns mapped where their field is missing."""
    wanted = {header_key(name): field for name, field in spec.fallbacks
              if field not in mapping}
    if not wanted:
        return mapping
    found = list(mapping)
    for column, key in enumerate(map(header_key, header)):
        field = wanted.get(key)
        if field and field not in found and not found[column]:
            found[column] = field
    return tuple(found)


def joined_fields(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """A raw row (field -> values) with the SPLIT_FIELDS put together as the customer keeps
    them: the middle name after the first name, and Thunderbird's Birth Year, Birth Month
    and Birth Day as one birthday (`1972-01-03`, or `--01-03` without a year; a year alone
    or a month without its day is kept as `1972-?-?`, which the birthday check reports). A
    birthday column, when there is one, wins over the parts."""
    if SPLIT_FIELDS.isdisjoint(raw):
        return raw  # most rows: no middle name, no birthday parts
    joined = {name: values for name, values in raw.items() if name not in SPLIT_FIELDS}
    if middle := raw.get("middle_name"):
        joined["first_name"] = [" ".join([*raw.get("first_name", [])[:1], middle[0]])]
    year, month, day = (raw.get(name, [""])[0] for name in
                        ("birth_year", "birth_month", "birth_day"))
    if (year or month or day) and "birthday" not in raw:
        if not (month and day):  # reported as a birthday that cannot be read, not dropped
            joined["birthday"] = [f"{year or '?'}-{month or '?'}-{day or '?'}"]
        else:
            month, day = month.zfill(2), day.zfill(2)
            joined["birthday"] = [f"{year}-{month}-{day}" if year else f"--{month}-{day}"]
    return joined
