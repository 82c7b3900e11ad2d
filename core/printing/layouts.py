"""The default designs: what goes where on a card, folded card, letter and envelope.

Each `draw_*` function draws one recipient's item on the canvas and ends its page(s).
Text reaches the page only through `core.printing.pdf` helpers, which escape it.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from core.customers.types import format_phone
from core.printing import pdf
from core.printing.addresses import PostalAddress, address_lines, home_country
from core.printing.formats import HALF_FOLD, INCH, MM, QUARTER_FOLD, PageFormat
from core.printing.templates import merge
from core.printing.types import Recipient
from core.settings.types import BusinessProfileData

MAX_LETTER_PAGES = 20
LETTER_SHRINK_SLACK = 1.25  # a letter up to this much too long shrinks onto one page


@dataclass(frozen=True)
class Design:
    fmt: PageFormat
    profile: BusinessProfileData
    title: str
    body: str
    styles: pdf.Styles
    logo: pdf.Logo

    def merged(self, recipient: Recipient) -> tuple[str, str]:
        values = recipient.value_map()
        return merge(self.title, values), merge(self.body, values)

    def business_lines(self) -> list[str]:
        """The shop's address as its country writes it, then its phone and email."""
        contact = "  ·  ".join(part for part in (self.phone, self.profile.email) if part)
        return [*self.business_address(), contact] if contact else self.business_address()

    def business_address(self) -> list[str]:
        """The shop's street, city and postcode as its country writes them."""
        p = self.profile
        home = home_country(p.country, p.region, p.locale)
        return list(address_lines(PostalAddress(street=p.street, city=p.city, region=p.state,
                                                postal_code=p.postal_code, country=home),
                                  home_country=home, locale=p.locale))

    @property
    def phone(self) -> str:
        """The shop's number as its own customers dial it: "(503) 555-0142"."""
        return format_phone(self.profile.phone, self.profile.region)


def _message_panel(canvas: Canvas, design: Design, recipient: Recipient, x: float, y: float,
                   width: float, height: float, *, with_logo: bool) -> None:
    """Headline and message at the top, signature at the bottom, lines for a note between."""
    s, margin = design.styles, design.fmt.margin
    inner = width - 2 * margin
    top = y + height - margin
    if with_logo:
        drawn = design.logo.draw(canvas, x + margin, top - 13 * MM, inner, 13 * MM)
        top -= drawn + (4 * MM if drawn else 0)
    title, body = design.merged(recipient)
    message: list[object] = []
    if title.strip():
        message += [pdf.paragraph(title, s.headline), pdf.Ornament(60)]
    message += pdf.paragraphs(body, s.body)
    signature = pdf.lines([design.profile.signature_name], s.signature)
    signature += pdf.lines([design.profile.name], s.small)
    bottom = y + margin
    line_gap = s.body.leading * 1.6
    signature_h = pdf.draw_block(canvas, signature, x + margin, bottom, inner,
                                 (top - bottom) * 0.25, valign="BOTTOM")
    room = top - bottom - signature_h - 2 * line_gap
    used = pdf.draw_block(canvas, message, x + margin, top - room, inner, room)
    gap = top - used - (bottom + signature_h)
    count = max(0, min(5, int((gap - line_gap * 0.6) // line_gap)))
    if count:
        notes = pdf.NoteLines(count, line_gap)
        notes.wrapOn(canvas, inner, gap)
        notes.drawOn(canvas, x + margin, bottom + signature_h + (gap - count * line_gap) / 2)


def _front_cover(canvas: Canvas, design: Design, recipient: Recipient, x: float, y: float,
                 width: float, height: float) -> None:
    s, margin = design.styles, design.fmt.margin * 1.4
    inner = width - 2 * margin
    design.logo.draw(canvas, x + margin, y + height * 0.66, inner, height * 0.2)
    title, _ = design.merged(recipient)
    headline = pdf.aligned(s.headline, pdf.CENTER)
    big = [pdf.paragraph(title or design.profile.name, headline), pdf.Ornament(70)]
    pdf.draw_block(canvas, big, x + margin, y + height * 0.3, inner, height * 0.32,
                   valign="MIDDLE")
    if design.profile.name:
        pdf.draw_block(canvas, [pdf.paragraph(design.profile.name, s.small, pdf.CENTER)],
                       x + margin, y + margin, inner, 14, valign="BOTTOM")


def _back_cover(canvas: Canvas, design: Design, x: float, y: float, width: float,
                height: float) -> None:
    s, margin = design.styles, design.fmt.margin * 1.4
    flow = pdf.lines([design.profile.name, *design.business_lines()], s.small, pdf.CENTER)
    pdf.draw_block(canvas, flow, x + margin, y + margin, width - 2 * margin, height * 0.25,
                   valign="BOTTOM")


def _fold_marks(canvas: Canvas, fmt: PageFormat) -> None:
    """Short ticks at the page edges where the sheet is folded."""
    w, h = fmt.page_size
    canvas.saveState()
    canvas.setStrokeColor(pdf.RULE)
    canvas.setLineWidth(0.4)
    tick = 4 * MM
    canvas.line(w / 2, 0, w / 2, tick)
    canvas.line(w / 2, h - tick, w / 2, h)
    if fmt.fold == QUARTER_FOLD:
        canvas.line(0, h / 2, tick, h / 2)
        canvas.line(w - tick, h / 2, w, h / 2)
    canvas.restoreState()


def draw_card(canvas: Canvas, design: Design, recipient: Recipient) -> None:
    """A single card: logo, headline, message, room for a note, signature."""
    w, h = design.fmt.page_size
    _message_panel(canvas, design, recipient, 0, 0, w, h, with_logo=True)
    canvas.showPage()


def draw_folded(canvas: Canvas, design: Design, recipient: Recipient) -> None:
    fmt = design.fmt
    pw, ph = fmt.panel_size
    if fmt.fold == QUARTER_FOLD:
        # Fold the top half back, then fold in half: the bottom right is the front, the
        # bottom left the back, and the top left (upside down) the inside right.
        _front_cover(canvas, design, recipient, pw, 0, pw, ph)
        _back_cover(canvas, design, 0, 0, pw, ph)
        canvas.saveState()
        canvas.translate(pw, 2 * ph)
        canvas.rotate(180)
        _message_panel(canvas, design, recipient, 0, 0, pw, ph, with_logo=False)
        canvas.restoreState()
        _fold_marks(canvas, fmt)
        canvas.showPage()
        return
    assert fmt.fold == HALF_FOLD
    _front_cover(canvas, design, recipient, pw, 0, pw, ph)
    _back_cover(canvas, design, 0, 0, pw, ph)
    _fold_marks(canvas, fmt)
    canvas.showPage()
    _message_panel(canvas, design, recipient, pw, 0, pw, ph, with_logo=False)
    canvas.showPage()


def _window_box(fmt: PageFormat) -> tuple[float, float, float, float]:
    """Where the recipient's address sits: in a DL or #10 window envelope's window."""
    _, h = fmt.page_size
    if fmt.name == "letter-us":
        return (0.9 * INCH, h - 2.75 * INCH, 3.6 * INCH, 1.1 * INCH)
    return (fmt.margin, h - 90 * MM, 83 * MM, 40 * MM)  # inside the DIN 5008 / DL window


def draw_letterhead(canvas: Canvas, design: Design, x: float, y: float, width: float,
                    height: float, *, logo_share: float) -> None:
    """The logo on the left (in `logo_share` of the width) and the business's name, address
    and contact on the right, in the box with bottom-left (x, y)."""
    s, profile = design.styles, design.profile
    logo_h = design.logo.draw(canvas, x, y, width * logo_share, height, align="left")
    head = pdf.lines([profile.name], s.letterhead, pdf.RIGHT)
    head += pdf.lines(design.business_lines(), s.small, pdf.RIGHT)
    text_x = x + (width * (logo_share + 0.05) if logo_h else 0)
    pdf.draw_block(canvas, head, text_x, y, width - (text_x - x), height, valign="BOTTOM")


def draw_letter(canvas: Canvas, design: Design, recipient: Recipient) -> None:
    """A letter with a letterhead, a window-envelope address, the date and a signature."""
    fmt, s, profile = design.fmt, design.styles, design.profile
    w, h = fmt.page_size
    margin = fmt.margin
    inner = w - 2 * margin
    head_h = 20 * MM
    head_y = h - 14 * MM - head_h
    draw_letterhead(canvas, design, margin, head_y, inner, head_h, logo_share=0.35)
    pdf.rule(canvas, margin, head_y - 4 * MM, inner, pdf.ACCENT, 0.8)

    box_x, box_y, box_w, box_h = _window_box(fmt)
    address = pdf.lines(recipient.address, s.address, pdf.LEFT, width=box_w)
    pdf.draw_block(canvas, address, box_x, box_y, box_w, box_h)
    values = recipient.value_map()
    date_y = box_y - 14 * MM
    pdf.draw_block(canvas, [pdf.paragraph(values["today"], s.body, pdf.RIGHT)],
                   margin, date_y, inner, 14)

    title, body = design.merged(recipient)
    flow: list[object] = []
    if title.strip():
        flow.append(pdf.paragraph(title, s.title))
    flow += pdf.paragraphs(body, s.body)
    flow.append(pdf.spacer(16 * MM))
    if profile.signature_name:
        flow.append(pdf.paragraph(profile.signature_name, s.body))
    if profile.name:
        flow.append(pdf.paragraph(profile.name, s.small))
    footer_h = 12 * MM
    bottom = footer_h + 6 * MM
    room = date_y - 8 * MM - bottom
    # A letter a little too long is set a little smaller; only a long one (a council
    # meeting's notes) runs on to further pages, so a page never holds just a signature.
    if pdf.fits(canvas, flow, inner, room, slack=LETTER_SHRINK_SLACK) or len(flow) < 3:
        pdf.draw_block(canvas, flow, margin, bottom, inner, room)
    else:
        # A long letter (a council meeting's notes) runs on to further pages at full
        # size instead of shrinking into one.
        flow = pdf.fill_frame(canvas, flow, margin, bottom, inner, room)
        page = 1
        while flow:
            _letter_footer(canvas, design, inner, footer_h)
            canvas.showPage()
            page += 1
            top = h - 12 * MM
            head_line = "  ·  ".join(p for p in (recipient.name, f"page {page}") if p)
            pdf.draw_block(canvas, pdf.lines([head_line], s.small, pdf.RIGHT, width=inner),
                           margin, top - 6 * MM, inner, 6 * MM)
            pdf.rule(canvas, margin, top - 8 * MM, inner)
            room = top - 14 * MM - bottom
            if page < MAX_LETTER_PAGES:
                flow = pdf.fill_frame(canvas, flow, margin, bottom, inner, room)
            else:  # the last page takes the rest, shrunk
                pdf.draw_block(canvas, flow, margin, bottom, inner, room)
                flow = []
    _letter_footer(canvas, design, inner, footer_h)
    canvas.showPage()


def _letter_footer(canvas: Canvas, design: Design, inner: float, footer_h: float) -> None:
    profile, s, margin = design.profile, design.styles, design.fmt.margin
    pdf.rule(canvas, margin, footer_h + 2 * MM, inner)
    footer = "  ·  ".join(p for p in (profile.name, design.phone, profile.email) if p)
    pdf.draw_block(canvas, pdf.lines([footer], s.small, pdf.CENTER, width=inner), margin,
                   footer_h - 8 * MM, inner, 8 * MM)


def draw_envelope(canvas: Canvas, design: Design, recipient: Recipient) -> None:
    """Return address top left, recipient's address in the right half, centred vertically."""
    fmt, s = design.fmt, design.styles
    w, h = fmt.page_size
    margin = fmt.margin
    sender = pdf.lines([design.profile.name, *design.business_address()], s.small)
    pdf.draw_block(canvas, sender, margin, h - margin - 30 * MM, w * 0.4, 30 * MM)
    box_x, box_w = w * 0.42, w * 0.58 - margin
    address = pdf.lines(recipient.address, s.address, pdf.LEFT, width=box_w)
    pdf.draw_block(canvas, address, box_x, margin, box_w, h * 0.55, valign="MIDDLE")
    canvas.showPage()
