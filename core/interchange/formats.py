"""Which program wrote a CSV file, recognised from its header, and the column mapping it implies.

Headers are compared by `header_key` (folded, letters and digits only), so `E-mail Address`,
`Email address` and `EMAIL_ADDRESS` are the same column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from core.kernel.text import fold

# The fields a column can map to. Several columns may map to one multi-valued field;
# the first non-empty value becomes the primary one.
FIELDS = (
    "first_name", "middle_name", "last_name", "full_name", "organisation", "email", "phone",
    "other_email", "other_phone",
    "street", "street2", "city", "region", "postal_code", "country", "notes", "birthday",
    "tags", "labels", "total_spent", "total_orders", "email_consent", "sms_consent",
)
MULTI_FIELDS = frozenset({"email", "phone", "other_email", "other_phone", "tags", "labels",
                          "notes"})
IGNORE = ""

FORMATS = ("google", "outlook", "shopify", "square", "mailchimp", "hubspot", "generic")

_NON_ALNUM = re.compile(r"[\W_]+")


def header_key(name: str) -> str:
    return _NON_ALNUM.sub("", fold(name))


@dataclass(frozen=True)
class FormatSpec:
    name: str
    variant: str
    columns: dict[str, str]  # header as the exporter writes it -> field
    signature: tuple[str, ...]  # headers that together identify this exporter
    day_first: bool | None = None  # None: follow the business locale

    def keyed(self) -> dict[str, str]:
        return {header_key(h): f for h, f in self.columns.items()}


def _numbered(template: str, field: str, count: int) -> dict[str, str]:
    return {template.format(n=n): field for n in range(1, count + 1)}


_GOOGLE_COMMON = {
    "Middle Name": "middle_name", "Birthday": "birthday", "Notes": "notes",
    **_numbered("E-mail {n} - Value", "email", 4), **_numbered("Phone {n} - Value", "phone", 4),
    "Address 1 - Street": "street", "Address 1 - Extended Address": "street2",
    "Address 1 - City": "city", "Address 1 - Region": "region",
    "Address 1 - Postal Code": "postal_code", "Address 1 - Country": "country",
}
GOOGLE = FormatSpec("google", "current", {
    **_GOOGLE_COMMON, "First Name": "first_name", "Last Name": "last_name",
    "Organization Name": "organisation", "Labels": "labels",
}, ("First Name", "Last Name", "Labels", "E-mail 1 - Value", "Organization Name"))
GOOGLE_LEGACY = FormatSpec("google", "legacy", {
    **_GOOGLE_COMMON, "Name": "full_name", "Given Name": "first_name",
    "Additional Name": "middle_name", "Family Name": "last_name",
    "Organization 1 - Name": "organisation", "Group Membership": "labels",
}, ("Given Name", "Family Name", "Group Membership", "E-mail 1 - Value"))
OUTLOOK = FormatSpec("outlook", "", {
    "First Name": "first_name", "Middle Name": "middle_name", "Last Name": "last_name",
    "Company": "organisation", "Birthday": "birthday", "Notes": "notes",
    "E-mail Address": "email", "E-mail 2 Address": "email", "E-mail 3 Address": "email",
    "Mobile Phone": "phone", "Primary Phone": "phone", "Home Phone": "phone",
    "Home Phone 2": "phone", "Business Phone": "phone", "Other Phone": "phone",
    "Home Street": "street", "Home Street 2": "street2", "Home City": "city",
    "Home State": "region", "Home Postal Code": "postal_code", "Home Country": "country",
    "Categories": "tags",
}, ("First Name", "Last Name", "E-mail Address", "Home Street", "Categories"))
_SHOPIFY_COMMON = {
    "First Name": "first_name", "Last Name": "last_name", "Email": "email", "Phone": "phone",
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
SHOPIFY_LEGACY = FormatSpec("shopify", "legacy", {
    **_SHOPIFY_COMMON, "Company": "organisation", "Address1": "street", "Address2": "street2",
    "City": "city", "Province Code": "region", "Country Code": "country", "Zip": "postal_code",
    "Accepts Marketing": "email_consent",
}, ("Address1", "Province Code", "Accepts Marketing", "Total Spent"))
SQUARE = FormatSpec("square", "", {
    "First Name": "first_name", "Last Name": "last_name", "Surname": "last_name",
    "Email Address": "email", "Phone Number": "phone", "Company Name": "organisation",
    "Street Address 1": "street", "Street Address 2": "street2", "City": "city",
    "State": "region", "Postal Code": "postal_code", "Birthday": "birthday", "Memo": "notes",
    "Total Spend": "total_spent", "Transaction Count": "total_orders", "Groups": "tags",
    "Email Subscription Status": "email_consent",
}, ("Square Customer ID", "Email Subscription Status", "Street Address 1", "Phone Number"))
MAILCHIMP = FormatSpec("mailchimp", "", {
    "Email Address": "email", "First Name": "first_name", "Last Name": "last_name",
    "Address": "street", "Phone Number": "phone", "Birthday": "birthday", "NOTES": "notes",
    "TAGS": "tags", "CC": "country",
}, ("Email Address", "MEMBER_RATING", "OPTIN_TIME", "LEID"), day_first=False)
HUBSPOT = FormatSpec("hubspot", "", {
    "First Name": "first_name", "Last Name": "last_name", "Email": "email",
    "Phone Number": "phone", "Mobile Phone Number": "phone", "Street Address": "street",
    "City": "city", "State/Region": "region", "Postal Code": "postal_code",
    "Country/Region": "country", "Company Name": "organisation", "Date of birth": "birthday",
    "Marketing contact status": "email_consent",
}, ("Record ID", "Contact owner", "Lifecycle Stage", "State/Region"))

KNOWN_FORMATS = (GOOGLE, GOOGLE_LEGACY, OUTLOOK, SHOPIFY, SHOPIFY_LEGACY, SQUARE, MAILCHIMP,
                 HUBSPOT)

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
    wanted = [header_key(h) for h in spec.signature]
    return sum(1 for k in wanted if k in keys) / len(wanted)


def map_columns(header: list[str], keyed: dict[str, str]) -> tuple[str, ...]:
    return tuple(keyed.get(header_key(h), IGNORE) for h in header)


def generic_mapping(header: list[str]) -> tuple[str, ...]:
    return map_columns(header, _GENERIC_KEYED)


def detect_format(header: list[str], wanted: str = "auto") -> DetectedFormat:
    """The exporter that wrote `header` ("auto"), or the mapping for the format asked for."""
    keys = {header_key(h) for h in header}
    candidates = [s for s in KNOWN_FORMATS if wanted in ("auto", s.name)]
    scored = sorted(((_score(s, keys), n, s) for n, s in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    if wanted != "generic" and scored and (scored[0][0] >= 0.75 or wanted != "auto"):
        spec = scored[0][2]
        mapping = tuple(
            spec.keyed().get(header_key(h)) or _GENERIC_KEYED.get(header_key(h), IGNORE)
            for h in header
        )
        return DetectedFormat(spec.name, spec.variant, mapping, spec.day_first)
    return DetectedFormat("generic", "", generic_mapping(header), None)
