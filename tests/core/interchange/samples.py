"""Sample exports built from each program's documented header line."""
from __future__ import annotations

import csv
import io
from pathlib import Path

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address"
)
GOOGLE_LEGACY_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,"
    "Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
    "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
    "Organization 1 - Type,Organization 1 - Name"
)
OUTLOOK_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,"
    "Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,"
    "E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,"
    "Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,"
    "Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,"
    "Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,"
    "Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,"
    "Office Location,Organizational ID Number,Profession,Account,Business Address,"
    "Business Street,Business Street 2,Business Street 3,Business Address PO Box,"
    "Business City,Business State,Business Postal Code,Business Country,Other Phone,"
    "Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,"
    "Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,Callback,"
    "Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,"
    "Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,Private,"
    "Categories"
)
SHOPIFY_HEADER = (
    "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,"
    "Default Address Address1,Default Address Address2,Default Address City,"
    "Default Address Province Code,Default Address Country Code,Default Address Zip,"
    "Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,"
    "Tax Exempt,Tags"
)
SHOPIFY_LEGACY_HEADER = (
    "First Name,Last Name,Email,Company,Address1,Address2,City,Province,Province Code,"
    "Country,Country Code,Zip,Phone,Accepts Marketing,Total Spent,Total Orders,Tags,Note,"
    "Tax Exempt"
)
SQUARE_HEADER = (
    "Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,"
    "Street Address 1,Street Address 2,City,State,Postal Code,Birthday,Memo,"
    "Square Customer ID,Creation Source,First Visit,Last Visit,Transaction Count,"
    "Total Spend,Email Subscription Status,Instant Profile"
)
MAILCHIMP_HEADER = (
    "Email Address,First Name,Last Name,Address,Phone Number,Birthday,MEMBER_RATING,"
    "OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,"
    "CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS"
)
HUBSPOT_HEADER = (
    "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Street Address,"
    "City,State/Region,Postal Code,Country/Region,Company Name,Contact owner,"
    "Lifecycle Stage,Marketing contact status,Create Date,Last Activity Date,Date of birth"
)


def rows_for(header: str, records: list[dict[str, str]]) -> list[list[str]]:
    """Full rows for `header`, each record giving some columns by name."""
    names = next(csv.reader([header]))
    return [names] + [[record.get(name, "") for name in names] for record in records]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8",
              delimiter: str = ",", newline: str = "\r\n") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_format(path: Path, header: str, records: list[dict[str, str]], **options: str
                 ) -> Path:
    return write_csv(path, rows_for(header, records), **options)
